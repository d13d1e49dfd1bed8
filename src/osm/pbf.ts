/**
 * Streaming reader for OpenStreetMap `.osm.pbf` files, written from the format description at
 * https://wiki.openstreetmap.org/wiki/PBF_Format.
 *
 * The file is a sequence of frames: a 4-byte big-endian length, a `BlobHeader` of that length,
 * and a `Blob` of `BlobHeader.datasize` bytes. The first blob is an `OSMHeader`; the others are
 * `OSMData` primitive blocks of (usually) 8000 entities. The file is read in 1 MiB chunks and
 * only a few frames are held at a time, so memory is bounded by a few blobs (each at most 32 MiB
 * by the spec, typically well under 1 MiB) no matter how large the file is. Each decoded block
 * becomes one yielded batch.
 *
 * Reads run ahead by a few frames and zlib inflation runs on libuv's thread pool, so disk I/O and
 * decompression overlap with decoding on the main thread.
 */
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate as inflateCb } from 'node:zlib';
import { openOsmFile, osmUnsupported, pbfCorrupt } from './osm-errors.js';
import { fieldOf, ProtobufError, ProtoReader, WireType, wireOf } from './protobuf.js';
import type {
  OsmEntity,
  OsmMember,
  OsmMemberType,
  OsmReader,
  OsmReadOptions,
  OsmReadStats,
  OsmTags,
} from './types.js';

const inflate = promisify(inflateCb);

/** Spec limits; anything larger is garbage, and refusing it keeps a bad length from allocating GBs. */
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
/** Frames fetched and inflated ahead of the one being decoded (bounds memory to a few blobs). */
const READ_AHEAD = 3;

/** Required features this reader understands; any other makes the file unreadable for us. */
export const SUPPORTED_PBF_FEATURES: readonly string[] = [
  'OsmSchema-V0.6',
  'DenseNodes',
  'HistoricalInformation',
];

/** One frame after reading and decompressing: the block bytes and where the frame started. */
interface Frame {
  type: string;
  data: Buffer;
  offset: number;
  /** Offset of the byte after this frame. */
  next: number;
}

/**
 * Reads a `.osm.pbf` file and yields one batch of entities per primitive block, in file order.
 * Returns the element counts (and the header's `writingprogram` as `generator`) when done.
 *
 * @throws AppError `file_not_found`, `osm_file_corrupt` (truncation, garbage, bad zlib or
 *   protobuf data; details name the byte offset), `osm_feature_unsupported` (unknown required
 *   feature, LZMA/LZ4/ZSTD blobs). Rejects with the signal's reason when aborted.
 */
export async function* readPbf(path: string, opts: OsmReadOptions = {}): OsmReader {
  const { fh, size } = await openOsmFile(path);
  const stats: OsmReadStats = { nodes: 0, ways: 0, relations: 0, bytes: size };
  const frames = new FrameReader(fh, size);
  let sawHeader = false;
  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      const frame = await frames.next();
      if (!frame) break;
      opts.onProgress?.(frame.next, size);
      if (frame.type === 'OSMHeader') {
        const { writingProgram } = readHeader(frame);
        if (writingProgram) stats.generator = writingProgram;
        sawHeader = true;
      } else if (frame.type === 'OSMData') {
        if (!sawHeader) throw pbfCorrupt('data block before the OSMHeader block', frame.offset);
        const batch: OsmEntity[] = [];
        decodeFrame(frame, batch, stats, opts.skipNodesWithoutTags === true);
        if (batch.length > 0) yield batch;
      }
      // The spec says readers must skip blob types they do not know.
    }
    if (!sawHeader) throw pbfCorrupt('no OSMHeader block (empty file or not a PBF)', 0);
    return stats;
  } finally {
    await frames.close();
  }
}

/**
 * Fetches frames in file order with a small read-ahead queue. Framing is parsed sequentially
 * (each header gives the next frame's offset) from large chunked reads, since every read call
 * costs a thread-pool round trip; inflation of queued frames then runs in parallel with decoding.
 * Each frame owns its bytes, so nothing in flight overwrites a frame being decoded.
 */
class FrameReader {
  private readonly queue: Promise<Frame | null>[] = [];
  /** Offset of the next frame, known once the previous frame's framing has been read. */
  private chain: Promise<number> = Promise.resolve(0);
  private ended = false;
  private readonly file: ChunkedFile;

  constructor(
    private readonly fh: FileHandle,
    private readonly size: number,
  ) {
    this.file = new ChunkedFile(fh, size);
  }

  /** The next frame, or null at the end of the file. */
  async next(): Promise<Frame | null> {
    if (this.ended) return null;
    while (this.queue.length < READ_AHEAD) this.enqueue();
    const frame = await this.queue.shift()!;
    if (!frame) this.ended = true;
    return frame;
  }

  /** Waits for reads still in flight (their errors no longer matter) before closing the file. */
  async close(): Promise<void> {
    await Promise.allSettled(this.queue);
    await this.fh.close();
  }

  private enqueue(): void {
    const raw = this.chain.then((offset) => (offset < this.size ? this.readRaw(offset) : null));
    this.chain = raw.then((r) => (r ? r.next : this.size));
    const frame = raw.then(async (r): Promise<Frame | null> => {
      if (!r) return null;
      return { type: r.type, data: await unpackBlob(r.blob, r.offset), offset: r.offset, next: r.next };
    });
    // Failures surface when the frame is awaited in order; until then they are not "unhandled".
    this.chain.catch(noop);
    frame.catch(noop);
    this.queue.push(frame);
  }

  private async readRaw(offset: number): Promise<RawFrame> {
    const size = this.size;
    if (size - offset < 4) {
      throw pbfCorrupt(`file ends inside a frame length (${size - offset} of 4 bytes)`, offset);
    }
    const headerLen = (await this.file.range(offset, 4)).readUInt32BE(0);
    if (headerLen === 0 || headerLen > MAX_HEADER_BYTES) {
      throw pbfCorrupt(`blob header length ${headerLen} is not in 1..${MAX_HEADER_BYTES}`, offset);
    }
    if (offset + 4 + headerLen > size) {
      throw pbfCorrupt(
        `blob header needs ${headerLen} bytes, only ${size - offset - 4} remain (file truncated)`,
        offset,
      );
    }
    const { type, dataSize } = parseBlobHeader(await this.file.range(offset + 4, headerLen), offset);
    const dataOffset = offset + 4 + headerLen;
    if (dataOffset + dataSize > size) {
      throw pbfCorrupt(
        `blob needs ${dataSize} bytes, only ${size - dataOffset} remain (file truncated)`,
        offset,
      );
    }
    const blob = await this.file.range(dataOffset, dataSize);
    return { type, offset, blob, next: dataOffset + dataSize };
  }
}

const noop = () => {};

/** A frame's type and still-packed blob bytes. */
interface RawFrame {
  type: string;
  offset: number;
  blob: Buffer;
  next: number;
}

/** Bytes per read call: large enough that the per-call round trip stops mattering. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Serves byte ranges of a file from 1 MiB reads. A fresh buffer is allocated per read and handed
 * out as views, so earlier views stay valid; memory is bounded by the frames still referencing
 * a chunk.
 */
class ChunkedFile {
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;

  constructor(
    private readonly fh: FileHandle,
    private readonly size: number,
  ) {}

  async range(offset: number, length: number): Promise<Buffer> {
    const rel = offset - this.start;
    if (rel >= 0 && rel + length <= this.buf.length) return this.buf.subarray(rel, rel + length);
    const n = Math.min(Math.max(length, CHUNK_BYTES), this.size - offset);
    const buf = Buffer.allocUnsafe(n);
    let done = 0;
    while (done < n) {
      const { bytesRead } = await this.fh.read(buf, done, n - done, offset + done);
      if (bytesRead === 0) throw pbfCorrupt('file ended early (changed while reading?)', offset + done);
      done += bytesRead;
    }
    this.buf = buf;
    this.start = offset;
    return buf.subarray(0, length);
  }
}

/** BlobHeader { required string type = 1; optional bytes indexdata = 2; required int32 datasize = 3; } */
function parseBlobHeader(buf: Buffer, offset: number): { type: string; dataSize: number } {
  return guard(offset, () => {
    const r = new ProtoReader(buf);
    let type: string | undefined;
    let dataSize = -1;
    while (r.pos < r.end) {
      const key = r.tag();
      const field = fieldOf(key);
      if (field === 1) {
        r.expect(wireOf(key), WireType.bytes);
        const end = r.lengthEnd();
        type = buf.toString('utf8', r.pos, end);
        r.pos = end;
      } else if (field === 3) {
        r.expect(wireOf(key), WireType.varint);
        dataSize = r.uvarint();
      } else r.skip(wireOf(key));
    }
    if (type === undefined || dataSize < 0) throw new ProtobufError('blob header lacks type or datasize', 0);
    if (dataSize > MAX_BLOB_BYTES) throw new ProtobufError(`blob size ${dataSize} exceeds 32 MiB`, 0);
    return { type, dataSize };
  });
}

const UNSUPPORTED_COMPRESSION: Record<number, string> = { 4: 'LZMA', 5: 'bzip2', 6: 'LZ4', 7: 'ZSTD' };

/** Blob { bytes raw = 1; int32 raw_size = 2; bytes zlib_data = 3; lzma_data = 4; ... } */
async function unpackBlob(buf: Buffer, offset: number): Promise<Buffer> {
  const { raw, zlib, rawSize } = guard(offset, () => {
    const r = new ProtoReader(buf);
    let raw: Buffer | undefined;
    let zlib: Buffer | undefined;
    let rawSize = -1;
    while (r.pos < r.end) {
      const key = r.tag();
      const field = fieldOf(key);
      if (field === 2) {
        r.expect(wireOf(key), WireType.varint);
        rawSize = r.uvarint();
      } else if (field === 1 || field === 3) {
        r.expect(wireOf(key), WireType.bytes);
        const end = r.lengthEnd();
        if (field === 1) raw = buf.subarray(r.pos, end);
        else zlib = buf.subarray(r.pos, end);
        r.pos = end;
      } else if (UNSUPPORTED_COMPRESSION[field]) {
        throw osmUnsupported(`${UNSUPPORTED_COMPRESSION[field]}-compressed blocks (recompress with zlib)`, {
          field: `byte offset ${offset}`,
          reason: `${UNSUPPORTED_COMPRESSION[field]} compression is not supported`,
        });
      } else r.skip(wireOf(key));
    }
    if (rawSize > MAX_BLOB_BYTES) throw new ProtobufError(`raw size ${rawSize} exceeds 32 MiB`, 0);
    return { raw, zlib, rawSize };
  });
  if (raw) return raw;
  if (!zlib) throw pbfCorrupt('blob has no data', offset);
  let out: Buffer;
  try {
    // One output chunk of the announced size: the default 16 KiB chunks cost a thread hop each.
    out = await inflate(zlib, {
      chunkSize: Math.max(rawSize, 64 * 1024),
      maxOutputLength: rawSize >= 0 ? Math.max(rawSize, 1) : MAX_BLOB_BYTES,
    });
  } catch (err) {
    throw pbfCorrupt(`zlib data is invalid (${(err as Error).message})`, offset);
  }
  if (rawSize >= 0 && out.length !== rawSize) {
    throw pbfCorrupt(`blob inflates to ${out.length} bytes, header says ${rawSize}`, offset);
  }
  return out;
}

/** Runs a decoding step, turning low-level decoding failures into `osm_file_corrupt` at `offset`. */
function guard<T>(offset: number, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ProtobufError || err instanceof RangeError) {
      throw pbfCorrupt(`invalid protobuf data (${err.message})`, offset);
    }
    throw err;
  }
}

/**
 * HeaderBlock: `required_features` (4) decide whether we can read the file; `writingprogram` (16)
 * says what wrote it (kept as the read's `generator`). The rest (bbox, replication) is skipped.
 */
function readHeader(frame: Frame): { writingProgram: string | null } {
  const { unknown, writingProgram } = guard(frame.offset, () => {
    const buf = frame.data;
    const r = new ProtoReader(buf);
    const found: string[] = [];
    let program: string | null = null;
    while (r.pos < r.end) {
      const key = r.tag();
      const field = fieldOf(key);
      if (field === 4 || field === 16) {
        r.expect(wireOf(key), WireType.bytes);
        const end = r.lengthEnd();
        const text = buf.toString('utf8', r.pos, end);
        if (field === 16) program = text;
        else if (!SUPPORTED_PBF_FEATURES.includes(text)) found.push(text);
        r.pos = end;
      } else r.skip(wireOf(key));
    }
    return { unknown: found, writingProgram: program };
  });
  if (unknown.length > 0) {
    throw osmUnsupported(`required feature(s) ${unknown.join(', ')}`, {
      field: 'required_features',
      reason: `supported are ${SUPPORTED_PBF_FEATURES.join(', ')}`,
    });
  }
  return { writingProgram };
}

function decodeFrame(frame: Frame, out: OsmEntity[], stats: OsmReadStats, skipUntagged: boolean): void {
  guard(frame.offset, () => decodePrimitiveBlock(frame.data, out, stats, skipUntagged));
}

type Counts = Pick<OsmReadStats, 'nodes' | 'ways' | 'relations'>;

/** Per-block coordinate transform: degrees = (offset + granularity * value) / 1e9. */
interface Block {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

/**
 * PrimitiveBlock { StringTable stringtable = 1; repeated PrimitiveGroup primitivegroup = 2;
 * granularity = 17 (default 100); date_granularity = 18 (unused: no timestamps are kept);
 * lat_offset = 19; lon_offset = 20 }. The scalar fields follow the groups on the wire, so groups
 * are located first and decoded once the block's parameters are known.
 *
 * Exported for callers that fetch and inflate blocks themselves (e.g. in worker threads);
 * appends to `out`, adds to `stats`, and throws {@link ProtobufError} on malformed input.
 */
export function decodePrimitiveBlock(
  buf: Buffer,
  out: OsmEntity[],
  stats: Counts,
  skipUntagged = false,
): void {
  const r = new ProtoReader(buf);
  const block: Block = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0 };
  const groups: number[] = [];
  while (r.pos < r.end) {
    const key = r.tag();
    const wire = wireOf(key);
    switch (fieldOf(key)) {
      case 1: {
        r.expect(wire, WireType.bytes);
        const end = r.lengthEnd();
        block.strings = decodeStringTable(buf, r.pos, end);
        r.pos = end;
        break;
      }
      case 2: {
        r.expect(wire, WireType.bytes);
        const end = r.lengthEnd();
        groups.push(r.pos, end);
        r.pos = end;
        break;
      }
      case 17:
        r.expect(wire, WireType.varint);
        block.granularity = r.int64();
        break;
      case 19:
        r.expect(wire, WireType.varint);
        block.latOffset = r.int64();
        break;
      case 20:
        r.expect(wire, WireType.varint);
        block.lonOffset = r.int64();
        break;
      default:
        r.skip(wire);
    }
  }
  const g = new ProtoReader(buf);
  for (let i = 0; i < groups.length; i += 2) {
    g.reset(buf, groups[i], groups[i + 1]);
    decodeGroup(g, block, out, stats, skipUntagged);
  }
}

/** StringTable { repeated bytes s = 1 }. Index 0 is the empty string and doubles as a delimiter. */
function decodeStringTable(buf: Buffer, start: number, end: number): string[] {
  const r = new ProtoReader(buf, start, end);
  const strings: string[] = [];
  while (r.pos < r.end) {
    const key = r.tag();
    if (fieldOf(key) !== 1) {
      r.skip(wireOf(key));
      continue;
    }
    r.expect(wireOf(key), WireType.bytes);
    const e = r.lengthEnd();
    strings.push(utf8(buf, r.pos, e));
    r.pos = e;
  }
  return strings;
}

/**
 * Most OSM strings are short ASCII keys and values; building them from char codes avoids the
 * native-call overhead of `Buffer.toString` for each one. Anything else takes the native path.
 */
function utf8(buf: Buffer, start: number, end: number): string {
  const n = end - start;
  if (n > 24) return buf.toString('utf8', start, end);
  let s = '';
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c >= 0x80) return buf.toString('utf8', start, end);
    s += String.fromCharCode(c);
  }
  return s;
}

/** PrimitiveGroup { repeated Node nodes = 1; DenseNodes dense = 2; repeated Way ways = 3; repeated Relation relations = 4 } */
function decodeGroup(
  r: ProtoReader,
  block: Block,
  out: OsmEntity[],
  stats: Counts,
  skipUntagged: boolean,
): void {
  while (r.pos < r.end) {
    const key = r.tag();
    const wire = wireOf(key);
    const field = fieldOf(key);
    if (field < 1 || field > 4) {
      r.skip(wire); // changesets (5) and future additions
      continue;
    }
    r.expect(wire, WireType.bytes);
    const end = r.lengthEnd();
    const m = new ProtoReader(r.buf, r.pos, end);
    if (field === 2) decodeDense(m, block, out, stats, skipUntagged);
    else if (field === 3) {
      out.push(decodeWay(m, block));
      stats.ways++;
    } else if (field === 4) {
      out.push(decodeRelation(m, block));
      stats.relations++;
    } else {
      stats.nodes++;
      decodeNode(m, block, out, skipUntagged);
    }
    r.pos = end;
  }
}

/** Reads the body of a packed field and returns a reader over it (`r` moves past it). */
function packed(r: ProtoReader, wire: number): ProtoReader {
  r.expect(wire, WireType.bytes);
  const end = r.lengthEnd();
  const sub = new ProtoReader(r.buf, r.pos, end);
  r.pos = end;
  return sub;
}

const EMPTY = new ProtoReader(new Uint8Array(0));

/**
 * DenseNodes { packed sint64 id = 1 (delta); DenseInfo denseinfo = 5; packed sint64 lat = 8,
 * lon = 9 (delta); packed int32 keys_vals = 10 }. keys_vals holds `k v k v ... 0` per node, or is
 * absent when no node in the block has tags. The four arrays are walked in lockstep.
 */
function decodeDense(
  r: ProtoReader,
  block: Block,
  out: OsmEntity[],
  stats: Counts,
  skipUntagged: boolean,
): void {
  let ids = EMPTY;
  let lats = EMPTY;
  let lons = EMPTY;
  let kv = EMPTY;
  while (r.pos < r.end) {
    const key = r.tag();
    const wire = wireOf(key);
    switch (fieldOf(key)) {
      case 1:
        ids = packed(r, wire);
        break;
      case 8:
        lats = packed(r, wire);
        break;
      case 9:
        lons = packed(r, wire);
        break;
      case 10:
        kv = packed(r, wire);
        break;
      default:
        r.skip(wire);
    }
  }
  const { strings, granularity, latOffset, lonOffset } = block;
  const nStrings = strings.length;
  const hasTags = kv.end > kv.pos;
  let id = 0;
  let lat = 0;
  let lon = 0;
  while (ids.pos < ids.end) {
    id += ids.svarint();
    lat += lats.svarint();
    lon += lons.svarint();
    stats.nodes++;
    let tags: OsmTags | undefined;
    if (hasTags) {
      for (;;) {
        const k = kv.uvarint();
        if (k === 0) break;
        const v = kv.uvarint();
        if (k >= nStrings || v >= nStrings) throw new ProtobufError('string index out of range', kv.pos);
        if (tags === undefined) tags = {};
        tags[strings[k]] = strings[v];
      }
    }
    if (tags === undefined) {
      if (skipUntagged) continue;
      tags = {};
    }
    out.push({
      type: 'node',
      id,
      lat: (latOffset + granularity * lat) / 1e9,
      lon: (lonOffset + granularity * lon) / 1e9,
      tags,
    });
  }
  if (lats.pos !== lats.end || lons.pos !== lons.end) {
    throw new ProtobufError('dense node arrays differ in length', ids.pos);
  }
}

/** Node { sint64 id = 1; packed uint32 keys = 2, vals = 3; Info info = 4; sint64 lat = 8, lon = 9 } */
function decodeNode(r: ProtoReader, block: Block, out: OsmEntity[], skipUntagged: boolean): void {
  let id = 0;
  let lat = 0;
  let lon = 0;
  let keys = EMPTY;
  let vals = EMPTY;
  while (r.pos < r.end) {
    const key = r.tag();
    const wire = wireOf(key);
    switch (fieldOf(key)) {
      case 1:
        r.expect(wire, WireType.varint);
        id = r.svarint();
        break;
      case 2:
        keys = packed(r, wire);
        break;
      case 3:
        vals = packed(r, wire);
        break;
      case 8:
        r.expect(wire, WireType.varint);
        lat = r.svarint();
        break;
      case 9:
        r.expect(wire, WireType.varint);
        lon = r.svarint();
        break;
      default:
        r.skip(wire);
    }
  }
  if (skipUntagged && keys.end === keys.pos) return;
  const tags = readTags(keys, vals, block.strings);
  out.push({
    type: 'node',
    id,
    lat: (block.latOffset + block.granularity * lat) / 1e9,
    lon: (block.lonOffset + block.granularity * lon) / 1e9,
    tags,
  });
}

/** Way { int64 id = 1; packed uint32 keys = 2, vals = 3; Info info = 4; packed sint64 refs = 8 (delta) } */
function decodeWay(r: ProtoReader, block: Block): OsmEntity {
  let id = 0;
  let keys = EMPTY;
  let vals = EMPTY;
  const refs: number[] = [];
  while (r.pos < r.end) {
    const key = r.tag();
    const wire = wireOf(key);
    switch (fieldOf(key)) {
      case 1:
        r.expect(wire, WireType.varint);
        id = r.int64();
        break;
      case 2:
        keys = packed(r, wire);
        break;
      case 3:
        vals = packed(r, wire);
        break;
      case 8: {
        const p = packed(r, wire);
        let ref = 0;
        while (p.pos < p.end) {
          ref += p.svarint();
          refs.push(ref);
        }
        break;
      }
      default:
        r.skip(wire); // incl. lat/lon (9, 10) of the LocationsOnWays variant
    }
  }
  return { type: 'way', id, refs, tags: readTags(keys, vals, block.strings) };
}

const MEMBER_TYPES: readonly OsmMemberType[] = ['node', 'way', 'relation'];

/**
 * Relation { int64 id = 1; packed uint32 keys = 2, vals = 3; Info info = 4;
 * packed int32 roles_sid = 8; packed sint64 memids = 9 (delta); packed MemberType types = 10 }
 */
function decodeRelation(r: ProtoReader, block: Block): OsmEntity {
  let id = 0;
  let keys = EMPTY;
  let vals = EMPTY;
  let roles = EMPTY;
  let memids = EMPTY;
  let types = EMPTY;
  while (r.pos < r.end) {
    const key = r.tag();
    const wire = wireOf(key);
    switch (fieldOf(key)) {
      case 1:
        r.expect(wire, WireType.varint);
        id = r.int64();
        break;
      case 2:
        keys = packed(r, wire);
        break;
      case 3:
        vals = packed(r, wire);
        break;
      case 8:
        roles = packed(r, wire);
        break;
      case 9:
        memids = packed(r, wire);
        break;
      case 10:
        types = packed(r, wire);
        break;
      default:
        r.skip(wire);
    }
  }
  const strings = block.strings;
  const members: OsmMember[] = [];
  let ref = 0;
  while (memids.pos < memids.end) {
    ref += memids.svarint();
    const role = roles.uvarint();
    const type = MEMBER_TYPES[types.uvarint()];
    if (type === undefined) throw new ProtobufError('unknown member type', types.pos);
    if (role >= strings.length) throw new ProtobufError('string index out of range', roles.pos);
    members.push({ type, ref, role: strings[role] });
  }
  if (roles.pos !== roles.end || types.pos !== types.end) {
    throw new ProtobufError('relation member arrays differ in length', memids.pos);
  }
  return { type: 'relation', id, members, tags: readTags(keys, vals, strings) };
}

/** Parallel packed `keys`/`vals` string indexes, as used by Node, Way and Relation. */
function readTags(keys: ProtoReader, vals: ProtoReader, strings: string[]): OsmTags {
  const tags: OsmTags = {};
  while (keys.pos < keys.end) {
    const k = keys.uvarint();
    const v = vals.uvarint();
    if (k >= strings.length || v >= strings.length) {
      throw new ProtobufError('string index out of range', keys.pos);
    }
    tags[strings[k]] = strings[v];
  }
  if (vals.pos !== vals.end) throw new ProtobufError('tag key and value arrays differ in length', vals.pos);
  return tags;
}
