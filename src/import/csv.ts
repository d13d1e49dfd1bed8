/**
 * Streaming CSV reading with 1-based line numbers and delimiter sniffing (`,` `;` or tab, UTF-8
 * with or without BOM). A file that does not split into a consistent table (wrong delimiter,
 * unclosed quote, ragged rows) is a format error naming the line, never a pile of row errors.
 */
import fs from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { AppError, ErrorIds } from '../errors.js';

/** Delimiters SOT reads; `|` only when a mapping file declares it. */
export type Delimiter = ',' | ';' | '\t' | '|';

const SNIFF_BYTES = 64 * 1024;
const CANDIDATES: Delimiter[] = [',', ';', '\t'];
const LIKELY: Delimiter[] = [',', ';', '\t', '|'];

const showDelimiter = (d: string): string => (d === '\t' ? 'tab' : `'${d}'`);

function formatError(message: string, line?: number, field?: string): AppError {
  return new AppError(ErrorIds.importFormat, 400, message, [
    { ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}), reason: message },
  ]);
}

/** Counts each delimiter candidate outside double quotes in one line. */
function countOutsideQuotes(line: string): Map<string, number> {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && LIKELY.includes(ch as Delimiter)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return counts;
}

/**
 * Chooses the delimiter from the header line (or checks the declared one).
 *
 * @throws AppError `import_format_invalid` for an empty or non-UTF-8 file, or when the header
 *   splits into a single column but contains another likely delimiter.
 */
export function sniffDelimiter(path: string, declared?: Delimiter): Delimiter {
  const fd = fs.openSync(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    head = buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
  let textHead: string;
  try {
    textHead = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    throw formatError(
      'The CSV file is not UTF-8 (Windows-1252/Latin-1?). Save it as UTF-8 (with or without BOM) and try again.',
    );
  }
  const headerLine = textHead.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (headerLine.trim() === '') throw formatError('The CSV file is empty or its first line is blank', 1);
  const counts = countOutsideQuotes(headerLine);
  let delimiter: Delimiter = declared ?? ',';
  if (!declared) {
    let best = 0;
    for (const d of CANDIDATES) {
      const c = counts.get(d) ?? 0;
      if (c > best) {
        best = c;
        delimiter = d;
      }
    }
  }
  if ((counts.get(delimiter) ?? 0) === 0) {
    const other = LIKELY.find((d) => d !== delimiter && (counts.get(d) ?? 0) > 0);
    if (other) {
      throw formatError(
        `Wrong delimiter? The header has 1 column when split on ${showDelimiter(delimiter)} but contains ` +
          `${showDelimiter(other)}. ${declared ? 'Fix "delimiter" in the mapping file' : 'Use , ; or tab as the delimiter'}.`,
        1,
        'delimiter',
      );
    }
  }
  return delimiter;
}

export interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

/** How to read: the delimiter (from {@link sniffDelimiter}), progress in bytes, cancellation. */
export interface CsvOptions {
  delimiter: Delimiter;
  onBytes?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

function countNewlines(fields: string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
  return n;
}

function translate(err: unknown, header: number | null): unknown {
  if (!(err instanceof CsvError)) return err;
  const e = err as CsvError & { lines?: number; record?: string[] };
  const line = e.lines;
  if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    const got = e.record?.length ?? 0;
    // The parser may fail before the header record reached us; its message has the count.
    const expected = header ?? Number(/expect (\d+)/.exec(e.message)?.[1] ?? Number.NaN);
    return formatError(
      `Line ${line} has ${got} column${got === 1 ? '' : 's'} but the header has ${expected}: wrong delimiter, ` +
        'or an unquoted delimiter inside a value?',
      line,
    );
  }
  if (e.code === 'CSV_QUOTE_NOT_CLOSED')
    return formatError(`A quoted value starting before line ${line} is never closed`, line);
  return formatError(`CSV syntax error at line ${line}: ${e.message}`, line);
}

/**
 * Yields the header (first record) and then every data record. Blank lines are skipped; values
 * keep their raw text (trimmed by the row builder).
 */
export async function* readCsv(path: string, opts: CsvOptions): AsyncGenerator<CsvRow> {
  const total = fs.statSync(path).size;
  const stream = fs.createReadStream(path, { highWaterMark: 256 * 1024 });
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    opts.onBytes?.(bytes, total);
  });
  const parser = stream.pipe(
    parse({ delimiter: opts.delimiter, bom: true, info: true, skip_empty_lines: true, relax_quotes: false }),
  );
  stream.on('error', (err) => parser.destroy(err));
  let headerLength: number | null = null;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      const fields = item.record;
      if (headerLength === null) headerLength = fields.length;
      yield { line: item.info.lines - countNewlines(fields), fields };
    }
  } catch (err) {
    throw translate(err, headerLength);
  } finally {
    stream.destroy();
  }
}
