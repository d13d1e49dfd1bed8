/**
 * GeoPackage geometry blobs (OGC GeoPackage 1.x, §2.1.3): a `GP` header (version, flags, SRS id,
 * optional envelope) followed by standard WKB. Only what population grids need is read: points
 * (a cell's centre or corner) and polygons/multipolygons (the cell square, reduced to its
 * bounding box).
 *
 * WKB geometry types are accepted in the ISO form (1 point, 3 polygon, 6 multipolygon, +1000 Z,
 * +2000 M, +3000 ZM) and the EWKB form (high bits 0x80000000 Z, 0x40000000 M, 0x20000000 SRID).
 */

/** What a geometry tells about a grid cell. */
export type CellGeometry =
  | { type: 'point'; x: number; y: number }
  | { type: 'box'; minX: number; minY: number; maxX: number; maxY: number }
  | { type: 'empty' };

export class GeometryError extends Error {}

/** Envelope byte lengths by the flags' envelope indicator (bits 1–3). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** Parses a GeoPackage geometry blob. */
export function parseGpkgGeometry(blob: Uint8Array): { srsId: number; geometry: CellGeometry } {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50)
    throw new GeometryError('not a GeoPackage geometry (no GP header)');
  const flags = blob[3];
  if (flags & 0b0010_0000) throw new GeometryError('extended GeoPackage geometries are not supported');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const littleEndian = (flags & 1) === 1;
  const srsId = view.getInt32(4, littleEndian);
  const envelope = (flags >> 1) & 0b111;
  if (envelope >= ENVELOPE_BYTES.length)
    throw new GeometryError(`invalid envelope indicator ${envelope} in the GeoPackage header`);
  if (flags & 0b1_0000) return { srsId, geometry: { type: 'empty' } };
  const start = 8 + ENVELOPE_BYTES[envelope];
  if (start >= blob.length) throw new GeometryError('geometry blob ends after its header');
  return { srsId, geometry: parseWkb(view, start) };
}

interface Cursor {
  view: DataView;
  at: number;
}

function readHeader(c: Cursor): { type: number; dims: number; le: boolean } {
  if (c.at + 5 > c.view.byteLength) throw new GeometryError('WKB ends early');
  const order = c.view.getUint8(c.at);
  if (order > 1) throw new GeometryError(`invalid WKB byte order ${order}`);
  const le = order === 1;
  let raw = c.view.getUint32(c.at + 1, le);
  c.at += 5;
  let dims = 2;
  if (raw & 0x20000000) c.at += 4; // EWKB SRID
  if (raw & 0x80000000) dims++;
  if (raw & 0x40000000) dims++;
  raw &= 0x0fffffff;
  const iso = Math.floor(raw / 1000);
  if (iso === 1 || iso === 2) dims++;
  else if (iso === 3) dims += 2;
  return { type: raw % 1000, dims, le };
}

function readPoints(c: Cursor, dims: number, le: boolean, box: number[]): void {
  if (c.at + 4 > c.view.byteLength) throw new GeometryError('WKB ends early');
  const count = c.view.getUint32(c.at, le);
  c.at += 4;
  if (c.at + count * dims * 8 > c.view.byteLength) throw new GeometryError('WKB ends inside a ring');
  for (let i = 0; i < count; i++) {
    const x = c.view.getFloat64(c.at, le);
    const y = c.view.getFloat64(c.at + 8, le);
    c.at += dims * 8;
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
}

function readPolygon(c: Cursor, dims: number, le: boolean, box: number[]): void {
  if (c.at + 4 > c.view.byteLength) throw new GeometryError('WKB ends early');
  const rings = c.view.getUint32(c.at, le);
  c.at += 4;
  // The exterior ring is the cell; holes cannot widen it, but must be skipped.
  const ignored = [0, 0, 0, 0];
  for (let r = 0; r < rings; r++) readPoints(c, dims, le, r === 0 ? box : ignored);
}

/** Parses WKB at `start` into a point or the bounding box of a (multi)polygon. */
export function parseWkb(view: DataView, start = 0): CellGeometry {
  const c: Cursor = { view, at: start };
  const h = readHeader(c);
  if (h.type === 1) {
    if (c.at + 16 > view.byteLength) throw new GeometryError('WKB ends inside a point');
    const x = view.getFloat64(c.at, h.le);
    const y = view.getFloat64(c.at + 8, h.le);
    if (Number.isNaN(x) || Number.isNaN(y)) return { type: 'empty' };
    return { type: 'point', x, y };
  }
  const box = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  if (h.type === 3) readPolygon(c, h.dims, h.le, box);
  else if (h.type === 6) {
    if (c.at + 4 > view.byteLength) throw new GeometryError('WKB ends early');
    const parts = view.getUint32(c.at, h.le);
    c.at += 4;
    for (let p = 0; p < parts; p++) {
      const part = readHeader(c);
      if (part.type !== 3) throw new GeometryError(`multipolygon part of WKB type ${part.type}`);
      readPolygon(c, part.dims, part.le, box);
    }
  } else
    throw new GeometryError(
      `WKB geometry type ${h.type} is not a point or polygon (population cells are points or squares)`,
    );
  if (box[0] > box[2]) return { type: 'empty' };
  return { type: 'box', minX: box[0], minY: box[1], maxX: box[2], maxY: box[3] };
}

/**
 * Builds a GeoPackage geometry blob (little-endian, no envelope) from WKB. Used by tests and by
 * anyone writing a small GeoPackage; kept beside the parser so the two agree.
 */
export function gpkgBlob(srsId: number, wkb: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + wkb.length);
  out[0] = 0x47;
  out[1] = 0x50;
  out[2] = 0;
  out[3] = 1; // little-endian header, no envelope
  new DataView(out.buffer).setInt32(4, srsId, true);
  out.set(wkb, 8);
  return out;
}

/** Little-endian WKB of a point. */
export function wkbPoint(x: number, y: number): Uint8Array {
  const b = new DataView(new ArrayBuffer(21));
  b.setUint8(0, 1);
  b.setUint32(1, 1, true);
  b.setFloat64(5, x, true);
  b.setFloat64(13, y, true);
  return new Uint8Array(b.buffer);
}

/** Little-endian WKB of a polygon with one ring (closed by the caller or not). */
export function wkbPolygon(ring: [number, number][]): Uint8Array {
  const b = new DataView(new ArrayBuffer(13 + ring.length * 16));
  b.setUint8(0, 1);
  b.setUint32(1, 3, true);
  b.setUint32(5, 1, true);
  b.setUint32(9, ring.length, true);
  ring.forEach(([x, y], i) => {
    b.setFloat64(13 + i * 16, x, true);
    b.setFloat64(21 + i * 16, y, true);
  });
  return new Uint8Array(b.buffer);
}
