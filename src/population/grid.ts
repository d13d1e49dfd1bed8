/**
 * SCB population grid cells: ids, cell sizes, corners and centres in SWEREF 99 TM (EPSG:3006).
 *
 * SCB's grids (1 km and 250 m) are aligned to whole multiples of the cell size, and every id SCB
 * publishes names the cell's lower-left (south-west) corner. What this module reads:
 *
 * | id form | example | meaning |
 * |---|---|---|
 * | 13 digits (SCB `Ruta`/`RutID`) | `4800006880000` | E (6 digits) then N (7 digits) of the SW corner |
 * | INSPIRE grid id | `CRS3006RES1000mN6880000E480000` | SW corner and size; only CRS3006 |
 * | SOT's own | `1km_480000_6880000`, `250m_480250_6880500` | size, E and N of the SW corner |
 * | two numbers | `480000 6880000`, `E480000N6880000`, `6880000_480000` | SW corner; E and N told apart by size |
 *
 * Coordinates given as columns (x/y, E/N) or as GeoPackage points are either corners or centres;
 * with the cell size known, a coordinate that is a whole multiple of the size is a corner and one
 * offset by half a cell is a centre (anything else is an error). Without a stated size it is
 * inferred from all cells of the file together ({@link inferLayout}).
 *
 * Cells are stored under SOT's canonical id (`1km_E_N` / `250m_E_N`, SW corner), so the same cell
 * imported from CSV and from a GeoPackage is the same row, and re-imports update it.
 */

/** Cell sizes SCB publishes, metres. */
export const CELL_SIZES = [1000, 250] as const;
export type CellSize = (typeof CELL_SIZES)[number];

export const isCellSize = (n: number): n is CellSize => (CELL_SIZES as readonly number[]).includes(n);

/** Plausible SWEREF 99 TM ranges (Sweden with a margin); also used to tell E from N. */
const E_RANGE = [0, 1_200_000] as const;
const N_RANGE = [5_500_000, 8_000_000] as const;
const isE = (v: number) => v >= E_RANGE[0] && v <= E_RANGE[1];
const isN = (v: number) => v >= N_RANGE[0] && v <= N_RANGE[1];

/** A cell's lower-left corner (metres, EPSG:3006) and, when the source states it, its size. */
export interface CornerRef {
  e: number;
  n: number;
  size?: number;
}

/** Canonical SOT id of a cell: `1km_<E>_<N>` or `250m_<E>_<N>` of the SW corner. */
export function canonicalGridId(size: number, e: number, n: number): string {
  const label = size % 1000 === 0 ? `${size / 1000}km` : `${size}m`;
  return `${label}_${e}_${n}`;
}

/** Thrown for an id SOT recognises but cannot use (e.g. another CRS). */
export class GridIdError extends Error {}

/**
 * Reads a cell id in any of the forms in the module documentation. Returns null when the text
 * is not a grid id at all.
 *
 * @throws GridIdError for an INSPIRE id in a CRS other than EPSG:3006.
 */
export function parseGridId(raw: string): CornerRef | null {
  const text = raw.trim();
  if (text === '') return null;
  const inspire = /^CRS(\d+)RES(\d+)mN(\d+)E(\d+)$/i.exec(text);
  if (inspire) {
    if (inspire[1] !== '3006')
      throw new GridIdError(
        `grid id ${text} is in EPSG:${inspire[1]}; SOT reads SCB grids in SWEREF 99 TM (EPSG:3006)`,
      );
    return { size: Number(inspire[2]), n: Number(inspire[3]), e: Number(inspire[4]) };
  }
  const own = /^(\d+)(km|m)_(\d+)_(\d+)$/i.exec(text);
  if (own) {
    const size = Number(own[1]) * (own[2].toLowerCase() === 'km' ? 1000 : 1);
    return { size, e: Number(own[3]), n: Number(own[4]) };
  }
  if (/^\d{13}$/.test(text)) return { e: Number(text.slice(0, 6)), n: Number(text.slice(6)) };
  const numbers = text.match(/\d+/g);
  if (numbers?.length === 2 && /^[\sEN_:;,./-]*$/i.test(text.replace(/\d+/g, ''))) {
    const [a, b] = numbers.map(Number);
    if (isE(a) && isN(b)) return { e: a, n: b };
    if (isN(a) && isE(b)) return { e: b, n: a };
  }
  return null;
}

/** A coordinate pair read from a file: a corner or a centre, not yet known which. */
export interface Coordinate {
  e: number;
  n: number;
}

/**
 * Orders a coordinate pair as E/N by magnitude. Swedish geodesy calls northing "x", so files
 * with `x` = 6 880 000 and `y` = 480 000 are common; returns `swapped` for the report.
 */
export function orderEN(x: number, y: number): (Coordinate & { swapped: boolean }) | null {
  if (isE(x) && isN(y)) return { e: x, n: y, swapped: false };
  if (isN(x) && isE(y)) return { e: y, n: x, swapped: true };
  return null;
}

const mod = (v: number, m: number) => ((v % m) + m) % m;

/** How the coordinates of a file relate to its cells. */
export interface Layout {
  size: number;
  /** True when coordinates are cell centres, false for corners. */
  centres: boolean;
}

/**
 * Infers the cell size and whether coordinates are corners or centres from all the coordinates
 * of a file (ids always give corners, so pass `cornersOnly` for them):
 *
 * - every E and N a multiple of 1000 → 1 km corners;
 * - every one ≡ 500 (mod 1000) → 1 km centres (also fits 250 m corners; the caller warns);
 * - every one a multiple of 250 → 250 m corners;
 * - every one ≡ 125 (mod 250) → 250 m centres.
 *
 * Returns null when none fits (mixed grids, or points that are not on a grid).
 */
export function inferLayout(coords: Iterable<Coordinate>, cornersOnly = false): Layout | null {
  let all1000 = true;
  let all500 = !cornersOnly;
  let all250 = true;
  let all125 = !cornersOnly;
  let any = false;
  for (const { e, n } of coords) {
    any = true;
    for (const v of [e, n]) {
      const r1000 = mod(v, 1000);
      const r250 = mod(v, 250);
      if (r1000 !== 0) all1000 = false;
      if (r1000 !== 500) all500 = false;
      if (r250 !== 0) all250 = false;
      if (r250 !== 125) all125 = false;
    }
  }
  if (!any) return null;
  if (all1000) return { size: 1000, centres: false };
  if (all500) return { size: 1000, centres: true };
  if (all250) return { size: 250, centres: false };
  if (all125) return { size: 250, centres: true };
  return null;
}

/**
 * The SW corner of the cell a coordinate belongs to, given the cell size: a multiple of the size
 * is the corner itself, one offset by half a cell is the centre. Null when it is neither.
 */
export function cornerOf(c: Coordinate, size: number): Coordinate | null {
  const re = mod(c.e, size);
  const rn = mod(c.n, size);
  if (re === 0 && rn === 0) return { e: c.e, n: c.n };
  if (re === size / 2 && rn === size / 2) return { e: c.e - size / 2, n: c.n - size / 2 };
  return null;
}

/** The centre of a cell from its SW corner: corner + size/2 in both directions. */
export function centreOf(corner: Coordinate, size: number): Coordinate {
  return { e: corner.e + size / 2, n: corner.n + size / 2 };
}
