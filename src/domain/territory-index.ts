/**
 * Finds the municipality a point lies in. Every write of a service point, place or population
 * cell derives its municipality here, so the stored code always agrees with the boundaries.
 */

import type { DbOrTx } from '../db/client.js';
import { municipalities } from '../db/schema.js';
import { type AreaGeometry, isAreaGeometry, pointInGeometry } from '../lib/geo.js';

interface Entry {
  code: string;
  countyCode: string;
  bbox: [number, number, number, number];
  geometry: AreaGeometry;
}

/** An in-memory index over municipality boundaries (bbox pre-filter, then point-in-polygon). */
export class TerritoryIndex {
  private readonly entries: Entry[];

  constructor(entries: Entry[]) {
    this.entries = entries;
  }

  /** Loads the current boundaries; pass the transaction when boundaries change in the same import. */
  static async load(db: DbOrTx): Promise<TerritoryIndex> {
    const rows = await db.select().from(municipalities);
    const entries: Entry[] = [];
    for (const r of rows) {
      if (!isAreaGeometry(r.geometry) || r.minLon === null || r.minLat === null) continue;
      entries.push({
        code: r.code,
        countyCode: r.countyCode,
        bbox: [r.minLon, r.minLat, r.maxLon ?? r.minLon, r.maxLat ?? r.minLat],
        geometry: r.geometry,
      });
    }
    return new TerritoryIndex(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The municipality code containing the point, or null when it lies outside every boundary. */
  municipalityAt(lat: number, lon: number): string | null {
    for (const e of this.entries) {
      const b = e.bbox;
      if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3]) continue;
      if (pointInGeometry(lon, lat, e.geometry)) return e.code;
    }
    return null;
  }
}
