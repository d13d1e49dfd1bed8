import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { sotPoints } from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { seedDemo } from '../setup/seed.js';
import { SOT_GROUP } from '../shared/access.js';
import { createTestDatabase } from '../test/db.js';
import { prepareDemoAccess } from './demo.js';
import { getAccessResults, getAccessSummary } from './queries.js';
import { getAccessRun, latestDoneRun } from './runs.js';

let database: Database;
let dataDir: string;
const log: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-access-demo-'));
  await seedDemo(database, dataDir, (l) => log.push(l), { nodes: 5000 });
});
afterAll(async () => {
  await database?.close();
});

describe('the demo data set', () => {
  it('gets its road graph and a finished accessibility run when seeded', async () => {
    expect(log.join('\n')).toMatch(/road graph\s+\d+ nodes.*\n\s+accessibility\s+\d+ points .*done/);
    expect(fs.existsSync(path.join(dataDir, 'graphs', 'demo.sotgraph'))).toBe(true);
    const row = await latestDoneRun(database.db, 'grocery');
    expect(row).not.toBeNull();
    const run = await getAccessRun(database.db, SYSTEM_ACTOR, dataDir, row!.id);
    expect(run.graph.name).toBe('demo');
    expect(run.stats?.points).toBeGreaterThan(20);
    for (const [group, s] of Object.entries(run.stats?.services ?? {}))
      expect(s.total - s.unsnapped, `${group} sources`).toBeGreaterThan(0);
    // The demo's SOT-punkt in operation is seeded before the first run, so the run counts it.
    const operating = await database.db
      .select({ id: sotPoints.id })
      .from(sotPoints)
      .where(eq(sotPoints.status, 'i_drift'));
    expect(operating).toHaveLength(1);
    expect(run.groups[SOT_GROUP]).toEqual(['i_drift']);
    expect(run.stats?.services[SOT_GROUP]).toMatchObject({ total: 1, unsnapped: 0, withoutStore: 0 });
    expect(run.stale).toBe(false);
    const sot = await getAccessResults(database.db, SYSTEM_ACTOR, dataDir, { group: SOT_GROUP });
    expect(sot.items.some((i) => i.nearestId === operating[0].id && i.status === 'ok')).toBe(true);
    const summary = await getAccessSummary(database.db, SYSTEM_ACTOR, dataDir, { group: 'grocery' });
    const county = summary.rows.find((r) => r.level === 'county')!;
    expect(county.resident.population).toBeGreaterThan(0);
    expect(county.resident.within['60']).toBeGreaterThan(0.5);
  });

  it('shows the places beyond the demo lake bridge as bridge-dependent for some service', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo', 'manifest.json'), 'utf8'));
    const beyond: string[] = manifest.highlights.bridge.dependentPlaces;
    expect(beyond.length).toBeGreaterThan(0);
    const dependent = new Set<string>();
    for (const group of ['grocery', 'fuel', 'pharmacy', 'cash', 'parcel']) {
      const res = await getAccessResults(database.db, SYSTEM_ACTOR, dataDir, { group });
      for (const i of res.items) if (i.bridgeDependent && i.name) dependent.add(i.name);
    }
    for (const name of beyond) expect(dependent.has(name), name).toBe(true);
  });

  it('leaves a current graph and run alone', async () => {
    const graph = path.join(dataDir, 'graphs', 'demo.sotgraph');
    const before = fs.statSync(graph).mtimeMs;
    await prepareDemoAccess(database, dataDir);
    expect(await prepareDemoAccess(database, dataDir)).toBeNull();
    expect(fs.statSync(graph).mtimeMs).toBe(before);
  });
});
