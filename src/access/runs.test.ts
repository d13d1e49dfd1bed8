import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRuns, populationCells } from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { updateServicePoint } from '../domain/service-points.js';
import type { RoadGraph } from '../graph/road-graph.js';
import type { AccessRunView } from '../shared/access.js';
import type { RegistryTestDb } from '../test/registry-fixtures.js';
import { getAccessConfig, updateAccessConfig } from './config.js';
import { waitForAccessJobs } from './jobs.js';
import { getAccessResults, getAccessSummary, getPointAccess } from './queries.js';
import {
  cancelAccessRun,
  findReusableRun,
  getAccessRun,
  listAccessRuns,
  runAccessAnalysis,
  startAccessRun,
} from './runs.js';
import { createAccessTestDb } from './test-db.js';
import { expectedTimes, seedTestRegistry, testDataDir } from './test-network.js';

let t: RegistryTestDb;
let dataDir: string;
let graph: RoadGraph;
let ids: Record<string, number>;
let run: AccessRunView;

beforeAll(async () => {
  t = await createAccessTestDb();
  ({ dataDir, graph } = await testDataDir());
  ids = await seedTestRegistry(t.db);
  run = await runAccessAnalysis(t.db, t.actors.county23, dataDir);
});
afterAll(async () => {
  await waitForAccessJobs();
  await t?.close();
});

describe('runAccessAnalysis', () => {
  it('finishes with the inputs it came from and reports what could not be snapped', () => {
    expect(run.status).toBe('done');
    expect(run.progress).toBe(1);
    expect(run.graph.name).toBe('test');
    expect(run.groups).toEqual({
      grocery: ['grocery'],
      fuel: ['fuel'],
      pharmacy: ['pharmacy', 'pharmacy_agent'],
      cash: ['atm', 'cash_service'],
      parcel: ['parcel_agent', 'post'],
      // SOT-punkter in operation (none in this registry; see sot.test.ts).
      sot: ['i_drift'],
    });
    expect(run.snapshot.servicePoints.count).toBe(6);
    expect(run.snapshot.sotPoints).toEqual({ count: 0, maxUpdatedAt: null });
    expect(run.stale).toBe(false);
    expect(run.requestedBy).toBe('county23');
    expect(run.stats?.points).toBe(7);
    expect(run.stats?.unsnappedPoints).toBe(1);
    expect(run.stats?.unsnappedSample[0]).toMatchObject({ ref: `place:${ids.FAR}`, name: 'Fjällstuga' });
    expect(run.stats?.services.pharmacy).toEqual({ total: 1, unsnapped: 1, unsnappedIds: [ids.PH] });
    expect(run.stats?.services.parcel).toEqual({ total: 0, unsnapped: 0, unsnappedIds: [] });
    expect(run.stats?.services.sot).toEqual({
      total: 0,
      unsnapped: 0,
      unsnappedIds: [],
      withoutStore: 0,
      withoutStoreIds: [],
    });
    expect(run.stats?.populationSources).toEqual({ '2380': 'places', '2321': 'places' });
  });

  it('stores exact times and the ids of the nearest and second-nearest services', async () => {
    const expected = expectedTimes(graph);
    for (const group of ['grocery', 'fuel', 'cash'] as const) {
      const res = await getAccessResults(t.db, t.actors.admin, dataDir, { group });
      for (const [place, [t1, t2]] of Object.entries(expected[group])) {
        const item = res.items.find((i) => i.ref === `place:${ids[place]}`)!;
        expect(item.time1S, `${group} ${place}`).toBeCloseTo(t1 as number, 0);
        if (t2 === null) expect(item.time2S).toBeNull();
        else expect(item.time2S, `${group} ${place} second`).toBeCloseTo(t2, 0);
      }
    }
    const grocery = await getAccessResults(t.db, t.actors.admin, dataDir, { group: 'grocery' });
    const v = grocery.items.find((i) => i.ref === `place:${ids.V}`)!;
    expect(v).toMatchObject({ nearestId: ids.G2, nearestName: 'Butik Fyra', secondId: ids.G1, status: 'ok' });
    const p7 = grocery.items.find((i) => i.ref === `place:${ids.P7}`)!;
    expect(p7.bridgeDependent).toBe(true);
    const far = grocery.items.find((i) => i.ref === `place:${ids.FAR}`)!;
    expect(far).toMatchObject({ status: 'unsnapped', time1S: null, nearestId: null });
    const pharmacy = await getAccessResults(t.db, t.actors.admin, dataDir, { group: 'pharmacy' });
    expect(pharmacy.items.filter((i) => i.status === 'unreachable')).toHaveLength(6);
  });

  it('summarises per municipality and county, weighted by population', async () => {
    const { rows } = await getAccessSummary(t.db, t.actors.admin, dataDir, { group: 'grocery' });
    const m2380 = rows.find((r) => r.level === 'municipality' && r.code === '2380')!;
    expect(m2380.name).toBe('Östertest');
    // T 1000, V 200, P5 100, P7 50, P8 30, P9 20.
    expect(m2380.resident.population).toBe(1400);
    expect(m2380.resident.points).toBe(6);
    expect(m2380.resident.medianMin).toBe(0); // T alone holds more than half
    expect(m2380.resident.bridgeDependent.people).toBe(50); // P7, across the bridge
    expect(m2380.resident.singleLinkDependent.people).toBe(300); // V, P7, P8, P9 beyond a single link
    // T's seasonal population is 1500; the others have none and count with their residents.
    expect(m2380.seasonal.population).toBe(1900);
    const expected = expectedTimes(graph).grocery;
    const weights: Record<string, number> = { T: 1000, V: 200, P5: 100, P7: 50, P8: 30 };
    const within5 = Object.entries(weights).filter(([k]) => (expected[k][0] as number) <= 300);
    // P9 (20 people) is on way 12 next to G2: well within 5 minutes.
    const people5 = within5.reduce((a, [, w]) => a + w, 0) + 20;
    expect(m2380.resident.within['5']).toBeCloseTo(people5 / 1400, 12);
    const m2321 = rows.find((r) => r.level === 'municipality' && r.code === '2321')!;
    expect(m2321.resident.unsnapped.people).toBe(15);
    expect(m2321.resident.bands.gt30).toBe(1);
    const county = rows.find((r) => r.level === 'county' && r.code === '23')!;
    expect(county.resident.population).toBe(1415);
  });

  it('shows readers only their territory', async () => {
    const viewer = await getAccessSummary(t.db, t.actors.viewer2321, dataDir, {});
    expect(new Set(viewer.rows.map((r) => `${r.level}:${r.code}`))).toEqual(new Set(['municipality:2321']));
    const county24 = await getAccessSummary(t.db, t.actors.county24, dataDir, {});
    expect(county24.rows).toEqual([]);
    const res = await getAccessResults(t.db, t.actors.viewer2321, dataDir, { group: 'grocery' });
    expect(res.items.map((i) => i.ref)).toEqual([`place:${ids.FAR}`]);
    await expect(getPointAccess(t.db, t.actors.viewer2321, dataDir, `place:${ids.V}`)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers for one point with its nearest and second-nearest services per group', async () => {
    const p = await getPointAccess(t.db, t.actors.muni2480, dataDir, `place:${ids.V}`).catch((e) => e);
    expect(p.status).toBe(404);
    const v = await getPointAccess(t.db, t.actors.county23, dataDir, `place:${ids.V}`);
    expect(v.point).toMatchObject({ name: 'Vby', population: 200, municipalityCode: '2380' });
    expect(v.groups.map((g) => g.group)).toEqual(['grocery', 'fuel', 'pharmacy', 'cash', 'parcel', 'sot']);
    const grocery = v.groups[0];
    expect(grocery.nearest).toMatchObject({ id: ids.G2, name: 'Butik Fyra', kind: 'grocery' });
    expect(grocery.second).toMatchObject({ id: ids.G1, name: 'Butik Ett' });
    expect(grocery.nearest!.timeS).toBeCloseTo(expectedTimes(graph).grocery.V[0] as number, 0);
    expect(v.groups[2]).toMatchObject({ group: 'pharmacy', status: 'unreachable', nearest: null });
    await expect(getPointAccess(t.db, t.actors.admin, dataDir, 'nonsense')).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('freshness, reuse, cancellation', () => {
  it('marks a run stale when a service point changes, and no longer offers it for reuse', async () => {
    const g = { name: 'test', version: run.graph.version };
    const groups = (await getAccessConfig(t.db)).groups;
    expect((await findReusableRun(t.db, dataDir, g, groups, 5000))?.id).toBe(run.id);
    await updateServicePoint(t.db, SYSTEM_ACTOR, ids.G1, { version: 1, name: 'Butik Ett (ny ägare)' });
    const after = await getAccessRun(t.db, t.actors.viewer2321, dataDir, run.id);
    expect(after.stale).toBe(true);
    expect(after.staleReasons).toEqual(['service points changed']);
    expect(await findReusableRun(t.db, dataDir, g, groups, 5000)).toBeNull();
    // The summary still answers from it, flagged.
    const summary = await getAccessSummary(t.db, t.actors.admin, dataDir, { group: 'grocery' });
    expect(summary.run).toMatchObject({ id: run.id, stale: true });
  });

  it('marks a run stale when the graph is rebuilt or the groups change', async () => {
    const fresh = await runAccessAnalysis(t.db, SYSTEM_ACTOR, dataDir, { groups: ['grocery'] });
    expect(fresh.stale).toBe(false);
    const file = path.join(dataDir, 'graphs', 'test.sotgraph');
    const { writeGraph } = await import('../graph/format.js');
    writeGraph(file, {
      ...graph,
      meta: { ...graph.meta, builtAt: new Date(Date.now() + 1000).toISOString() },
    });
    const rebuilt = await getAccessRun(t.db, SYSTEM_ACTOR, dataDir, fresh.id);
    expect(rebuilt.staleReasons).toEqual(['road graph "test" was rebuilt']);

    const other = await runAccessAnalysis(t.db, SYSTEM_ACTOR, dataDir, { groups: ['fuel'] });
    expect(other.stale).toBe(false);
    await updateAccessConfig(t.db, t.actors.admin, {
      groups: { ...(await getAccessConfig(t.db)).groups, fuel: ['fuel', 'convenience'] },
    });
    const regrouped = await getAccessRun(t.db, SYSTEM_ACTOR, dataDir, other.id);
    expect(regrouped.staleReasons).toEqual(['service groups changed: fuel']);
    await updateAccessConfig(t.db, t.actors.admin, {
      groups: { ...(await getAccessConfig(t.db)).groups, fuel: ['fuel'] },
    });
  });

  it('uses population cells where a municipality has them, places elsewhere', async () => {
    await t.db.insert(populationCells).values({
      gridId: '1km_462000_7013000',
      population: 500,
      cellSizeM: 1000,
      lat: 63.2,
      lon: 14.25,
      municipalityCode: '2380',
    });
    const withCells = await runAccessAnalysis(t.db, SYSTEM_ACTOR, dataDir, { groups: ['grocery'] });
    expect(withCells.stats?.populationSources).toEqual({ '2380': 'cells', '2321': 'places' });
    expect(withCells.stats?.points).toBe(2); // the cell, and FAR in 2321
    const res = await getAccessResults(t.db, SYSTEM_ACTOR, dataDir, { group: 'grocery', run: withCells.id });
    expect(res.items.map((i) => i.ref).sort()).toEqual(['cell:1km_462000_7013000', `place:${ids.FAR}`]);
    await t.db.delete(populationCells);
  });

  it('reuses a queued or running run instead of starting a second, and cancels on request', async () => {
    const first = await startAccessRun(t.db, t.actors.muni2321, dataDir);
    const second = await startAccessRun(t.db, t.actors.admin, dataDir);
    expect(first.reused).toBe(false);
    expect(second.reused).toBe(true);
    expect(second.run.id).toBe(first.run.id);
    await expect(cancelAccessRun(t.db, t.actors.county23, first.run.id)).rejects.toMatchObject({
      status: 403,
    });
    const cancelled = await cancelAccessRun(t.db, t.actors.muni2321, first.run.id);
    expect(['queued', 'running', 'cancelled']).toContain(cancelled.status);
    await waitForAccessJobs();
    const ended = await getAccessRun(t.db, SYSTEM_ACTOR, dataDir, first.run.id);
    expect(ended.status).toBe('cancelled');
    await expect(cancelAccessRun(t.db, t.actors.admin, first.run.id)).rejects.toMatchObject({
      status: 409,
    });
  });

  it('runs to completion in the background, with progress recorded', async () => {
    const started = await startAccessRun(t.db, t.actors.admin, dataDir, { groups: ['grocery', 'fuel'] });
    await waitForAccessJobs();
    const done = await getAccessRun(t.db, SYSTEM_ACTOR, dataDir, started.run.id);
    expect(done.status).toBe('done');
    expect(done.startedAt).not.toBeNull();
    expect((await listAccessRuns(t.db, SYSTEM_ACTOR, dataDir))[0].id).toBe(started.run.id);
  });

  it('reports a run whose process died as failed, and refuses viewers and missing graphs', async () => {
    const [ghost] = await t.db
      .insert(accessRuns)
      .values({
        graphName: 'test',
        graphVersion: 'x',
        registrySnapshot: {},
        kindGroups: [['grocery', ['grocery']]],
        maxSnapMetres: 5000,
        status: 'running',
        heartbeatAt: new Date(Date.now() - 3600_000),
      })
      .returning();
    const seen = await getAccessRun(t.db, SYSTEM_ACTOR, dataDir, ghost.id);
    expect(seen).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
    const [row] = await t.db.select().from(accessRuns).where(eq(accessRuns.id, ghost.id));
    expect(row.status).toBe('failed');
    await expect(startAccessRun(t.db, t.actors.viewer2321, dataDir)).rejects.toMatchObject({ status: 403 });
    await expect(startAccessRun(t.db, t.actors.admin, dataDir, { graph: 'nope' })).rejects.toMatchObject({
      status: 404,
    });
    const empty = fs.mkdtempSync(path.join(dataDir, 'empty-'));
    await expect(startAccessRun(t.db, t.actors.admin, empty)).rejects.toMatchObject({
      message: expect.stringMatching(/No road graph/),
    });
  });
});
