/**
 * Locates the read-only real-data files in `../shared/data` (or `$SOT_SHARED_DATA`) for tests and
 * benchmarks. They are never copied into the repository, so tests using them must skip when the
 * file is absent: `describe.skipIf(!path)`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Root of the shared data folder: `$SOT_SHARED_DATA`, else `../shared/data` from the project root. */
export function sharedDataRoot(): string {
  return process.env.SOT_SHARED_DATA ?? resolve(process.cwd(), '../shared/data');
}

/** Absolute path of a shared data file, e.g. `osm/andorra-2013.osm.pbf`, or null if it is missing. */
export function sharedDataPath(rel: string): string | null {
  const p = resolve(sharedDataRoot(), rel);
  return existsSync(p) ? p : null;
}
