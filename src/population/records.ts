/**
 * One row of a population grid file as read, before the cell is placed: the readers (CSV,
 * GeoPackage) produce these, {@link resolveCells} turns them into cells.
 */
import type { ImportIssue } from '../import/types.js';
import type { Coordinate, CornerRef } from './grid.js';
import { GridIdError, isCellSize, orderEN, parseGridId } from './grid.js';

export interface RawCell {
  /** 1-based CSV line, or feature number in a GeoPackage layer. */
  line: number;
  /** GeoPackage feature id, e.g. `fid 12`. */
  element?: string;
  /** Corner from an id column (ids always name the SW corner). */
  id?: CornerRef;
  /** A coordinate from x/y columns or a point geometry: a corner or a centre. */
  coord?: Coordinate;
  /** The cell square from a polygon geometry. */
  box?: { minX: number; minY: number; maxX: number; maxY: number };
  /** Size stated by the row (size column, INSPIRE id, polygon width). */
  size?: number;
  population: number;
}

/** Where a row is, for issues. */
export type RowLoc = Pick<RawCell, 'line' | 'element'>;

export function issue(loc: RowLoc, field: string | undefined, reason: string): ImportIssue {
  return {
    severity: 'error',
    line: loc.line,
    ...(loc.element ? { element: loc.element } : {}),
    ...(field ? { field } : {}),
    reason,
  };
}

/**
 * Most people one grid cell may hold. The densest 1 km cells in Sweden (inner Stockholm) hold
 * about 40,000 people; a million is far above any real cell yet well below the int4 column
 * limit (2,147,483,647), so a larger value is a wrong column or a broken export, never data.
 */
export const MAX_CELL_POPULATION = 1_000_000;

const tooLarge = (shown: string) =>
  `population ${shown} is larger than ${MAX_CELL_POPULATION.toLocaleString('en-US')}, the most one grid cell can hold (wrong column?)`;

/**
 * A population count: a whole number from 0 to {@link MAX_CELL_POPULATION}; spaces (also
 * no-break) as thousands separators are allowed. SCB's masked values (`..`, `-`) and decimals are
 * errors, not zeros: a silently zeroed cell would understate the people affected.
 */
export function parsePopulation(raw: unknown): number | string {
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0) return `population ${raw} is not a whole number ≥ 0`;
    if (raw > MAX_CELL_POPULATION) return tooLarge(String(raw));
    return raw;
  }
  // GeoPackage INTEGER columns arrive as bigint when they exceed 2^53 or by driver choice.
  if (typeof raw === 'bigint') {
    if (raw < 0n) return `population ${raw} is not a whole number ≥ 0`;
    if (raw > BigInt(MAX_CELL_POPULATION)) return tooLarge(String(raw));
    return Number(raw);
  }
  const text = String(raw ?? '')
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return 'population is empty';
  if (!/^\d+$/.test(text))
    return /^[.\-–x*]+$/i.test(text)
      ? `population "${text}" is masked or missing in the source`
      : `population "${String(raw).trim()}" is not a whole number ≥ 0`;
  // Compare as text first: Number() of a 20-digit value is already rounded.
  const digits = text.replace(/^0+(?=\d)/, '');
  if (digits.length > String(MAX_CELL_POPULATION).length || Number(digits) > MAX_CELL_POPULATION)
    return tooLarge(digits);
  return Number(digits);
}

/** `1000`, `1km`, `250 m`, `250m` → metres; null when unreadable. */
export function parseSize(raw: unknown): number | null {
  const text = String(raw ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s/g, '');
  const m = /^(\d+(?:\.\d+)?)(km|m)?$/.exec(text);
  if (!m) return null;
  const v = Number(m[1]) * (m[2] === 'km' ? 1000 : 1);
  return Number.isFinite(v) ? v : null;
}

/** A coordinate value: decimal point or comma, spaces ignored. */
export function parseCoordinate(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = String(raw ?? '')
    .trim()
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

const present = (v: unknown) => v !== undefined && v !== null && String(v).trim() !== '';

/** Reads the position fields of a row into `cell`; returns false (with an issue) when unusable. */
export function readPosition(
  cell: RawCell,
  fields: { id?: unknown; x?: unknown; y?: unknown; size?: unknown },
  issues: ImportIssue[],
  swapped: { count: number },
): boolean {
  if (present(fields.size)) {
    const size = parseSize(fields.size);
    if (size === null || !isCellSize(size)) {
      issues.push(issue(cell, 'size', `cell size "${fields.size}" is not 1000 or 250 m`));
      return false;
    }
    cell.size = size;
  }
  const hasXY = present(fields.x) && present(fields.y);
  if (hasXY) {
    const x = parseCoordinate(fields.x);
    const y = parseCoordinate(fields.y);
    if (x === null || y === null) {
      issues.push(
        issue(
          cell,
          x === null ? 'x' : 'y',
          `coordinate "${x === null ? fields.x : fields.y}" is not a number`,
        ),
      );
      return false;
    }
    const en = orderEN(x, y);
    if (!en) {
      issues.push(
        issue(cell, 'x', `${x}, ${y} is not a SWEREF 99 TM (EPSG:3006) easting/northing in Sweden`),
      );
      return false;
    }
    if (en.swapped) swapped.count++;
    cell.coord = { e: en.e, n: en.n };
  }
  if (present(fields.id)) {
    try {
      const id = parseGridId(String(fields.id));
      if (id) {
        cell.id = id;
        if (id.size !== undefined) {
          if (!isCellSize(id.size)) {
            issues.push(
              issue(
                cell,
                'id',
                `grid id ${fields.id} has cell size ${id.size} m; SOT reads 1000 and 250 m grids`,
              ),
            );
            return false;
          }
          if (cell.size !== undefined && cell.size !== id.size) {
            issues.push(
              issue(
                cell,
                'size',
                `the size column says ${cell.size} m but grid id ${fields.id} says ${id.size} m`,
              ),
            );
            return false;
          }
          cell.size = id.size;
        }
      } else if (!hasXY) {
        issues.push(
          issue(
            cell,
            'id',
            `"${fields.id}" is not an SCB grid id (e.g. 4800006880000 or CRS3006RES1000mN6880000E480000)`,
          ),
        );
        return false;
      }
    } catch (err) {
      if (!(err instanceof GridIdError)) throw err;
      issues.push(issue(cell, 'id', err.message));
      return false;
    }
  }
  if (!cell.id && !cell.coord && !cell.box) {
    issues.push(issue(cell, 'id', 'the row has no grid id and no coordinates'));
    return false;
  }
  return true;
}
