/**
 * Population grid cells from CSV (`,` `;` or tab; UTF-8 with or without BOM), streamed with the
 * importers' CSV reader so line numbers and format errors read the same as for other imports.
 */
import { readCsv, sniffDelimiter } from '../import/csv.js';
import type { ImportIssue, ImportProgress } from '../import/types.js';
import { detectColumns, formatError, hasPosition } from './columns.js';
import { issue, parsePopulation, type RawCell, readPosition } from './records.js';

export interface GridReadOptions {
  populationColumn?: string;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface GridReadResult {
  cells: RawCell[];
  issues: ImportIssue[];
  /** Rows (features) read. */
  read: number;
  /** Rows whose x held the northing (Swedish convention), read as N/E. */
  swapped: number;
}

export async function readGridCsv(path: string, opts: GridReadOptions = {}): Promise<GridReadResult> {
  const delimiter = sniffDelimiter(path);
  const issues: ImportIssue[] = [];
  const cells: RawCell[] = [];
  const swapped = { count: 0 };
  let columns: ReturnType<typeof detectColumns> | null = null;
  let read = 0;
  for await (const row of readCsv(path, {
    delimiter,
    signal: opts.signal,
    onBytes: (done, total) => opts.onProgress?.({ phase: 'read', done, total }),
  })) {
    if (columns === null) {
      const header = row.fields.map((h) => h.trim());
      columns = detectColumns(header, { populationColumn: opts.populationColumn });
      if (!hasPosition(columns))
        throw formatError(
          `No grid id or x/y columns found (expected Ruta/RutID, or x and y in SWEREF 99 TM; the file has: ${header.join(', ')})`,
          'id',
        );
      continue;
    }
    read++;
    const f = row.fields;
    const at = (i: number | undefined) => (i === undefined ? undefined : f[i]);
    const cell: RawCell = { line: row.line, population: 0 };
    const pop = parsePopulation(at(columns.population));
    if (typeof pop === 'string') {
      issues.push(issue(cell, 'population', pop));
      continue;
    }
    cell.population = pop;
    if (
      !readPosition(
        cell,
        { id: at(columns.id), x: at(columns.x), y: at(columns.y), size: at(columns.size) },
        issues,
        swapped,
      )
    )
      continue;
    cells.push(cell);
  }
  if (columns === null) throw formatError('The CSV file has no header line', undefined, 1);
  return { cells, issues, read, swapped: swapped.count };
}
