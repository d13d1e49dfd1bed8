/**
 * Which road classes a road tile of a given zoom holds. Fewer classes at small zooms keeps a
 * tile that covers a whole county small and quick to build, and the map readable:
 *
 * | from tile zoom | classes |
 * |---|---|
 * | 5  | motorway, trunk, primary |
 * | 8  | their links, secondary, tertiary, ferry |
 * | 10 | secondary and tertiary links, unclassified, road |
 * | 11 | residential, living_street, service, track (everything) |
 *
 * Below zoom 5 tiles are empty. `unclassified` comes in a step before the streets because in
 * rural Sweden it is the small public or private road that joins villages and farms to the
 * network, which a coordinator needs to see at the scale of a municipality. MapLibre draws
 * 512-pixel vector tiles of zoom z at map zoom z, so the table reads as map zooms too.
 */
import { ROAD_CLASS_CODE, ROAD_CLASSES, type RoadClass } from '../graph/attributes.js';

/** Smallest tile zoom with roads. */
export const MIN_ROAD_ZOOM = 5;

/** The zoom bands of the table above: each band's first zoom and its classes. */
export const ROAD_ZOOM_BANDS: readonly { minZoom: number; classes: readonly RoadClass[] }[] = [
  { minZoom: 5, classes: ['motorway', 'trunk', 'primary'] },
  {
    minZoom: 8,
    classes: ['motorway_link', 'trunk_link', 'primary_link', 'secondary', 'tertiary', 'ferry'],
  },
  { minZoom: 10, classes: ['secondary_link', 'tertiary_link', 'unclassified', 'road'] },
  { minZoom: 11, classes: ['residential', 'living_street', 'service', 'track'] },
];

/** Band index of each class code (unknown codes from a newer graph go into the last band). */
export const BAND_OF_CLASS: Uint8Array = (() => {
  const out = new Uint8Array(256).fill(ROAD_ZOOM_BANDS.length - 1);
  ROAD_ZOOM_BANDS.forEach((band, i) => {
    for (const c of band.classes) out[ROAD_CLASS_CODE[c]] = i;
  });
  return out;
})();

/** The first tile zoom that shows a class. */
export function minZoomOfClass(cls: RoadClass): number {
  return ROAD_ZOOM_BANDS[BAND_OF_CLASS[ROAD_CLASS_CODE[cls]]].minZoom;
}

/** Class name of a code, for the `class` property (`road` for a code this version does not know). */
export function classNameOf(code: number): RoadClass {
  return ROAD_CLASSES[code] ?? 'road';
}
