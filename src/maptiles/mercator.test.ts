import { describe, expect, it } from 'vitest';
import {
  latOfMercatorY,
  lonOfMercatorX,
  MAX_MERCATOR_LAT,
  mercatorX,
  mercatorY,
  tileBounds,
  tileOf,
  toWorldUnits,
  WORLD_UNITS,
} from './mercator.js';

/** The textbook formula (OSM wiki, "Slippy map tilenames"), written independently of the module. */
function slippyTile(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

describe('Web Mercator', () => {
  it('puts (0°, 0°) in the middle and the square’s corners at ±180°, ±85.05°', () => {
    expect(mercatorX(0)).toBe(0.5);
    expect(mercatorY(0)).toBeCloseTo(0.5, 15);
    expect(mercatorX(-180)).toBe(0);
    expect(mercatorY(MAX_MERCATOR_LAT)).toBeCloseTo(0, 12);
    expect(mercatorY(-MAX_MERCATOR_LAT)).toBeCloseTo(1, 12);
    // Beyond the square: clamped.
    expect(mercatorY(89.9)).toBeCloseTo(0, 12);
  });

  it('finds the same tiles as the OSM wiki formula', () => {
    for (const [lon, lat] of [
      [14.6357, 63.1792],
      [18.0686, 59.3293],
      [-122.4194, 37.7749],
      [151.2093, -33.8688],
    ])
      for (const z of [0, 5, 10, 14, 16])
        expect(tileOf(lon, lat, z), `${lon} ${lat} z${z}`).toEqual(slippyTile(lon, lat, z));
    // Östersund at zoom 10, worked by hand: x = 194.6357 / 360 · 1024 = 553.6,
    // y = (1 − ln(tan φ + sec φ) / π) / 2 · 1024 = (1 − 1.4341 / π) / 2 · 1024 = 278.3.
    expect(tileOf(14.6357, 63.1792, 10)).toEqual({ x: 553, y: 278 });
  });

  it('inverts: positions come back from world coordinates and tile bounds contain their tile', () => {
    for (const lat of [-80, -33.5, 0, 45, 63.18, 69.06])
      expect(latOfMercatorY(mercatorY(lat))).toBeCloseTo(lat, 10);
    for (const lon of [-179, -20, 0, 14.6, 179.9])
      expect(lonOfMercatorX(mercatorX(lon))).toBeCloseTo(lon, 10);
    const { x, y } = tileOf(14.6357, 63.1792, 12);
    const [w, s, e, n] = tileBounds(12, x, y);
    expect(w).toBeLessThan(14.6357);
    expect(e).toBeGreaterThan(14.6357);
    expect(s).toBeLessThan(63.1792);
    expect(n).toBeGreaterThan(63.1792);
    expect(tileOf((w + e) / 2, (s + n) / 2, 12)).toEqual({ x, y });
  });

  it('stores world coordinates as 32-bit units, clamped', () => {
    expect(toWorldUnits(0)).toBe(0);
    expect(toWorldUnits(0.5)).toBe(2 ** 31);
    expect(toWorldUnits(1)).toBe(WORLD_UNITS - 1);
    expect(toWorldUnits(-0.1)).toBe(0);
    // About a centimetre at the equator.
    expect(40_075_016 / WORLD_UNITS).toBeLessThan(0.01);
  });
});
