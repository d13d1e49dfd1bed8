/**
 * GeoJSON input. The file is read whole and parsed with JSON.parse: the files SOT imports
 * (municipality boundaries, a few ten thousand points) are a few MB, so streaming would add
 * complexity for nothing. Files above {@link GEOJSON_MAX_BYTES} are refused with a clear error.
 */
import fs from 'node:fs';
import { AppError, ErrorIds } from '../errors.js';

/** Largest GeoJSON file accepted (JSON.parse holds it in memory several times over). */
export const GEOJSON_MAX_BYTES = 512 * 1024 * 1024;

export interface GeoJsonFeature {
  type: 'Feature';
  id?: string | number;
  geometry: { type: string; coordinates?: unknown } | null;
  properties: Record<string, unknown> | null;
}

export interface GeoJsonCollection {
  features: GeoJsonFeature[];
  /** `sweref99tm` when the (pre-RFC 7946) `crs` member names EPSG:3006, else `wgs84`. */
  crs: 'wgs84' | 'sweref99tm';
  /** Every property name used by any feature, in first-seen order. */
  propertyNames: string[];
}

function formatError(message: string, line?: number, field?: string): AppError {
  return new AppError(ErrorIds.importFormat, 400, message, [
    { ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}), reason: message },
  ]);
}

/**
 * Reads a FeatureCollection (or a single Feature).
 *
 * @throws AppError `import_format_invalid` when the file is not JSON or not GeoJSON features.
 */
export function readGeoJson(
  path: string,
  onBytes?: (done: number, total: number) => void,
): GeoJsonCollection {
  const size = fs.statSync(path).size;
  if (size > GEOJSON_MAX_BYTES)
    throw formatError(
      `GeoJSON file is ${Math.round(size / 1e6)} MB; the limit is ${GEOJSON_MAX_BYTES / 1024 / 1024} MB. Split it or use CSV.`,
    );
  const text = fs.readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  onBytes?.(size, size);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw formatError(`The file is not valid JSON${line ? ` (line ${line})` : ''}: ${msg}`, line);
  }
  const obj = json as { type?: unknown; features?: unknown; crs?: unknown };
  let features: unknown[];
  if (obj && obj.type === 'FeatureCollection' && Array.isArray(obj.features)) features = obj.features;
  else if (obj && obj.type === 'Feature') features = [obj];
  else
    throw formatError(
      'The file is JSON but not GeoJSON: expected {"type": "FeatureCollection", "features": [...]}',
      undefined,
      'type',
    );
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i] as GeoJsonFeature | null;
    if (!f || typeof f !== 'object' || f.type !== 'Feature')
      throw formatError(`Feature ${i + 1} is not a GeoJSON Feature`, i + 1, 'type');
    if (f.properties !== null && f.properties !== undefined && typeof f.properties !== 'object')
      throw formatError(`Feature ${i + 1} has properties that are not an object`, i + 1, 'properties');
    for (const k of Object.keys(f.properties ?? {}))
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
  }
  const crsName = JSON.stringify(obj.crs ?? '');
  const crs = /3006|SWEREF/i.test(crsName) ? 'sweref99tm' : 'wgs84';
  return { features: features as GeoJsonFeature[], crs, propertyNames: names };
}

type Pos = number[];

function ringAreaCentroid(ring: Pos[]): { a: number; x: number; y: number } {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += cross;
    x += (ring[j][0] + ring[i][0]) * cross;
    y += (ring[j][1] + ring[i][1]) * cross;
  }
  return { a: a / 2, x, y };
}

const isPos = (p: unknown): p is Pos =>
  Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/**
 * A representative point of a geometry as [x, y]: the point itself, the first point of a
 * MultiPoint, or the area-weighted centroid of the outer rings of a (Multi)Polygon. Null when the
 * geometry is missing or malformed.
 */
export function representativePoint(g: GeoJsonFeature['geometry']): Pos | null {
  if (!g) return null;
  const c = g.coordinates;
  if (g.type === 'Point') return isPos(c) ? c : null;
  if (g.type === 'MultiPoint') return Array.isArray(c) && isPos(c[0]) ? c[0] : null;
  let polygons: unknown[];
  if (g.type === 'Polygon') polygons = [c];
  else if (g.type === 'MultiPolygon' && Array.isArray(c)) polygons = c;
  else return null;
  let area = 0;
  let sx = 0;
  let sy = 0;
  let vx = 0;
  let vy = 0;
  let vn = 0;
  for (const poly of polygons) {
    if (!Array.isArray(poly) || !Array.isArray(poly[0])) return null;
    const ring = poly[0] as unknown[];
    if (!ring.every(isPos)) return null;
    const r = ringAreaCentroid(ring as Pos[]);
    area += r.a;
    sx += r.x;
    sy += r.y;
    for (const p of ring as Pos[]) {
      vx += p[0];
      vy += p[1];
      vn++;
    }
  }
  if (vn === 0) return null;
  // Degenerate (zero-area) rings: fall back to the mean of the vertices.
  if (Math.abs(area) < 1e-12) return [vx / vn, vy / vn];
  return [sx / (6 * area), sy / (6 * area)];
}
