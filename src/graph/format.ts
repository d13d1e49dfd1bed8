/**
 * The `.sotgraph` file: a road graph as one versioned binary file that loads with a single read
 * and typed-array views over the buffer (no per-element parsing or copying), so a county graph
 * is ready in well under a second.
 *
 * ## Byte layout (version 1)
 *
 * All integers little-endian. Offsets are from the start of the file.
 *
 * | offset | size | content |
 * |---|---|---|
 * | 0 | 8 | magic `SOTGRAPH` (ASCII) |
 * | 8 | 4 | u32 format version (1) |
 * | 12 | 4 | u32 section count K |
 * | 16 | 8 | reserved, zero |
 * | 24 | 24·K | section table |
 *
 * Each section table entry: 4-byte ASCII tag, u32 element type (1 u8, 2 i32, 3 f32, 4 f64,
 * 5 UTF-8 JSON), u64 byte offset, u64 byte length. Every section starts on an 8-byte boundary
 * (gaps are zero), so typed arrays can view it in place. Readers find sections by tag and
 * ignore tags they do not know; a missing required tag makes the file invalid.
 *
 * With n nodes, m edges, S segments and P geometry points:
 *
 * | tag | type | count | content |
 * |---|---|---|---|
 * | `META` | json | – | {@link GraphMeta}: source (file, size, generator), build time, profile, counts, dropped components |
 * | `FOFS` | i32 | n+1 | forward CSR: first outgoing edge of each node |
 * | `FHED` | i32 | m | head node of each edge |
 * | `FTIM` | i32 | m | travel time, deciseconds (≥ 1) |
 * | `FLEN` | f32 | m | length, metres |
 * | `EFLG` | u8 | m | `EdgeFlag` bits: 1 bridge, 2 tunnel, 4 ford, 8 ferry, 16 unpaved, 128 reversed |
 * | `ECLS` | u8 | m | road class code (`ROAD_CLASSES`) |
 * | `ESEG` | i32 | m | segment of each edge |
 * | `BOFS` | i32 | n+1 | backward CSR: first incoming edge of each node |
 * | `BHED` | i32 | m | tail node of each incoming edge |
 * | `BTIM` | i32 | m | its time (copy of `FTIM`, for locality) |
 * | `BLEN` | f32 | m | its length |
 * | `BEDG` | i32 | m | the forward edge it is |
 * | `NLAT` | i32 | n | node latitude × 10⁷ |
 * | `NLON` | i32 | n | node longitude × 10⁷ |
 * | `NOSM` | f64 | n | OSM node id |
 * | `SEGA` | i32 | S | segment start node |
 * | `SEGB` | i32 | S | segment end node |
 * | `SWAY` | f64 | S | OSM way id |
 * | `SEDG` | i32 | 2S | forward edge a→b, then b→a (-1 when that direction is not allowed) |
 * | `GOFS` | i32 | S+1 | first geometry point of each segment |
 * | `GLAT` | i32 | P | geometry latitude × 10⁷ (segment a → b, ends included) |
 * | `GLON` | i32 | P | geometry longitude × 10⁷ |
 *
 * Version changes: adding a section does not change the version; changing the meaning or type
 * of an existing one does, and old files are then rejected with a "rebuild the graph" message.
 * The same holds for `META`: an added optional field (as `source.generator`, the program that
 * wrote the OSM file) is no new version, and readers treat its absence in older files as unknown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, ErrorIds } from '../errors.js';
import type { GraphMeta, RoadGraph } from './road-graph.js';

export const GRAPH_FORMAT_VERSION = 1;
const MAGIC = 'SOTGRAPH';
const HEADER_BYTES = 24;
const ENTRY_BYTES = 24;

const Type = { u8: 1, i32: 2, f32: 3, f64: 4, json: 5 } as const;
type TypeCode = (typeof Type)[keyof typeof Type];
type Typed = Uint8Array | Int32Array | Float32Array | Float64Array;

const ELEMENT_BYTES: Record<TypeCode, number> = { 1: 1, 2: 4, 3: 4, 4: 8, 5: 1 };

function typeOf(a: Typed): TypeCode {
  if (a instanceof Uint8Array) return Type.u8;
  if (a instanceof Int32Array) return Type.i32;
  if (a instanceof Float32Array) return Type.f32;
  return Type.f64;
}

const invalid = (file: string, reason: string) =>
  new AppError(ErrorIds.graphInvalid, 400, `${file} is not a readable SOT graph: ${reason}`, [{ reason }]);

function sections(g: RoadGraph): [string, Typed][] {
  return [
    ['META', new TextEncoder().encode(JSON.stringify(g.meta))],
    ['FOFS', g.forward.firstOut],
    ['FHED', g.forward.head],
    ['FTIM', g.forward.time],
    ['FLEN', g.forward.length],
    ['EFLG', g.edgeFlags],
    ['ECLS', g.edgeClass],
    ['ESEG', g.edgeSegment],
    ['BOFS', g.backward.firstOut],
    ['BHED', g.backward.head],
    ['BTIM', g.backward.time],
    ['BLEN', g.backward.length],
    ['BEDG', g.backward.edge],
    ['NLAT', g.nodeLat],
    ['NLON', g.nodeLon],
    ['NOSM', g.nodeOsmId],
    ['SEGA', g.segmentA],
    ['SEGB', g.segmentB],
    ['SWAY', g.segmentWay],
    ['SEDG', g.segmentEdges],
    ['GOFS', g.geometryStart],
    ['GLAT', g.geometryLat],
    ['GLON', g.geometryLon],
  ];
}

const align8 = (x: number) => (x + 7) & ~7;

function assertLittleEndian(): void {
  if (os.endianness() !== 'LE')
    throw new AppError(ErrorIds.internal, 500, 'SOT graph files need a little-endian CPU');
}

/**
 * Writes the graph to `file` (via a temporary file and rename, so readers never see half a
 * file). Creates the directory when needed.
 */
export function writeGraph(file: string, g: RoadGraph): void {
  assertLittleEndian();
  const list = sections(g);
  const header = Buffer.alloc(align8(HEADER_BYTES + ENTRY_BYTES * list.length));
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(GRAPH_FORMAT_VERSION, 8);
  header.writeUInt32LE(list.length, 12);
  let offset = header.length;
  list.forEach(([tag, data], i) => {
    const at = HEADER_BYTES + ENTRY_BYTES * i;
    header.write(tag, at, 'latin1');
    header.writeUInt32LE(tag === 'META' ? Type.json : typeOf(data), at + 4);
    header.writeBigUInt64LE(BigInt(offset), at + 8);
    header.writeBigUInt64LE(BigInt(data.byteLength), at + 16);
    offset = align8(offset + data.byteLength);
  });
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, header);
    const pad = Buffer.alloc(8);
    for (const [, data] of list) {
      writeAll(fd, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      const gap = align8(data.byteLength) - data.byteLength;
      if (gap > 0) fs.writeSync(fd, pad, 0, gap);
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function writeAll(fd: number, buf: Buffer): void {
  // writeSync may write less than asked for large buffers; loop until done.
  let done = 0;
  while (done < buf.length) done += fs.writeSync(fd, buf, done, Math.min(buf.length - done, 1 << 30));
}

/** Reads the whole file into a fresh (8-byte aligned) ArrayBuffer with positional reads. */
function readWhole(file: string): ArrayBuffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = new ArrayBuffer(size);
    const bytes = new Uint8Array(buf);
    let done = 0;
    while (done < size) {
      const n = fs.readSync(fd, bytes, done, Math.min(size - done, 1 << 30), done);
      if (n === 0) break;
      done += n;
    }
    if (done !== size) throw invalid(file, 'file shrank while reading');
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Loads a graph file. The arrays of the result are views over one buffer holding the file.
 *
 * @throws AppError `file_not_found`; `graph_file_invalid` (not a graph file, truncated, another
 *   format version, a missing section).
 */
export function readGraph(file: string): RoadGraph {
  assertLittleEndian();
  if (!fs.existsSync(file)) throw new AppError(ErrorIds.fileNotFound, 404, `Graph file ${file} not found`);
  const buf = readWhole(file);
  const view = new DataView(buf);
  const text = (at: number, len: number) => String.fromCharCode(...new Uint8Array(buf, at, len));
  if (buf.byteLength < HEADER_BYTES || text(0, 8) !== MAGIC) throw invalid(file, 'no SOTGRAPH header');
  const version = view.getUint32(8, true);
  if (version !== GRAPH_FORMAT_VERSION)
    throw invalid(
      file,
      `format version ${version}, this SOT reads ${GRAPH_FORMAT_VERSION}; rebuild the graph`,
    );
  const count = view.getUint32(12, true);
  if (HEADER_BYTES + ENTRY_BYTES * count > buf.byteLength) throw invalid(file, 'truncated section table');
  const table = new Map<string, { type: number; offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + ENTRY_BYTES * i;
    const entry = {
      type: view.getUint32(at + 4, true),
      offset: Number(view.getBigUint64(at + 8, true)),
      length: Number(view.getBigUint64(at + 16, true)),
    };
    if (entry.offset % 8 !== 0 || entry.offset + entry.length > buf.byteLength)
      throw invalid(file, `section ${text(at, 4)} lies outside the file`);
    table.set(text(at, 4), entry);
  }
  function section<T extends Typed>(
    tag: string,
    ctor: { new (b: ArrayBuffer, o: number, l: number): T },
    type: TypeCode,
  ): T {
    const e = table.get(tag);
    if (!e) throw invalid(file, `section ${tag} missing`);
    if (e.type !== type || e.length % ELEMENT_BYTES[type] !== 0)
      throw invalid(file, `section ${tag} has the wrong type`);
    return new ctor(buf, e.offset, e.length / ELEMENT_BYTES[type]);
  }
  const metaBytes = section('META', Uint8Array, Type.json);
  let meta: GraphMeta;
  try {
    meta = JSON.parse(new TextDecoder().decode(metaBytes)) as GraphMeta;
  } catch {
    throw invalid(file, 'metadata is not JSON');
  }
  const nodeLat = section('NLAT', Int32Array, Type.i32);
  const head = section('FHED', Int32Array, Type.i32);
  const geometryStart = section('GOFS', Int32Array, Type.i32);
  const graph: RoadGraph = {
    nodeCount: nodeLat.length,
    edgeCount: head.length,
    forward: {
      firstOut: section('FOFS', Int32Array, Type.i32),
      head,
      time: section('FTIM', Int32Array, Type.i32),
      length: section('FLEN', Float32Array, Type.f32),
    },
    backward: {
      firstOut: section('BOFS', Int32Array, Type.i32),
      head: section('BHED', Int32Array, Type.i32),
      time: section('BTIM', Int32Array, Type.i32),
      length: section('BLEN', Float32Array, Type.f32),
      edge: section('BEDG', Int32Array, Type.i32),
    },
    meta,
    nodeLat,
    nodeLon: section('NLON', Int32Array, Type.i32),
    nodeOsmId: section('NOSM', Float64Array, Type.f64),
    edgeFlags: section('EFLG', Uint8Array, Type.u8),
    edgeClass: section('ECLS', Uint8Array, Type.u8),
    edgeSegment: section('ESEG', Int32Array, Type.i32),
    segmentCount: geometryStart.length - 1,
    segmentA: section('SEGA', Int32Array, Type.i32),
    segmentB: section('SEGB', Int32Array, Type.i32),
    segmentWay: section('SWAY', Float64Array, Type.f64),
    segmentEdges: section('SEDG', Int32Array, Type.i32),
    geometryStart,
    geometryLat: section('GLAT', Int32Array, Type.i32),
    geometryLon: section('GLON', Int32Array, Type.i32),
  };
  checkShape(file, graph);
  return graph;
}

/** Cheap consistency checks on counts, so a damaged file fails here and not inside a search. */
function checkShape(file: string, g: RoadGraph): void {
  const n = g.nodeCount;
  const m = g.edgeCount;
  const S = g.segmentCount;
  const P = g.geometryLat.length;
  const want: [string, number, number][] = [
    ['FOFS', g.forward.firstOut.length, n + 1],
    ['BOFS', g.backward.firstOut.length, n + 1],
    ['FTIM', g.forward.time.length, m],
    ['FLEN', g.forward.length.length, m],
    ['BHED', g.backward.head.length, m],
    ['BTIM', g.backward.time.length, m],
    ['BLEN', g.backward.length.length, m],
    ['BEDG', g.backward.edge.length, m],
    ['EFLG', g.edgeFlags.length, m],
    ['ECLS', g.edgeClass.length, m],
    ['ESEG', g.edgeSegment.length, m],
    ['NLON', g.nodeLon.length, n],
    ['NOSM', g.nodeOsmId.length, n],
    ['SEGA', g.segmentA.length, S],
    ['SEGB', g.segmentB.length, S],
    ['SWAY', g.segmentWay.length, S],
    ['SEDG', g.segmentEdges.length, 2 * S],
    ['GLON', g.geometryLon.length, P],
  ];
  for (const [tag, got, expected] of want)
    if (got !== expected) throw invalid(file, `section ${tag} has ${got} entries, expected ${expected}`);
  if (n > 0 && (g.forward.firstOut[n] !== m || g.backward.firstOut[n] !== m))
    throw invalid(file, 'edge offsets do not match the edge count');
  if (S < 0 || g.geometryStart[S] !== P) throw invalid(file, 'geometry offsets do not match the point count');
}
