import { beforeAll, describe, expect, it } from 'vitest';
import type { RoadGraph } from '../graph/road-graph.js';
import { DEMO_ATTRIBUTION, OSM_ATTRIBUTION } from './attribution.js';
import { tileOf } from './mercator.js';
import { buildRoadTileData, type RoadTileData, roadTileBounds } from './road-tile-data.js';
import { buildRoadTile } from './road-tiles.js';
import { MIN_ROAD_ZOOM } from './road-zoom.js';
import { decodeTile } from './test-mvt-decode.js';
import { at, buildTestRoads } from './test-roads.js';
import { ROAD_SOURCE_MAXZOOM, ROAD_TILE_PATH, roadTileJson } from './tilejson.js';

const ORIGIN = 'https://sot.example:8443';
let graph: RoadGraph;
let data: RoadTileData;

beforeAll(async () => {
  graph = await buildTestRoads();
  data = buildRoadTileData(graph);
});

describe('roadTileJson', () => {
  it('describes the tiles of a graph: absolute URL, zooms, the roads’ bounds, its attribution', () => {
    const bounds = roadTileBounds(data);
    const doc = roadTileJson(ORIGIN, { version: '1-abc', meta: graph.meta, bounds });
    expect(doc).toMatchObject({
      tilejson: '3.0.0',
      tiles: [`${ORIGIN}/api/map/roads/{z}/{x}/{y}.mvt?v=1-abc`],
      minzoom: MIN_ROAD_ZOOM,
      maxzoom: ROAD_SOURCE_MAXZOOM,
      bounds,
      // The test network is written by "sot-test": not the demo, so OpenStreetMap is credited.
      attribution: OSM_ATTRIBUTION,
    });
    expect(ROAD_TILE_PATH).toBe('/api/map/roads/{z}/{x}/{y}.mvt');
    const demo = { ...graph.meta, source: { path: 'region.osm', bytes: 1, generator: 'sot-demo' } };
    expect(roadTileJson(ORIGIN, { version: '1-abc', meta: demo, bounds }).attribution).toBe(DEMO_ATTRIBUTION);
  });

  it('without a graph: no bounds, and the OpenStreetMap credit', () => {
    const doc = roadTileJson(ORIGIN, null);
    expect(doc).not.toHaveProperty('bounds');
    expect(doc.attribution).toBe(OSM_ATTRIBUTION);
    expect(doc.tiles).toEqual([`${ORIGIN}${ROAD_TILE_PATH}`]);
  });

  it('lists the layer and exactly the properties the tiles carry', () => {
    const [layer] = roadTileJson(ORIGIN, null).vector_layers;
    // A tile with every kind of road of the test network: motorway, tunnel, bridge, ferry.
    const z = 12;
    const t = tileOf(at(50, 0).lon, at(50, 0).lat, z);
    const seen = new Set<string>();
    let name = '';
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const l of decodeTile(buildRoadTile(data, z, t.x + dx, t.y + dy))) {
          name = l.name;
          for (const f of l.features) for (const k of Object.keys(f.properties)) seen.add(k);
        }
    expect(layer.id).toBe(name);
    expect([...seen].sort()).toEqual(Object.keys(layer.fields).sort());
  });
});
