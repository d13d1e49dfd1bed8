/**
 * Small planar geometry helpers on GeoJSON coordinates (lon, lat). Boundaries are simplified
 * polygons and points are checked one at a time, so plain ray casting is enough.
 */

export type Position = [number, number] | number[];
export type Ring = Position[];
export type PolygonCoords = Ring[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoords;
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: PolygonCoords[];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function pointInPolygonCoords(lon: number, lat: number, polygon: PolygonCoords): boolean {
  if (polygon.length === 0 || !pointInRing(lon, lat, polygon[0])) return false;
  for (let h = 1; h < polygon.length; h++) if (pointInRing(lon, lat, polygon[h])) return false;
  return true;
}

/** True when the point lies inside the (multi)polygon, holes excluded. */
export function pointInGeometry(lon: number, lat: number, geometry: AreaGeometry): boolean {
  if (geometry.type === 'Polygon') return pointInPolygonCoords(lon, lat, geometry.coordinates);
  return geometry.coordinates.some((p) => pointInPolygonCoords(lon, lat, p));
}

export function geometryBBox(geometry: AreaGeometry): BBox {
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const p of ring) {
        if (p[0] < minLon) minLon = p[0];
        if (p[0] > maxLon) maxLon = p[0];
        if (p[1] < minLat) minLat = p[1];
        if (p[1] > maxLat) maxLat = p[1];
      }
  return [minLon, minLat, maxLon, maxLat];
}

export function isAreaGeometry(g: unknown): g is AreaGeometry {
  if (!g || typeof g !== 'object') return false;
  const t = (g as { type?: unknown }).type;
  const c = (g as { coordinates?: unknown }).coordinates;
  return (t === 'Polygon' || t === 'MultiPolygon') && Array.isArray(c);
}

/** Great-circle distance in metres (haversine); accurate to well under 0.5 % at Swedish latitudes. */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = 6_371_008.8;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
