/**
 * The credit under the road background, decided from where the road graph came from.
 *
 * A graph built from real OpenStreetMap data must credit OpenStreetMap (ODbL). The demo region is
 * invented by SOT itself (src/demo/generate.ts writes `<osm generator="sot-demo">`), so crediting
 * OpenStreetMap for it would be false, and users must see that its roads are not real. The graph
 * records the OSM file's generator (`GraphMeta.source.generator`); only SOT's own demo generator
 * gets the fictional-region text. Anything else — another generator, none, a graph built before
 * the generator was recorded, or no readable graph — credits OpenStreetMap: wrongly crediting
 * OSM misleads no one about licences, while leaving the credit off real data breaks the licence.
 */
import type { DemoManifest } from '../demo/generate.js';
import type { GraphMeta } from '../graph/road-graph.js';

/** The `generator` the demo writer puts in its OSM file (typed to follow src/demo/generate.ts). */
export const DEMO_OSM_GENERATOR: DemoManifest['generator'] = 'sot-demo';

/** Credit for roads from OpenStreetMap data, as its licence asks. */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

/** Shown instead for the demo region: it is invented, and its roads are not real roads. */
export const DEMO_ATTRIBUTION = 'Fiktiv demoregion (SOT) – inte verkliga vägar';

/** The attribution for roads drawn from a graph with this metadata (null: no readable graph). */
export function roadAttribution(meta: Pick<GraphMeta, 'source'> | null): string {
  return meta?.source?.generator === DEMO_OSM_GENERATOR ? DEMO_ATTRIBUTION : OSM_ATTRIBUTION;
}
