/**
 * Pass 1 of the graph build: keeps the drivable ways (refs and what the profile said about them)
 * in flat typed arrays. Way tags are dropped here; only the profile's verdict is kept.
 */
import type { OsmWay } from '../osm/types.js';
import { Growable } from './growable.js';
import type { WayProfile } from './profile.js';
import { Dir } from './segment-set.js';

export class WayCollector {
  /** OSM node ids of all kept ways, concatenated. */
  readonly refs = new Growable(Float64Array, 1 << 16);
  /** Start of each way in `refs`. */
  readonly start = new Growable(Int32Array);
  readonly wayId = new Growable(Float64Array);
  readonly cls = new Growable(Uint8Array);
  readonly flags = new Growable(Uint8Array);
  readonly dir = new Growable(Uint8Array);
  readonly speedKmh = new Growable(Float32Array);
  /** Ferries: whole-way seconds when fixed (NaN otherwise). */
  readonly fixedSeconds = new Growable(Float64Array);
  /** Ferries without duration: boarding seconds for the whole way (0 otherwise). */
  readonly extraSeconds = new Growable(Float64Array);

  get count(): number {
    return this.wayId.length;
  }

  add(way: OsmWay, p: WayProfile): void {
    const refs = way.refs;
    if (refs.length < 2 || (!p.forward && !p.backward)) return;
    this.start.push(this.refs.length);
    this.refs.reserve(refs.length);
    for (let i = 0; i < refs.length; i++) this.refs.push(refs[i]);
    this.wayId.push(way.id);
    this.cls.push(p.cls);
    this.flags.push(p.flags);
    this.dir.push((p.forward ? Dir.forward : 0) | (p.backward ? Dir.backward : 0));
    this.speedKmh.push(p.speedKmh);
    this.fixedSeconds.push(p.fixedSeconds ?? Number.NaN);
    this.extraSeconds.push(p.extraSeconds ?? 0);
  }

  /** Frees the node ids once they have been translated to indices (keeps `refs.length`). */
  releaseRefs(): void {
    this.refs.data = new Float64Array(0);
  }

  /** End (exclusive) of way `w` in `refs`. */
  end(w: number): number {
    return w + 1 < this.count ? this.start.data[w + 1] : this.refs.length;
  }
}
