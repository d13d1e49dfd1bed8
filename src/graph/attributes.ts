/**
 * Edge attributes stored in the graph file: road class codes and flag bits. The codes are part of
 * the file format (a `.sotgraph` stores the numbers), so only ever append to these lists.
 */

/** Road classes in code order: `ROAD_CLASSES[code]` is the OSM `highway` value (or `ferry`). */
export const ROAD_CLASSES = [
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'track',
  'road',
  'ferry',
] as const;

export type RoadClass = (typeof ROAD_CLASSES)[number];

/** Code of a class name. */
export const ROAD_CLASS_CODE: Readonly<Record<RoadClass, number>> = Object.fromEntries(
  ROAD_CLASSES.map((c, i) => [c, i]),
) as Record<RoadClass, number>;

/**
 * Edge flag bits. Scenarios close edges by these (all ferries, one bridge, fords in a flood), so
 * chain contraction never merges pieces whose flags differ.
 */
export const EdgeFlag = {
  bridge: 1,
  tunnel: 2,
  ford: 4,
  ferry: 8,
  /** Unpaved surface (gravel, dirt …): slower, and closed first in a thaw (tjällossning). */
  unpaved: 16,
  /**
   * Set on the edge running against its segment's stored geometry (head → tail), so one geometry
   * serves both directions of a two-way road.
   */
  reversed: 128,
} as const;

/** The flags that describe the road itself (everything but `reversed`). */
export const ROAD_FLAG_MASK =
  EdgeFlag.bridge | EdgeFlag.tunnel | EdgeFlag.ford | EdgeFlag.ferry | EdgeFlag.unpaved;

/** Names of the set road flags, for display and metadata. */
export function flagNames(flags: number): string[] {
  const names: string[] = [];
  for (const [name, bit] of Object.entries(EdgeFlag))
    if (name !== 'reversed' && flags & bit) names.push(name);
  return names;
}
