/**
 * A streaming OSM XML 0.6 writer. Elements are appended to an in-memory string buffer of about
 * 256 KB that is handed to a `fs.WriteStream` when full; when the stream reports backpressure the
 * caller awaits `'drain'` through {@link OsmXmlWriter.flush}. Memory therefore stays flat whether
 * the file has 20 000 or 4 000 000 nodes, and the methods that append stay synchronous (an await
 * per node would cost more than writing it).
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { AppError, ErrorIds } from '../errors.js';

/** OSM tags in output order. */
export type TagList = readonly (readonly [string, string])[];

/** A relation member as written. */
export interface OsmMemberRef {
  type: 'node' | 'way' | 'relation';
  ref: number;
  role: string;
}

/** Header content of the file. */
export interface OsmWriterOptions {
  generator: string;
  /** Written as an XML comment after the declaration (must not contain `--`). */
  comment?: string;
  bounds?: { minLat: number; minLon: number; maxLat: number; maxLon: number };
}

const FLUSH_AT = 256 * 1024;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes a string for an XML attribute value. */
export function escapeXml(s: string): string {
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]) : s;
}

/** Formats a coordinate with 7 decimals, OSM's native precision (about 1 cm). */
export function coord(v: number): string {
  return v.toFixed(7);
}

/** Streaming writer; see the module comment. Elements must be added in OSM order (nodes, ways, relations). */
export class OsmXmlWriter {
  private buf = '';
  private error: Error | null = null;
  private closed = false;

  private constructor(
    private readonly stream: WriteStream,
    readonly path: string,
  ) {
    // Remember a stream error (ENOSPC, EACCES…) and report it at the next flush or close.
    stream.on('error', (err) => {
      this.error = err;
    });
  }

  /** Opens `path` for writing and writes the XML declaration, root element and bounds. */
  static async open(path: string, opts: OsmWriterOptions): Promise<OsmXmlWriter> {
    const stream = createWriteStream(path, { encoding: 'utf8' });
    try {
      await once(stream, 'open');
    } catch (err) {
      throw writeError(path, err);
    }
    const w = new OsmXmlWriter(stream, path);
    w.buf += '<?xml version="1.0" encoding="UTF-8"?>\n';
    if (opts.comment) {
      if (opts.comment.includes('--')) throw new Error('XML comments must not contain "--"');
      w.buf += `<!-- ${opts.comment} -->\n`;
    }
    w.buf += `<osm version="0.6" generator="${escapeXml(opts.generator)}">\n`;
    const b = opts.bounds;
    if (b) {
      w.buf += `  <bounds minlat="${coord(b.minLat)}" minlon="${coord(b.minLon)}" maxlat="${coord(b.maxLat)}" maxlon="${coord(b.maxLon)}"/>\n`;
    }
    return w;
  }

  /** True when the buffer is big enough that the caller should `await flush()`. */
  get needsFlush(): boolean {
    return this.buf.length >= FLUSH_AT;
  }

  node(id: number, lat: number, lon: number, tags?: TagList): void {
    const head = `  <node id="${id}" version="1" lat="${coord(lat)}" lon="${coord(lon)}"`;
    if (!tags || tags.length === 0) {
      this.buf += `${head}/>\n`;
      return;
    }
    this.buf += `${head}>\n${tagXml(tags)}  </node>\n`;
  }

  /** A way with node refs `refs[start..end)`. */
  way(id: number, refs: ArrayLike<number>, start: number, end: number, tags: TagList): void {
    let s = `  <way id="${id}" version="1">\n`;
    for (let i = start; i < end; i++) s += `    <nd ref="${refs[i]}"/>\n`;
    this.buf += `${s}${tagXml(tags)}  </way>\n`;
  }

  relation(id: number, members: readonly OsmMemberRef[], tags: TagList): void {
    let s = `  <relation id="${id}" version="1">\n`;
    for (const m of members)
      s += `    <member type="${m.type}" ref="${m.ref}" role="${escapeXml(m.role)}"/>\n`;
    this.buf += `${s}${tagXml(tags)}  </relation>\n`;
  }

  /** Hands the buffer to the stream, waiting for `'drain'` if the stream is backed up. */
  async flush(): Promise<void> {
    if (this.error) throw writeError(this.path, this.error);
    if (this.buf.length === 0) return;
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) {
      try {
        // `once` rejects if the stream emits 'error' while we wait, and cleans up its listeners.
        await once(this.stream, 'drain');
      } catch (err) {
        throw writeError(this.path, err);
      }
    }
  }

  /** Closes the root element and the file; resolves once the file is fully written and closed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.buf += '</osm>\n';
    await this.flush();
    const done = once(this.stream, 'close');
    this.stream.end();
    try {
      await done;
    } catch (err) {
      throw writeError(this.path, err);
    }
    if (this.error) throw writeError(this.path, this.error);
  }

  /** Abandons the file (after an error elsewhere); the caller removes it. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.buf = '';
    const done = once(this.stream, 'close').catch(() => undefined);
    this.stream.destroy();
    await done;
  }
}

function tagXml(tags: TagList): string {
  let s = '';
  for (const [k, v] of tags) s += `    <tag k="${escapeXml(k)}" v="${escapeXml(v)}"/>\n`;
  return s;
}

function writeError(path: string, err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError(ErrorIds.internal, 500, `Could not write ${path}: ${reason}`, [{ reason }]);
}
