/**
 * The accessibility analysis on real data: the Andorra extract (skipped when the shared data
 * folder is absent). Andorra lies outside the test territory, so everything has no municipality:
 * the run still computes every point; summaries need municipalities and are empty.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { buildRoadGraph } from '../graph/build.js';
import { writeGraph } from '../graph/format.js';
import { runImport } from '../import/index.js';
import type { AccessRunView } from '../shared/access.js';
import { createTestDatabase } from '../test/db.js';
import { sharedDataPath } from '../test/shared-data.js';
import { getAccessResults } from './queries.js';
import { runAccessAnalysis } from './runs.js';

const andorra = sharedDataPath('osm/andorra-2013.osm.pbf');

describe.skipIf(!andorra)('accessibility on the Andorra extract', () => {
  let database: Database;
  let dataDir: string;
  let run: AccessRunView;
  let placesWithPopulation = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const report = await runImport(database.db, SYSTEM_ACTOR, { target: 'all', filePath: andorra as string });
    placesWithPopulation = Object.entries(report.byKind)
      .filter(([k]) => k.startsWith('place:'))
      .reduce((a, [, n]) => a + n, 0);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-access-andorra-'));
    writeGraph(path.join(dataDir, 'graphs', 'andorra.sotgraph'), await buildRoadGraph(andorra as string));
    run = await runAccessAnalysis(database.db, SYSTEM_ACTOR, dataDir);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('completes with the 19 fuel stations as sources, all on the road network', () => {
    expect(run.status).toBe('done');
    expect(run.stats?.services.fuel).toEqual({ total: 19, unsnapped: 0, unsnappedIds: [] });
    expect(run.stats?.populationSources).toEqual({ none: 'osm_places' });
    expect(run.stats?.points).toBe(placesWithPopulation);
  });

  it('gives every populated place a time to fuel, and a second station', async () => {
    const fuel = await getAccessResults(database.db, SYSTEM_ACTOR, dataDir, { group: 'fuel' });
    const populated = fuel.items.filter((i) => i.population > 0);
    expect(populated.length).toBeGreaterThan(0);
    for (const p of populated) {
      expect(p.status, p.name ?? p.ref).toBe('ok');
      expect(p.time1S).toBeGreaterThanOrEqual(0);
      // A small country with 19 stations: nobody is more than an hour from the nearest.
      expect(p.time1S as number).toBeLessThan(3600);
      expect(p.time2S as number).toBeGreaterThanOrEqual(p.time1S as number);
      expect(p.nearestId).not.toBe(p.secondId);
    }
    const reached = fuel.items.filter((i) => i.status === 'ok');
    expect(reached.length + (run.stats?.unsnappedPoints ?? 0)).toBe(fuel.items.length);
  });
});
