import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { ROAD_CLASSES } from '../../../src/graph/attributes.js';
import { ROAD_TILEJSON_PATH as SERVER_TILEJSON_PATH } from '../../../src/maptiles/tilejson.js';
import { KIND_COLORS, SERVICE_POINT_KINDS } from '../../../src/shared/kinds.js';
import {
  buildMapStyle,
  kindColorExpression,
  MAP_IDS,
  placeRadiusAtZoom10,
  ROAD_GROUPS,
  ROAD_TILEJSON_PATH,
  ROAD_WIDTHS,
  roadWidthExpression,
} from './style.js';

const ORIGIN = 'http://sot.local:8080';
const ids = (style: ReturnType<typeof buildMapStyle>) => style.layers.map((l) => l.id);

describe('map style', () => {
  it('is a valid MapLibre style that needs nothing from the internet', () => {
    const style = buildMapStyle({ origin: ORIGIN });
    expect(validateStyleMin(style as never)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    // Text labels would need glyph files: names go in popups and the side list instead.
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
    // The only URL is our own server's road TileJSON (which names the tiles).
    const urls = JSON.stringify(style).match(/https?:[^"]*/g) ?? [];
    expect(urls).toEqual([`${ORIGIN}${ROAD_TILEJSON_PATH}`]);
    expect(ROAD_TILEJSON_PATH).toBe(SERVER_TILEJSON_PATH);
  });

  it('takes the roads from the server TileJSON, attribution included, overriding none of it', () => {
    const style = buildMapStyle({ origin: ORIGIN });
    // MapLibre lets a source's own tiles, zooms or attribution win over its TileJSON; the credit
    // depends on the graph (OpenStreetMap or the fictional demo), so only the server may set it.
    expect(style.sources[MAP_IDS.roads]).toEqual({
      type: 'vector',
      url: `${ORIGIN}/api/map/roads.json`,
    });
    expect(JSON.stringify(style)).not.toMatch(/OpenStreetMap/);
  });

  it('draws our road tiles above the territory fill and below the border line and points', () => {
    const style = buildMapStyle({ origin: ORIGIN });
    const order = ids(style);
    const roadLayers = [MAP_IDS.roadsFerry, MAP_IDS.roadsCasing, MAP_IDS.roadsFill];
    for (const id of roadLayers) {
      expect(order.indexOf(id), id).toBeGreaterThan(order.indexOf(MAP_IDS.boundariesFill));
      expect(order.indexOf(id), id).toBeLessThan(order.indexOf(MAP_IDS.boundariesLine));
      expect(order.indexOf(id), id).toBeLessThan(order.indexOf(MAP_IDS.placesCircle));
      const layer = style.layers.find((l) => l.id === id) as { source: string; 'source-layer': string };
      expect(layer.source).toBe(MAP_IDS.roads);
      expect(layer['source-layer']).toBe('roads');
    }
    // The white inside goes over the outline; ferries are dashed.
    expect(order.indexOf(MAP_IDS.roadsFill)).toBeGreaterThan(order.indexOf(MAP_IDS.roadsCasing));
    const ferry = style.layers.find((l) => l.id === MAP_IDS.roadsFerry) as { paint: Record<string, unknown> };
    expect(ferry.paint['line-dasharray']).toBeDefined();
  });

  it('leaves our roads out when raster tiles are configured, or when there is no origin', () => {
    const raster = buildMapStyle({ origin: ORIGIN, tileUrl: 'https://tiles.example/{z}/{x}/{y}.png' });
    expect(raster.sources[MAP_IDS.roads]).toBeUndefined();
    expect(ids(raster).filter((id) => id.startsWith('roads'))).toEqual([]);
    // Outside a browser there is no page origin to build absolute tile URLs from.
    expect(buildMapStyle().sources[MAP_IDS.roads]).toBeUndefined();
    expect(validateStyleMin(buildMapStyle() as never)).toEqual([]);
  });

  it('widens roads with zoom, bigger classes wider, and the white inside narrower than the outline', () => {
    const outline = roadWidthExpression() as unknown[];
    const inside = roadWidthExpression(2.5) as unknown[];
    expect(outline.slice(0, 3)).toEqual(['interpolate', ['exponential', 1.4], ['zoom']]);
    const widthAt = (expr: unknown[], stop: number, cls: string) => {
      const match = expr[4 + 2 * stop] as unknown[];
      const arm = match.findIndex((v, i) => i >= 2 && Array.isArray(v) && v.includes(cls));
      return arm > 0 ? (match[arm + 1] as number) : (match[match.length - 1] as number);
    };
    for (let stop = 0; stop < ROAD_WIDTHS.length; stop++) {
      expect(widthAt(outline, stop, 'motorway')).toBeGreaterThanOrEqual(widthAt(outline, stop, 'tertiary'));
      expect(widthAt(outline, stop, 'tertiary')).toBeGreaterThanOrEqual(
        widthAt(outline, stop, 'residential'),
      );
      expect(widthAt(outline, stop, 'residential')).toBeGreaterThanOrEqual(widthAt(outline, stop, 'track'));
      for (const cls of ['motorway', 'secondary', 'residential', 'service'])
        expect(widthAt(inside, stop, cls)).toBe(Math.max(0, widthAt(outline, stop, cls) - 2.5));
      if (stop > 0)
        expect(widthAt(outline, stop, 'primary')).toBeGreaterThan(widthAt(outline, stop - 1, 'primary'));
    }
    // Every class the tiles can carry is in exactly one group (ferries are drawn on their own).
    const grouped = Object.values(ROAD_GROUPS).flat();
    expect(new Set(grouped).size).toBe(grouped.length);
    expect([...grouped].sort()).toEqual(ROAD_CLASSES.filter((c) => c !== 'ferry').sort());
  });

  it('adds the configured raster tiles below our layers, with attribution', () => {
    const style = buildMapStyle({
      tileUrl: 'https://tiles.example/{z}/{x}/{y}.png',
      tileAttribution: '© Example',
      origin: ORIGIN,
    });
    expect(validateStyleMin(style as never)).toEqual([]);
    expect(style.sources[MAP_IDS.tiles]).toMatchObject({ type: 'raster', attribution: '© Example' });
    const order = style.layers.map((l) => l.id);
    expect(order.indexOf(MAP_IDS.tiles)).toBeLessThan(order.indexOf(MAP_IDS.boundariesFill));
    expect(order.indexOf(MAP_IDS.placesCircle)).toBeLessThan(order.indexOf(MAP_IDS.pointsCircle));
  });

  it('colours every kind with its shared colour', () => {
    const expr = kindColorExpression() as unknown[];
    for (const kind of SERVICE_POINT_KINDS) {
      const i = expr.indexOf(kind);
      expect(i, kind).toBeGreaterThan(1);
      expect(expr[i + 1]).toBe(KIND_COLORS[kind]);
    }
  });

  it('sizes places by the square root of their population', () => {
    const base = placeRadiusAtZoom10(0);
    // Four times the people, twice the radius growth: area follows population.
    expect(placeRadiusAtZoom10(40_000) - base).toBeCloseTo(2 * (placeRadiusAtZoom10(10_000) - base));
    expect(placeRadiusAtZoom10(-5)).toBe(base);
  });
});
