import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { KIND_COLORS, SERVICE_POINT_KINDS } from '../../../src/shared/kinds.js';
import { buildMapStyle, kindColorExpression, MAP_IDS, placeRadiusAtZoom10 } from './style.js';

describe('map style', () => {
  it('is a valid MapLibre style that needs nothing from the internet', () => {
    const style = buildMapStyle();
    expect(validateStyleMin(style as never)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    // Text labels would need glyph files: names go in popups and the side list instead.
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
    expect(JSON.stringify(style)).not.toMatch(/https?:/);
  });

  it('adds the configured raster tiles below our layers, with attribution', () => {
    const style = buildMapStyle({
      tileUrl: 'https://tiles.example/{z}/{x}/{y}.png',
      tileAttribution: '© Example',
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
