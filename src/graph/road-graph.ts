/**
 * The road graph as SOT holds it in memory and on disk: a CSR graph (both directions) plus what
 * display, snapping and scenarios need: node coordinates, per-edge class/flags, and segments
 * (the undirected road pieces behind the edges) with their full geometry and OSM way id.
 */
import type { CsrGraph } from './csr.js';
import type { DroppedReport } from './largest-component.js';
import type { ResolvedCarProfile } from './profile.js';

/** Descriptive metadata stored as JSON in the graph file. */
export interface GraphMeta {
  /** Graph file format version the file was written with. */
  formatVersion: number;
  /** Unit of edge times: always deciseconds for road graphs. */
  timeUnit: 'ds';
  /**
   * The OSM file the graph was built from. `generator` is the program that wrote that file (its
   * `<osm generator>` or PBF `writingprogram`), null when it names none; absent in graphs built
   * before it was recorded. `sot-demo` marks the fictional demo region (src/maptiles/attribution.ts).
   */
  source: { path: string; bytes: number; generator?: string | null } | null;
  builtAt: string;
  profile: ResolvedCarProfile | null;
  counts: {
    nodes: number;
    edges: number;
    segments: number;
    geometryPoints: number;
    /** OSM ways the profile accepted. */
    osmWays: number;
    /** Distinct OSM nodes referenced by those ways. */
    osmRoadNodes: number;
    /** Graph nodes before chain contraction (junctions in the largest component). */
    nodesBeforeContraction: number;
  };
  /** What the largest-strongly-connected-component filter removed. */
  dropped: DroppedReport;
  /** Wall-clock milliseconds of the build phases (absent for graphs not built from OSM). */
  buildMs?: { readWays: number; readNodes: number; assemble: number };
  /** [minLon, minLat, maxLon, maxLat] of the nodes, degrees. */
  bbox: [number, number, number, number] | null;
}

export interface RoadGraph extends CsrGraph {
  meta: GraphMeta;
  /** Node latitude/longitude × 10⁷ (OSM's own precision). */
  nodeLat: Int32Array;
  nodeLon: Int32Array;
  /** OSM node id of each graph node. */
  nodeOsmId: Float64Array;
  /** Per forward edge: `EdgeFlag` bits (road flags, plus `reversed` against segment geometry). */
  edgeFlags: Uint8Array;
  /** Per forward edge: road class code. */
  edgeClass: Uint8Array;
  /** Per forward edge: its segment. */
  edgeSegment: Int32Array;
  segmentCount: number;
  /** Segment end nodes (geometry runs a → b). */
  segmentA: Int32Array;
  segmentB: Int32Array;
  /** OSM way id of each segment. */
  segmentWay: Float64Array;
  /** Forward edge a → b at `2s`, b → a at `2s + 1`; -1 where one-way. */
  segmentEdges: Int32Array;
  /** Geometry of segment s: points `geometryStart[s] … geometryStart[s + 1] - 1`. */
  geometryStart: Int32Array;
  geometryLat: Int32Array;
  geometryLon: Int32Array;
}
