/**
 * Places the rows read from a grid file: cell size, SW corner, canonical id, and the centre in
 * WGS 84 (converted with proj4 through src/import/crs.ts). The centre is corner + size/2.
 *
 * Size comes from, in order: the row itself (size column, INSPIRE id, polygon width), the
 * `cellSize` option, or inference over all rows of the file ({@link inferLayout}).
 */
import { swerefToWgs84 } from '../import/crs.js';
import type { ImportIssue } from '../import/types.js';
import {
  type Coordinate,
  canonicalGridId,
  centreOf,
  cornerOf,
  inferLayout,
  isCellSize,
  type Layout,
} from './grid.js';
import { issue, type RawCell } from './records.js';

/** A cell ready to store. */
export interface ResolvedCell {
  line: number;
  element?: string;
  gridId: string;
  size: number;
  corner: Coordinate;
  lat: number;
  lon: number;
  population: number;
}

export interface ResolveResult {
  cells: ResolvedCell[];
  /** How sizes were decided, for the report. */
  inferred: { ids?: Layout; coordinates?: Layout };
}

const onGrid = (c: Coordinate, size: number) => c.e % size === 0 && c.n % size === 0;

function layoutFor(
  rows: RawCell[],
  points: (r: RawCell) => Coordinate,
  cornersOnly: boolean,
  what: string,
  issues: ImportIssue[],
): Layout | null {
  if (rows.length === 0) return null;
  const layout = inferLayout(rows.map(points), cornersOnly);
  if (!layout) {
    issues.push({
      severity: 'error',
      field: 'size',
      reason: `cannot tell the cell size from the ${what}: they are not all on one 1000 m or 250 m grid; state the cell size`,
    });
    return null;
  }
  const many = rows.length >= 16;
  issues.push({
    severity: 'warning',
    field: 'size',
    reason:
      `cell size ${layout.size} m inferred from the ${what} (${layout.centres ? 'cell centres' : 'SW corners'})` +
      (layout.centres && layout.size === 1000
        ? '; 250 m corners would fit too: state the cell size if this is a 250 m grid'
        : !many
          ? '; state the cell size if this is wrong'
          : ''),
  });
  return layout;
}

/**
 * Resolves every row; rows that cannot be placed become issues. Duplicate cells (same canonical
 * id twice in the file) are errors naming the first line.
 */
export function resolveCells(
  raw: RawCell[],
  cellSize: number | undefined,
  issues: ImportIssue[],
): ResolveResult {
  const inferred: ResolveResult['inferred'] = {};
  const byId = raw.filter((r) => r.id && r.size === undefined);
  const byCoord = raw.filter((r) => !r.id && !r.box && r.size === undefined);
  let idLayout: Layout | null = null;
  let coordLayout: Layout | null = null;
  if (cellSize === undefined) {
    idLayout = layoutFor(byId, (r) => r.id as Coordinate, true, 'grid ids', issues);
    coordLayout = layoutFor(byCoord, (r) => r.coord as Coordinate, false, 'coordinates', issues);
    if (idLayout) inferred.ids = idLayout;
    if (coordLayout) inferred.coordinates = coordLayout;
  }

  const cells: ResolvedCell[] = [];
  const seen = new Map<string, number>();
  for (const r of raw) {
    let size = r.size ?? cellSize;
    let corner: Coordinate | null = null;
    if (r.box) {
      corner = { e: Math.round(r.box.minX), n: Math.round(r.box.minY) };
      size = r.size;
    } else if (r.id) {
      size ??= idLayout?.size;
      if (size === undefined) continue; // reported once above
      corner = { e: r.id.e, n: r.id.n };
    } else if (r.coord) {
      size ??= coordLayout?.size;
      if (size === undefined) continue;
      corner = cornerOf(r.coord, size);
      if (!corner) {
        issues.push(
          issue(
            r,
            'x',
            `${r.coord.e}, ${r.coord.n} is neither the corner nor the centre of a ${size} m cell`,
          ),
        );
        continue;
      }
    }
    if (!corner || size === undefined) continue;
    if (!isCellSize(size)) {
      issues.push(issue(r, 'size', `cell size ${size} m: SOT reads SCB's 1000 m and 250 m grids`));
      continue;
    }
    if (!onGrid(corner, size)) {
      issues.push(
        issue(r, r.box ? 'geometry' : 'id', `corner ${corner.e}, ${corner.n} is not on SCB's ${size} m grid`),
      );
      continue;
    }
    const gridId = canonicalGridId(size, corner.e, corner.n);
    const first = seen.get(gridId);
    if (first !== undefined) {
      issues.push(issue(r, 'id', `cell ${gridId} appears twice (first on line ${first})`));
      continue;
    }
    seen.set(gridId, r.line);
    const centre = centreOf(corner, size);
    const { lat, lon } = swerefToWgs84(centre.e, centre.n);
    cells.push({
      line: r.line,
      ...(r.element ? { element: r.element } : {}),
      gridId,
      size,
      corner,
      lat,
      lon,
      population: r.population,
    });
  }
  return { cells, inferred };
}
