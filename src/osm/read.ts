/**
 * The one entry point for reading OSM data: picks the PBF or XML reader for a file so callers
 * (registry import, graph building) need not care which format a user supplied.
 */
import { extname } from 'node:path';
import { openOsmFile } from './osm-errors.js';
import { readPbf } from './pbf.js';
import type { OsmReader, OsmReadOptions } from './types.js';
import { readOsmXml } from './xml.js';

export type OsmFormat = 'pbf' | 'xml';

/**
 * Decides the format from the first bytes, falling back to the file name. Content wins because
 * uploads often arrive under temporary or wrong names: `<` (after an optional BOM/whitespace) is
 * XML, `1f 8b` is gzip (taken as `.osm.gz`), and `00 00` is a PBF frame length (< 64 KiB).
 *
 * @throws AppError `file_not_found`.
 */
export async function detectOsmFormat(path: string): Promise<OsmFormat> {
  const { fh } = await openOsmFile(path);
  const head = Buffer.alloc(64);
  let n: number;
  try {
    ({ bytesRead: n } = await fh.read(head, 0, head.length, 0));
  } finally {
    await fh.close();
  }
  const bytes = head.subarray(0, n);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'xml';
  if (bytes[0] === 0 && bytes[1] === 0) return 'pbf';
  const text = bytes.toString('latin1').replace(/^(\xef\xbb\xbf)?\s*/, '');
  if (text.startsWith('<')) return 'xml';
  const ext = extname(path.toLowerCase().replace(/\.gz$/, ''));
  return ext === '.osm' || ext === '.xml' || path.toLowerCase().endsWith('.gz') ? 'xml' : 'pbf';
}

/**
 * Reads any supported OSM file (`.osm.pbf`, `.osm`, `.xml`, `.osm.gz`) as batches of entities
 * and returns the element counts when done. Progress reports bytes of the file on disk.
 *
 * @throws AppError `file_not_found`, `osm_file_corrupt`, `osm_feature_unsupported`.
 */
export async function* readOsm(path: string, opts: OsmReadOptions = {}): OsmReader {
  const format = await detectOsmFormat(path);
  return yield* format === 'pbf' ? readPbf(path, opts) : readOsmXml(path, opts);
}
