/**
 * What road tiles are cut from: every segment's class, road flags and geometry in Web Mercator
 * world units, with one grid index per zoom band (src/maptiles/road-zoom.ts), built once per
 * graph. The graph itself is not kept: routing arrays are of no use to tiles, so the server holds
 * about 9 bytes per geometry point plus the grids.
 *
 * A band's grid covers the bounding box of the band's geometry with square cells the size of
 * tiles of one zoom: at least two zooms above the band's first zoom, finer while there are more
 * straight pieces than cells (up to zoom {@link MAX_CELL_ZOOM} and {@link MAX_GRID_CELLS} cells).
 * Each segment is listed in every cell one of its straight pieces' bounding box touches — not
 * its whole bounding box, so a long diagonal ferry line lands in a thin run of cells. A tile
 * query visits the cells under the tile and its buffer and deduplicates segments with a stamp.
 */
import { EdgeFlag, ROAD_FLAG_MASK } from '../graph/attributes.js';
import type { RoadGraph } from '../graph/road-graph.js';
import {
  latOfMercatorY,
  lonOfMercatorX,
  mercatorX,
  mercatorY,
  toWorldUnits,
  WORLD_UNITS,
} from './mercator.js';
import { BAND_OF_CLASS, ROAD_ZOOM_BANDS } from './road-zoom.js';

/** Upper bound on one grid's cells (4 bytes each, plus the lists). */
export const MAX_GRID_CELLS = 4_000_000;
/** Cells are never smaller than tiles of this zoom (about 1 km at 64° N). */
export const MAX_CELL_ZOOM = 14;

const E7 = 1e-7;

/** One zoom band's grid: CSR lists of segments per cell. */
export interface BandGrid {
  minZoom: number;
  /** Cells are tiles of this zoom. */
  cellZoom: number;
  /** World units per cell side. */
  cellSize: number;
  /** First cell column and row of the grid, and its size. */
  col0: number;
  row0: number;
  cols: number;
  rows: number;
  /** Segments of cell c: `cellSegments[cellStart[c] … cellStart[c + 1] - 1]`, ascending. */
  cellStart: Int32Array;
  cellSegments: Int32Array;
  /** Segments in this band. */
  segmentCount: number;
}

export interface RoadTileData {
  segmentCount: number;
  /** Road class code of each segment (255: a segment with no edge, never drawn). */
  segmentClass: Uint8Array;
  /** Road flag bits of each segment (`EdgeFlag` without `reversed`). */
  segmentFlags: Uint8Array;
  /** Geometry of segment s: points `geometryStart[s] … geometryStart[s + 1] - 1`. */
  geometryStart: Int32Array;
  /** Point positions in world units (the unit square × 2^32), y growing south. */
  worldX: Uint32Array;
  worldY: Uint32Array;
  /** One grid per entry of `ROAD_ZOOM_BANDS`, same order. */
  bands: BandGrid[];
}

/** Projects the graph's geometry and builds the band grids. */
export function buildRoadTileData(graph: RoadGraph): RoadTileData {
  const S = graph.segmentCount;
  const P = graph.geometryLat.length;
  const segmentClass = new Uint8Array(S).fill(255);
  const segmentFlags = new Uint8Array(S);
  for (let s = 0; s < S; s++) {
    const ab = graph.segmentEdges[2 * s];
    const e = ab >= 0 ? ab : graph.segmentEdges[2 * s + 1];
    if (e < 0) continue;
    segmentClass[s] = graph.edgeClass[e];
    segmentFlags[s] = graph.edgeFlags[e] & ROAD_FLAG_MASK & ~EdgeFlag.reversed;
  }
  const worldX = new Uint32Array(P);
  const worldY = new Uint32Array(P);
  for (let p = 0; p < P; p++) {
    worldX[p] = toWorldUnits(mercatorX(graph.geometryLon[p] * E7));
    worldY[p] = toWorldUnits(mercatorY(graph.geometryLat[p] * E7));
  }
  const geometryStart = graph.geometryStart.slice();
  const base = { segmentCount: S, segmentClass, segmentFlags, geometryStart, worldX, worldY };
  const bands = ROAD_ZOOM_BANDS.map((band, i) => buildBandGrid(base, i, band.minZoom));
  return { ...base, bands };
}

/** Margin added around the roads' extent in {@link roadTileBounds}: one zoom-14 tile, world units. */
const BOUNDS_MARGIN = 2 ** (32 - MAX_CELL_ZOOM);

/**
 * [west, south, east, north] in degrees around every road of the tile data, or null without
 * roads: the area a map needs tiles for (TileJSON `bounds`), so MapLibre asks for no tiles that
 * can only be empty. Taken from the band grids, which cover their geometry in whole cells, widened
 * by one zoom-14 tile so the strokes of roads at the very edge (half a line width beyond the
 * geometry) still have their tiles fetched.
 */
export function roadTileBounds(data: RoadTileData): [number, number, number, number] | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const g of data.bands) {
    if (g.cols === 0) continue;
    minX = Math.min(minX, g.col0 * g.cellSize);
    minY = Math.min(minY, g.row0 * g.cellSize);
    maxX = Math.max(maxX, (g.col0 + g.cols) * g.cellSize);
    maxY = Math.max(maxY, (g.row0 + g.rows) * g.cellSize);
  }
  if (minX > maxX) return null;
  const world = (v: number) => Math.min(1, Math.max(0, v / WORLD_UNITS));
  return [
    lonOfMercatorX(world(minX - BOUNDS_MARGIN)),
    latOfMercatorY(world(maxY + BOUNDS_MARGIN)),
    lonOfMercatorX(world(maxX + BOUNDS_MARGIN)),
    latOfMercatorY(world(minY - BOUNDS_MARGIN)),
  ];
}

function buildBandGrid(data: Omit<RoadTileData, 'bands'>, band: number, minZoom: number): BandGrid {
  const { segmentCount: S, segmentClass, geometryStart: gs, worldX, worldY } = data;
  const inBand = (s: number) => segmentClass[s] !== 255 && BAND_OF_CLASS[segmentClass[s]] === band;
  let minX = WORLD_UNITS;
  let minY = WORLD_UNITS;
  let maxX = 0;
  let maxY = 0;
  let count = 0;
  let pieces = 0;
  for (let s = 0; s < S; s++) {
    if (!inBand(s)) continue;
    count++;
    pieces += Math.max(1, gs[s + 1] - gs[s] - 1);
    for (let p = gs[s]; p < gs[s + 1]; p++) {
      if (worldX[p] < minX) minX = worldX[p];
      if (worldX[p] > maxX) maxX = worldX[p];
      if (worldY[p] < minY) minY = worldY[p];
      if (worldY[p] > maxY) maxY = worldY[p];
    }
  }
  if (count === 0) {
    return {
      minZoom,
      cellZoom: minZoom,
      cellSize: WORLD_UNITS,
      col0: 0,
      row0: 0,
      cols: 0,
      rows: 0,
      cellStart: new Int32Array(1),
      cellSegments: new Int32Array(0),
      segmentCount: 0,
    };
  }
  // Finer cells mean fewer segments to project per tile; stop at about one cell per piece.
  const cellsAt = (cz: number) => {
    const size = 2 ** (32 - cz);
    return (
      (Math.floor(maxX / size) - Math.floor(minX / size) + 1) *
      (Math.floor(maxY / size) - Math.floor(minY / size) + 1)
    );
  };
  let cellZoom = minZoom + 2;
  while (cellZoom > 0 && cellsAt(cellZoom) > MAX_GRID_CELLS) cellZoom--;
  while (cellZoom < MAX_CELL_ZOOM && cellsAt(cellZoom + 1) <= Math.min(pieces, MAX_GRID_CELLS)) cellZoom++;
  const cellSize = 2 ** (32 - cellZoom);
  const col0 = Math.floor(minX / cellSize);
  const row0 = Math.floor(minY / cellSize);
  const cols = Math.floor(maxX / cellSize) - col0 + 1;
  const rows = Math.floor(maxY / cellSize) - row0 + 1;
  const cells = cols * rows;
  const cellStart = new Int32Array(cells + 1);
  // A segment is listed once per cell: pieces of one segment come in a row, so remembering the
  // last segment written to each cell is enough to skip repeats.
  const lastSegment = new Int32Array(cells);
  const each = (visit: (cell: number, s: number) => void) => {
    lastSegment.fill(-1);
    for (let s = 0; s < S; s++) {
      if (!inBand(s)) continue;
      for (let p = gs[s]; p < gs[s + 1] - 1; p++) {
        const c0 = Math.floor(Math.min(worldX[p], worldX[p + 1]) / cellSize) - col0;
        const c1 = Math.floor(Math.max(worldX[p], worldX[p + 1]) / cellSize) - col0;
        const r0 = Math.floor(Math.min(worldY[p], worldY[p + 1]) / cellSize) - row0;
        const r1 = Math.floor(Math.max(worldY[p], worldY[p + 1]) / cellSize) - row0;
        for (let r = r0; r <= r1; r++)
          for (let c = c0; c <= c1; c++) {
            const cell = r * cols + c;
            if (lastSegment[cell] === s) continue;
            lastSegment[cell] = s;
            visit(cell, s);
          }
      }
      // A one-point segment (degenerate, but possible in a hand-made graph) still gets its cell.
      if (gs[s + 1] - gs[s] === 1) {
        const p = gs[s];
        const cell =
          (Math.floor(worldY[p] / cellSize) - row0) * cols + (Math.floor(worldX[p] / cellSize) - col0);
        if (lastSegment[cell] !== s) {
          lastSegment[cell] = s;
          visit(cell, s);
        }
      }
    }
  };
  each((cell) => cellStart[cell + 1]++);
  for (let c = 0; c < cells; c++) cellStart[c + 1] += cellStart[c];
  const next = cellStart.slice(0, cells);
  const cellSegments = new Int32Array(cellStart[cells]);
  each((cell, s) => {
    cellSegments[next[cell]++] = s;
  });
  return {
    minZoom,
    cellZoom,
    cellSize,
    col0,
    row0,
    cols,
    rows,
    cellStart,
    cellSegments,
    segmentCount: count,
  };
}

/**
 * Segments of one band whose geometry may touch the world-unit rectangle (candidates: the caller
 * clips). Appends to `out` in ascending order, without repeats; `stamp` is a per-segment scratch
 * array and `mark` a value not yet used in it.
 */
export function bandSegmentsInRect(
  grid: BandGrid,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  stamp: Int32Array,
  mark: number,
  out: number[],
): void {
  if (grid.cols === 0) return;
  const c0 = Math.max(0, Math.floor(minX / grid.cellSize) - grid.col0);
  const c1 = Math.min(grid.cols - 1, Math.floor(maxX / grid.cellSize) - grid.col0);
  const r0 = Math.max(0, Math.floor(minY / grid.cellSize) - grid.row0);
  const r1 = Math.min(grid.rows - 1, Math.floor(maxY / grid.cellSize) - grid.row0);
  if (c0 > c1 || r0 > r1) return;
  const from = out.length;
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) {
      const cell = r * grid.cols + c;
      for (let k = grid.cellStart[cell]; k < grid.cellStart[cell + 1]; k++) {
        const s = grid.cellSegments[k];
        if (stamp[s] === mark) continue;
        stamp[s] = mark;
        out.push(s);
      }
    }
  // Cells visited row by row mix the order; ascending segments make tiles deterministic.
  if (out.length - from > 1) {
    const sorted = Int32Array.from(out.slice(from)).sort();
    for (let i = 0; i < sorted.length; i++) out[from + i] = sorted[i];
  }
}
