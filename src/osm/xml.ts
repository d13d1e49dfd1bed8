/**
 * Streaming reader for OSM XML (`.osm`, and gzip-compressed `.osm.gz`), built on the `saxes`
 * SAX parser so a file of any size is parsed chunk by chunk with memory bounded by one chunk and
 * one batch. XML is the format of JOSM saves, Overpass downloads and small hand-made fixtures;
 * large extracts come as PBF (see `pbf.ts`).
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { openOsmFile, xmlCorrupt } from './osm-errors.js';
import type { OsmEntity, OsmMemberType, OsmReader, OsmReadOptions, OsmReadStats } from './types.js';

/** Entities per yielded batch, about one PBF block's worth. */
const BATCH_SIZE = 8000;
const CHUNK_BYTES = 256 * 1024;
const ROOTS = new Set(['osm', 'osmChange']);
const MEMBER_TYPES = new Set<string>(['node', 'way', 'relation']);

/**
 * Reads an OSM XML file (gzip-compressed or not, detected from its first bytes) and yields
 * batches of entities in file order, returning the element counts (and the root element's
 * `generator`) when done.
 *
 * Elements marked `visible="false"` (history files) or `action="delete"` (JOSM saves) are
 * skipped, since they do not exist in the data the file describes.
 *
 * @throws AppError `file_not_found`; `osm_file_corrupt` for malformed XML, a file cut off
 *   mid-element, bad gzip data or invalid ids/coordinates (details carry the 1-based `line`).
 *   Rejects with the signal's reason when aborted.
 */
export async function* readOsmXml(path: string, opts: OsmReadOptions = {}): OsmReader {
  const { fh, size } = await openOsmFile(path);
  const head = Buffer.alloc(2);
  try {
    await fh.read(head, 0, 2, 0);
  } catch (err) {
    await fh.close();
    throw err;
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const file = fh.createReadStream({ start: 0, highWaterMark: CHUNK_BYTES, autoClose: false });
  const text: Readable = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (err) => text.destroy(err));
  text.setEncoding('utf8');

  const stats: OsmReadStats = { nodes: 0, ways: 0, relations: 0, bytes: size };
  const builder = new EntityBuilder(opts.skipNodesWithoutTags === true, stats);
  const parser = new SaxesParser({ xmlns: false, position: true });
  builder.attach(parser);
  const parse = (step: () => void) => {
    try {
      step();
    } catch (err) {
      throw asXmlError(err, parser.line);
    }
  };

  try {
    for await (const chunk of text) {
      opts.signal?.throwIfAborted();
      parse(() => parser.write(chunk as string));
      opts.onProgress?.(file.bytesRead, size);
      if (builder.batch.length >= BATCH_SIZE) yield builder.take();
    }
    opts.signal?.throwIfAborted();
    parse(() => parser.close());
    if (!builder.sawRoot) throw xmlCorrupt('no <osm> element (empty file?)', parser.line);
    if (builder.batch.length > 0) yield builder.take();
    return stats;
  } catch (err) {
    // zlib reports bad gzip data from inside the stream iteration.
    if (gzip && (err as NodeJS.ErrnoException | undefined)?.code?.startsWith('Z_')) {
      throw xmlCorrupt(`gzip data is invalid (${(err as Error).message})`, parser.line);
    }
    throw err;
  } finally {
    text.destroy();
    file.destroy();
    await fh.close();
  }
}

/** Turns a saxes error (message prefixed `line:column: `) into `osm_file_corrupt`. */
function asXmlError(err: unknown, line: number): unknown {
  if (!(err instanceof Error) || err.name === 'AppError') return err;
  const reason = err.message.replace(/^\d+:\d+: /, '');
  return xmlCorrupt(`malformed XML (${reason})`, line);
}

/** Turns SAX events into entities; one instance per file. */
class EntityBuilder {
  batch: OsmEntity[] = [];
  sawRoot = false;
  private current: OsmEntity | null = null;
  /** Inside an element that is skipped, so its children must be ignored too. */
  private skipping = false;
  private parser!: SaxesParser<{ xmlns: false; position: true }>;

  constructor(
    private readonly skipUntagged: boolean,
    private readonly stats: OsmReadStats,
  ) {}

  take(): OsmEntity[] {
    const b = this.batch;
    this.batch = [];
    return b;
  }

  attach(parser: SaxesParser<{ xmlns: false; position: true }>): void {
    this.parser = parser;
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('closetag', (tag) => this.close(tag.name));
  }

  private open(tag: SaxesTagPlain): void {
    const a = tag.attributes;
    if (!this.sawRoot) {
      if (!ROOTS.has(tag.name)) this.fail(`root element is <${tag.name}>, expected <osm>`);
      this.sawRoot = true;
      if (a.generator) this.stats.generator = a.generator;
      return;
    }
    switch (tag.name) {
      case 'node':
      case 'way':
      case 'relation': {
        if (this.current || this.skipping) this.fail(`<${tag.name}> nested inside another element`);
        const id = this.int(a.id, tag.name, 'id');
        if (a.visible === 'false' || a.action === 'delete') {
          this.skipping = true;
          return;
        }
        if (tag.name === 'node') {
          const lat = this.coord(a.lat, id, 'lat', 90);
          const lon = this.coord(a.lon, id, 'lon', 180);
          this.current = { type: 'node', id, lat, lon, tags: {} };
        } else if (tag.name === 'way') this.current = { type: 'way', id, refs: [], tags: {} };
        else this.current = { type: 'relation', id, members: [], tags: {} };
        return;
      }
      case 'tag':
        if (this.current) {
          if (a.k === undefined || a.v === undefined) this.fail('<tag> needs k and v', this.element());
          this.current.tags[a.k] = a.v;
        }
        return;
      case 'nd':
        if (this.current?.type === 'way') this.current.refs.push(this.int(a.ref, 'nd', 'ref'));
        return;
      case 'member':
        if (this.current?.type === 'relation') {
          if (!MEMBER_TYPES.has(a.type))
            this.fail(`member type "${a.type ?? ''}" is invalid`, this.element());
          const ref = this.int(a.ref, 'member', 'ref');
          this.current.members.push({ type: a.type as OsmMemberType, ref, role: a.role ?? '' });
        }
        return;
      default:
      // bounds, changeset, note, meta, create/modify/delete wrappers: nothing to keep.
    }
  }

  private close(name: string): void {
    if (name !== 'node' && name !== 'way' && name !== 'relation') return;
    const e = this.current;
    this.current = null;
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    if (!e) return;
    if (e.type === 'node') {
      this.stats.nodes++;
      if (this.skipUntagged && isEmpty(e.tags)) return;
    } else if (e.type === 'way') this.stats.ways++;
    else this.stats.relations++;
    this.batch.push(e);
  }

  private element(): string | undefined {
    return this.current ? `${this.current.type}/${this.current.id}` : undefined;
  }

  private int(raw: string | undefined, tag: string, attr: string): number {
    const v = raw === undefined || raw === '' ? Number.NaN : Number(raw);
    if (!Number.isSafeInteger(v)) this.fail(`<${tag}> has invalid ${attr}="${raw ?? ''}"`, this.element());
    return v;
  }

  private coord(raw: string | undefined, id: number, attr: string, limit: number): number {
    const v = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
    if (!(Math.abs(v) <= limit)) this.fail(`invalid ${attr}="${raw ?? ''}"`, `node/${id}`);
    return v;
  }

  private fail(reason: string, element?: string): never {
    throw xmlCorrupt(reason, this.parser.line, element);
  }
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}
