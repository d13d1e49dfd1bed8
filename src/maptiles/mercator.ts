/**
 * Web Mercator (EPSG:3857) as slippy-map tiles use it: the world is a unit square, x east from
 * longitude −180°, y *south* from latitude +85.0511° (where the square ends); tile (z, x, y)
 * covers `[x, x + 1] / 2^z × [y, y + 1] / 2^z` of it.
 *
 * Positions are stored as unsigned 32-bit "world units" (the unit square × 2^32): about 1 cm at
 * the equator, and half the memory of a pair of doubles.
 */

/** Latitude where the Mercator square ends, degrees. */
export const MAX_MERCATOR_LAT = 85.0511287798066;

/** The unit square × this = world units. */
export const WORLD_UNITS = 4294967296; // 2^32

/** World x (0 … 1) of a longitude. */
export function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

/** World y (0 … 1, 0 at the north edge) of a latitude; clamped to the Mercator square. */
export function mercatorY(lat: number): number {
  const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

/** Longitude of a world x. */
export function lonOfMercatorX(x: number): number {
  return x * 360 - 180;
}

/** Latitude of a world y. */
export function latOfMercatorY(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/** A world coordinate (0 … 1) as world units, clamped to the 32-bit range. */
export function toWorldUnits(v: number): number {
  return Math.min(WORLD_UNITS - 1, Math.max(0, Math.floor(v * WORLD_UNITS)));
}

/** Number of tiles along each axis at zoom `z`. */
export function tilesAtZoom(z: number): number {
  return 2 ** z;
}

/** The tile (at zoom `z`) holding a longitude/latitude. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = tilesAtZoom(z);
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v * n)));
  return { x: clamp(mercatorX(lon)), y: clamp(mercatorY(lat)) };
}

/** [west, south, east, north] of tile (z, x, y), degrees. */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const n = tilesAtZoom(z);
  return [
    lonOfMercatorX(x / n),
    latOfMercatorY((y + 1) / n),
    lonOfMercatorX((x + 1) / n),
    latOfMercatorY(y / n),
  ];
}
