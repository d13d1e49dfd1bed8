/**
 * Segments: undirected road pieces between two graph nodes, with their own geometry. The builder
 * produces them from OSM ways, filters them to the largest strongly connected component and
 * contracts chains of them; the graph file stores the final ones, and each directed edge points
 * back at its segment (for geometry, way id, snapping).
 */
import { Growable } from './growable.js';

/** Direction bits of a segment. */
export const Dir = { forward: 1, backward: 2, both: 3 } as const;

export interface SegmentSet {
  count: number;
  /** End nodes; travel a → b is "forward". */
  a: Int32Array;
  b: Int32Array;
  /** `Dir` bits. */
  dir: Uint8Array;
  /** Road class code (attributes.ts). */
  cls: Uint8Array;
  /** Road flag bits (attributes.ts), never `reversed`. */
  flags: Uint8Array;
  metres: Float64Array;
  /** Travel time in seconds, unrounded (rounding happens once, per final edge). */
  seconds: Float64Array;
  /** OSM way id (for a contracted chain: the way contributing the most length). */
  way: Float64Array;
  /** Geometry of segment i: `geomNode[geomStart[i] … geomStart[i + 1] - 1]`, a → b, ends included. */
  geomStart: Int32Array;
  /** Indices into the builder's coordinate arrays. */
  geomNode: Int32Array;
}

/** Collects segments one by one. */
export class SegmentBuilder {
  private readonly a = new Growable(Int32Array);
  private readonly b = new Growable(Int32Array);
  private readonly dir = new Growable(Uint8Array);
  private readonly cls = new Growable(Uint8Array);
  private readonly flags = new Growable(Uint8Array);
  private readonly metres = new Growable(Float64Array);
  private readonly seconds = new Growable(Float64Array);
  private readonly way = new Growable(Float64Array);
  private readonly geomStart = new Growable(Int32Array);
  readonly geomNode = new Growable(Int32Array);

  get count(): number {
    return this.a.length;
  }

  /** Adds a segment whose geometry was already appended to `geomNode` since the last add. */
  add(
    a: number,
    b: number,
    dir: number,
    cls: number,
    flags: number,
    metres: number,
    seconds: number,
    way: number,
  ) {
    this.geomStart.push(this.pendingStart);
    this.pendingStart = this.geomNode.length;
    this.a.push(a);
    this.b.push(b);
    this.dir.push(dir);
    this.cls.push(cls);
    this.flags.push(flags);
    this.metres.push(metres);
    this.seconds.push(seconds);
    this.way.push(way);
  }

  /** Discards geometry appended since the last add (a piece that turned out unusable). */
  dropPendingGeometry(): void {
    this.geomNode.truncate(this.pendingStart);
  }

  /** Start of the geometry not yet owned by a segment. */
  pendingStart = 0;

  /** Changes the time of an added segment (ferries learn their way's total length afterwards). */
  setSeconds(i: number, seconds: number): void {
    this.seconds.data[i] = seconds;
  }

  secondsOf(i: number): number {
    return this.seconds.data[i];
  }

  metresOf(i: number): number {
    return this.metres.data[i];
  }

  finish(): SegmentSet {
    const geomStart = new Int32Array(this.count + 1);
    geomStart.set(this.geomStart.data.subarray(0, this.count));
    geomStart[this.count] = this.pendingStart;
    return {
      count: this.count,
      a: this.a.toArray(),
      b: this.b.toArray(),
      dir: this.dir.toArray(),
      cls: this.cls.toArray(),
      flags: this.flags.toArray(),
      metres: this.metres.toArray(),
      seconds: this.seconds.toArray(),
      way: this.way.toArray(),
      geomStart,
      geomNode: this.geomNode.data.slice(0, this.pendingStart),
    };
  }
}

/** The segments with `keep[i] = 1`, geometry included, in their original order. */
export function selectSegments(set: SegmentSet, keep: Uint8Array): SegmentSet {
  let count = 0;
  let points = 0;
  for (let i = 0; i < set.count; i++) {
    if (!keep[i]) continue;
    count++;
    points += set.geomStart[i + 1] - set.geomStart[i];
  }
  const out: SegmentSet = {
    count,
    a: new Int32Array(count),
    b: new Int32Array(count),
    dir: new Uint8Array(count),
    cls: new Uint8Array(count),
    flags: new Uint8Array(count),
    metres: new Float64Array(count),
    seconds: new Float64Array(count),
    way: new Float64Array(count),
    geomStart: new Int32Array(count + 1),
    geomNode: new Int32Array(points),
  };
  let j = 0;
  let p = 0;
  for (let i = 0; i < set.count; i++) {
    if (!keep[i]) continue;
    out.a[j] = set.a[i];
    out.b[j] = set.b[i];
    out.dir[j] = set.dir[i];
    out.cls[j] = set.cls[i];
    out.flags[j] = set.flags[i];
    out.metres[j] = set.metres[i];
    out.seconds[j] = set.seconds[i];
    out.way[j] = set.way[i];
    out.geomStart[j] = p;
    out.geomNode.set(set.geomNode.subarray(set.geomStart[i], set.geomStart[i + 1]), p);
    p += set.geomStart[i + 1] - set.geomStart[i];
    j++;
  }
  out.geomStart[count] = p;
  return out;
}
