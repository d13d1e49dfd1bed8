/**
 * The user-facing errors of the OSM readers, built in one place so PBF and XML failures read
 * alike and always say where in the file the problem is (byte offset, line, element).
 */
import { type FileHandle, open } from 'node:fs/promises';
import { AppError, type ErrorDetail, ErrorIds } from '../errors.js';

/** A PBF that cannot be decoded; `offset` is the byte offset of the blob (or field) at fault. */
export function pbfCorrupt(reason: string, offset: number): AppError {
  return new AppError(ErrorIds.osmCorrupt, 400, `OSM PBF file is corrupt or truncated: ${reason}`, [
    { reason, field: `byte offset ${offset}` },
  ]);
}

/** An XML file that is not well-formed OSM; `line` is 1-based. */
export function xmlCorrupt(reason: string, line: number, element?: string): AppError {
  const detail: ErrorDetail = { reason, line };
  if (element) detail.element = element;
  return new AppError(ErrorIds.osmCorrupt, 400, `OSM XML file is corrupt or truncated: ${reason}`, [detail]);
}

/** A well-formed file using something SOT does not implement (e.g. LZMA blobs). */
export function osmUnsupported(reason: string, detail: ErrorDetail): AppError {
  return new AppError(ErrorIds.osmUnsupported, 400, `OSM file uses an unsupported feature: ${reason}`, [
    detail,
  ]);
}

/**
 * Opens a file for reading and returns its size, turning "no such file" (and a directory where a
 * file was expected) into `file_not_found` rather than a raw `ENOENT` stack.
 */
export async function openOsmFile(path: string): Promise<{ fh: FileHandle; size: number }> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw missingFile(path, err);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw missingFile(path, Object.assign(new Error('not a file'), { code: 'EISDIR' }));
    return { fh, size: st.size };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

function missingFile(path: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new AppError(ErrorIds.fileNotFound, 404, `OSM file not found: ${path}`, [
      { field: 'path', reason: code === 'EISDIR' ? 'is a directory, not a file' : 'no such file' },
    ]);
  }
  return err;
}
