/**
 * Column detection for population grid files. SCB and the portals republishing its grids name
 * columns in many ways (`Ruta`, `RutID`, `Pop`, `Totalt`, `Beftotalt`, `x`/`y`, `E`/`N` …); names
 * are compared lower-cased without diacritics, spaces or punctuation.
 */
import { AppError, ErrorIds } from '../errors.js';

export type GridField = 'id' | 'x' | 'y' | 'population' | 'size';

/** Accepted names per field, in order of preference (normalised form). */
export const FIELD_NAMES: Record<GridField, readonly string[]> = {
  id: [
    'ruta',
    'rutid',
    'rutaid',
    'rutnr',
    'rutkod',
    'rut',
    'gridid',
    'gridcode',
    'cellid',
    'inspireid',
    'id',
  ],
  x: ['x', 'e', 'easting', 'ost', 'ostkoordinat', 'xkoord', 'xkoordinat', 'xcoord', 'xsweref', 'xcorner'],
  y: ['y', 'n', 'northing', 'nord', 'nordkoordinat', 'ykoord', 'ykoordinat', 'ycoord', 'ysweref', 'ycorner'],
  population: [
    'pop',
    'population',
    'befolkning',
    'beftotalt',
    'beftot',
    'befolkningtotalt',
    'totalt',
    'totpop',
    'total',
    'tot',
    'folkmangd',
    'invanare',
    'antalinvanare',
    'antal',
  ],
  size: ['rutstorlek', 'storlek', 'cellsize', 'cellsizem', 'upplosning', 'resolution', 'size'],
};

/** `Befolkning (totalt)` → `befolkningtotalt`, `Östkoordinat` → `ostkoordinat`. */
export function normaliseName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** Field → column index. */
export type ColumnMap = Partial<Record<GridField, number>>;

/**
 * Finds the columns of each field. `populationColumn` names the population column exactly (for
 * files with several count columns, e.g. by age). The id column is optional when x/y exist.
 *
 * @throws AppError `import_format_invalid` naming the file's columns when no population column or
 *   no position (id or x/y) is found, or when `populationColumn` is not a column.
 */
export function detectColumns(
  header: readonly string[],
  opts: { populationColumn?: string; what?: string } = {},
): ColumnMap {
  const names = header.map(normaliseName);
  const map: ColumnMap = {};
  const taken = new Set<number>();
  const pick = (field: GridField) => {
    for (const candidate of FIELD_NAMES[field]) {
      const i = names.findIndex((n, idx) => n === candidate && !taken.has(idx));
      if (i >= 0) {
        map[field] = i;
        taken.add(i);
        return;
      }
    }
  };
  const list = header.join(', ') || '(none)';
  const what = opts.what ?? 'column';
  if (opts.populationColumn !== undefined) {
    const wanted = normaliseName(opts.populationColumn);
    const i = names.indexOf(wanted);
    if (i < 0)
      throw formatError(
        `The population ${what} "${opts.populationColumn}" is not in the file (it has: ${list})`,
        'population',
      );
    map.population = i;
    taken.add(i);
  } else pick('population');
  pick('x');
  pick('y');
  pick('size');
  pick('id');
  if (map.population === undefined)
    throw formatError(
      `No population ${what} found (expected Pop, Totalt, Befolkning, Beftotalt or population, or name it ` +
        `with the population column option; the file has: ${list})`,
      'population',
    );
  return map;
}

/** True when the map has a way to place cells: an id, or both coordinates. */
export function hasPosition(map: ColumnMap): boolean {
  return map.id !== undefined || (map.x !== undefined && map.y !== undefined);
}

export function formatError(message: string, field?: string, line?: number): AppError {
  return new AppError(ErrorIds.importFormat, 400, message, [
    { ...(field ? { field } : {}), ...(line !== undefined ? { line } : {}), reason: message },
  ]);
}
