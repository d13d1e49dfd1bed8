import { describe, expect, it } from 'vitest';
import { haversineMetres } from './haversine.js';

describe('haversineMetres', () => {
  it('gives one degree of latitude as about 111.2 km and is symmetric', () => {
    expect(haversineMetres(63, 14, 64, 14)).toBeCloseTo(111_195, -1);
    expect(haversineMetres(64, 14, 63, 14)).toBe(haversineMetres(63, 14, 64, 14));
  });

  it('shrinks longitude distances by the cosine of the latitude', () => {
    const atEquator = haversineMetres(0, 0, 0, 0.01);
    const at60 = haversineMetres(60, 0, 60, 0.01);
    expect(at60 / atEquator).toBeCloseTo(0.5, 3);
  });

  it('measures Stockholm–Östersund as about 466 km', () => {
    expect(haversineMetres(59.3293, 18.0686, 63.1792, 14.6357) / 1000).toBeCloseTo(466, -1);
  });
});
