/**
 * The `sot` group: which SOT-punkter are sources, freshness when they change, and who sees what
 * (src/access/sot-visibility.ts), on the test network with the road west into municipality 2321.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { type AccessRunView, DEFAULT_ACCESS_CONFIG, SOT_GROUP } from '../shared/access.js';
import { addTransition } from '../sot/lifecycle.js';
import type { RegistryTestDb } from '../test/registry-fixtures.js';
import { getAccessConfig, selectGroups, updateAccessConfig } from './config.js';
import { waitForAccessJobs } from './jobs.js';
import { getAccessResults, getAccessSummary, getPointAccess } from './queries.js';
import { findReusableRun, getAccessRun, listAccessRuns, runAccessAnalysis } from './runs.js';
import { OTHER_INPUTS_CHANGED, SOT_STATUSES_CHANGED } from './sot-visibility.js';
import { createAccessTestDb } from './test-db.js';
import { seedTestRegistry, seedTestSot, testDataDir, wayTime } from './test-network.js';

let t: RegistryTestDb;
let dataDir: string;
let graph: RoadGraph;
let ids: Record<string, number>;
/** The first run: default configuration, sources S1 only. */
let run: AccessRunView;

/** Seconds of way `w` driven from node `a` to `b`. */
const secs = (w: number, a: number, b: number) => wayTime(graph, w, a, b) / 10;

beforeAll(async () => {
  t = await createAccessTestDb();
  ({ dataDir, graph } = await testDataDir({ west: true }));
  ids = await seedTestRegistry(t.db);
  ids = { ...ids, ...(await seedTestSot(t.db, ids)) };
  run = await runAccessAnalysis(t.db, SYSTEM_ACTOR, dataDir);
});
afterAll(async () => {
  await waitForAccessJobs();
  await t?.close();
});

const itemOf = async (actor: keyof RegistryTestDb['actors'] | 'system', key: string, runId = run.id) => {
  const who = actor === 'system' ? SYSTEM_ACTOR : t.actors[actor];
  const res = await getAccessResults(t.db, who, dataDir, { group: SOT_GROUP, run: runId });
  return res.items.find((i) => i.ref === `place:${ids[key]}`);
};

describe('the sot group', () => {
  it('counts SOT-punkter in operation at their store, and reports one whose store was deleted', async () => {
    expect(run.status).toBe('done');
    expect(run.groups[SOT_GROUP]).toEqual(['i_drift']);
    expect(Object.keys(run.groups).at(-1)).toBe(SOT_GROUP);
    // S1 is in operation; S2 (idé) and SW (beviljad) are not; SX is in operation but has no store.
    expect(run.stats?.services[SOT_GROUP]).toEqual({
      total: 1,
      unsnapped: 0,
      unsnappedIds: [],
      withoutStore: 1,
      withoutStoreIds: [ids.SX],
    });
    expect(run.snapshot.sotPoints?.count).toBe(4);
    // V (node 3) has the idé point S2 at the next node; only S1 (node 1) counts.
    const v = await itemOf('system', 'V');
    expect(v).toMatchObject({ status: 'ok', nearestId: ids.S1, nearestName: 'SOT-punkt Ett' });
    expect(v?.time1S).toBeCloseTo(secs(11, 3, 2) + secs(10, 2, 1), 0);
    expect(v).toMatchObject({ secondId: null, time2S: null, nearestHidden: false, secondHidden: false });
    const w = await itemOf('system', 'W');
    expect(w?.time1S).toBeCloseTo(secs(18, 20, 1), 0);
  });

  it('follows the configured statuses: adding beviljad makes SW a source and the old run stale', async () => {
    expect(selectGroups(await getAccessConfig(t.db), [SOT_GROUP])).toEqual({ sot: ['i_drift'] });
    await updateAccessConfig(t.db, t.actors.admin, { sotStatuses: ['i_drift', 'beviljad'] });
    const old = await getAccessRun(t.db, t.actors.admin, dataDir, run.id);
    expect(old.staleReasons).toEqual([SOT_STATUSES_CHANGED]);
    const wider = await runAccessAnalysis(t.db, SYSTEM_ACTOR, dataDir, { groups: [SOT_GROUP] });
    expect(wider.groups).toEqual({ sot: ['i_drift', 'beviljad'] });
    expect(wider.stats?.services[SOT_GROUP].total).toBe(2);
    const w = await itemOf('system', 'W', wider.id);
    expect(w).toMatchObject({ nearestId: ids.SW, nearestName: 'SOT-punkt Väst', time1S: 0 });
    expect(w).toMatchObject({ secondId: ids.S1, secondName: 'SOT-punkt Ett' });
    expect(w?.time2S).toBeCloseTo(secs(18, 20, 1), 0);
    // S2 is still an idea: V's nearest stays S1.
    expect((await itemOf('system', 'V', wider.id))?.nearestId).toBe(ids.S1);

    // S2 is granted: the run is stale because a SOT-punkt changed, and a new one counts it.
    await addTransition(t.db, SYSTEM_ACTOR, ids.S2, { to: 'beviljad' });
    const after = await getAccessRun(t.db, t.actors.county23, dataDir, wider.id);
    expect(after).toMatchObject({ stale: true, staleReasons: ['SOT-punkter changed'] });
    const config = await getAccessConfig(t.db);
    expect(
      await findReusableRun(t.db, dataDir, after.graph, selectGroups(config, [SOT_GROUP]), 5000),
    ).toBeNull();
    const third = await runAccessAnalysis(t.db, SYSTEM_ACTOR, dataDir, { groups: [SOT_GROUP] });
    const v = await itemOf('system', 'V', third.id);
    expect(v).toMatchObject({ nearestId: ids.S2, secondId: ids.S1 });
    expect(v?.time1S).toBeCloseTo(secs(12, 3, 4), 0);

    // An empty status set: no sot group.
    await updateAccessConfig(t.db, t.actors.admin, { sotStatuses: [] });
    expect(Object.keys(selectGroups(await getAccessConfig(t.db)))).not.toContain(SOT_GROUP);
    expect(() => selectGroups(DEFAULT_ACCESS_CONFIG, ['nope'])).toThrow(/Unknown service group/);
    await expect(
      (async () => selectGroups(await getAccessConfig(t.db), [SOT_GROUP]))(),
    ).rejects.toMatchObject({ status: 400, details: [{ field: 'group' }] });
    await updateAccessConfig(t.db, t.actors.admin, { sotStatuses: ['i_drift', 'beviljad'] });
  });

  it('counts an old snapshot without SOT-punkter as changed', async () => {
    const { accessRuns } = await import('../db/schema.js');
    const { eq } = await import('drizzle-orm');
    const fresh = await runAccessAnalysis(t.db, SYSTEM_ACTOR, dataDir, { groups: ['grocery'] });
    expect(fresh.stale).toBe(false);
    const { sotPoints: _gone, ...older } = fresh.snapshot;
    await t.db
      .update(accessRuns)
      .set({ registrySnapshot: older as unknown as Record<string, unknown> })
      .where(eq(accessRuns.id, fresh.id));
    const seen = await getAccessRun(t.db, SYSTEM_ACTOR, dataDir, fresh.id);
    expect(seen.staleReasons).toEqual(['SOT-punkter changed']);
  });

  it('rejects a kind group called sot, naming the field', async () => {
    const config = await getAccessConfig(t.db);
    await expect(
      updateAccessConfig(t.db, t.actors.admin, { groups: { ...config.groups, sot: ['grocery'] } }),
    ).rejects.toMatchObject({ status: 400, details: [{ field: 'groups.sot' }] });
    await expect(
      updateAccessConfig(t.db, t.actors.admin, { sotStatuses: ['i_drift', 'i_drift'] }),
    ).rejects.toMatchObject({ status: 400, details: [{ field: 'sotStatuses' }] });
    await expect(
      updateAccessConfig(t.db, t.actors.admin, { sotStatuses: ['open'] as never }),
    ).rejects.toMatchObject({ status: 400, details: [{ field: 'sotStatuses.0' }] });
  });
});

describe('who sees the sot group', () => {
  /** The newest run with the sot group (sources S1, SW, S2). */
  let latest: number;
  beforeAll(async () => {
    latest = (await runAccessAnalysis(t.db, SYSTEM_ACTOR, dataDir)).id;
  });

  it('does not exist for viewers and operators: 404, and left out of every list', async () => {
    for (const who of ['viewer2321', 'op2321'] as const) {
      const actor = t.actors[who];
      await expect(getAccessSummary(t.db, actor, dataDir, { group: SOT_GROUP })).rejects.toMatchObject({
        status: 404,
      });
      await expect(getAccessResults(t.db, actor, dataDir, { group: SOT_GROUP })).rejects.toMatchObject({
        status: 404,
      });
      await expect(
        getAccessSummary(t.db, actor, dataDir, { group: SOT_GROUP, run: latest }),
      ).rejects.toMatchObject({ status: 404 });
    }
    const viewer = t.actors.viewer2321;
    const summary = await getAccessSummary(t.db, viewer, dataDir, { run: latest });
    expect(summary.rows.length).toBeGreaterThan(0);
    expect(summary.rows.some((r) => r.group === SOT_GROUP)).toBe(false);
    expect(summary.run?.groups).not.toHaveProperty(SOT_GROUP);
    expect(summary.run?.stats?.services).not.toHaveProperty(SOT_GROUP);
    expect(summary.run?.snapshot).not.toHaveProperty('sotPoints');
    const point = await getPointAccess(t.db, viewer, dataDir, `place:${ids.W}`, { run: latest });
    expect(point.groups.length).toBeGreaterThan(0);
    expect(point.groups.map((g) => g.group)).not.toContain(SOT_GROUP);
    for (const r of await listAccessRuns(t.db, viewer, dataDir)) {
      expect(r.groups).not.toHaveProperty(SOT_GROUP);
      expect(r.staleReasons.join()).not.toMatch(/SOT/);
    }
    // The first run went stale because of SOT-punkter: a viewer learns only that inputs changed.
    expect((await getAccessRun(t.db, viewer, dataDir, run.id)).staleReasons).toEqual([OTHER_INPUTS_CHANGED]);
    // A bad group for a run lists the groups without sot.
    await expect(
      getAccessSummary(t.db, viewer, dataDir, { group: 'nope', run: latest }),
    ).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'group', reason: expect.not.stringMatching(/sot/) }],
    });
  });

  it('shows a municipality the minutes to another municipality’s SOT-punkt but not which it is', async () => {
    const muni = t.actors.muni2321;
    const res = await getAccessResults(t.db, muni, dataDir, { group: SOT_GROUP, run: latest });
    expect(res.items.map((i) => i.ref).sort()).toEqual([`place:${ids.FAR}`, `place:${ids.W}`].sort());
    const w = res.items.find((i) => i.ref === `place:${ids.W}`)!;
    // Its own SW is named; S1 in 2380 is not.
    expect(w).toMatchObject({ nearestId: ids.SW, nearestName: 'SOT-punkt Väst', nearestHidden: false });
    expect(w).toMatchObject({ secondId: null, secondName: null, secondHidden: true });
    expect(w.time2S).toBeCloseTo(secs(18, 20, 1), 0);

    const point = await getPointAccess(t.db, muni, dataDir, `place:${ids.W}`, { run: latest });
    const sot = point.groups.find((g) => g.group === SOT_GROUP)!;
    expect(sot.kinds).toEqual(['i_drift', 'beviljad']);
    expect(sot.nearest).toMatchObject({ id: ids.SW, name: 'SOT-punkt Väst', kind: SOT_GROUP, hidden: false });
    expect(sot.nearest?.lat).toBeCloseTo(63.009, 6);
    expect(sot.second).toEqual({
      id: null,
      name: null,
      kind: null,
      lat: null,
      lon: null,
      timeS: w.time2S,
      distM: w.dist2M,
      hidden: true,
    });
    // Grocery names stay open registry data, whatever the municipality.
    const grocery = point.groups.find((g) => g.group === 'grocery')!;
    expect(grocery.second).toMatchObject({ id: ids.G1, name: 'Butik Ett', hidden: false });

    // The run's stats name only the SOT-punkter the reader may read.
    const first = await getAccessRun(t.db, muni, dataDir, run.id);
    expect(first.stats?.services[SOT_GROUP]).toMatchObject({ withoutStore: 1, withoutStoreIds: [] });
    const summary = await getAccessSummary(t.db, muni, dataDir, { group: SOT_GROUP, run: latest });
    expect(summary.rows.map((r) => `${r.level}:${r.code}`)).toEqual(['municipality:2321']);
  });

  it('names every SOT-punkt of the county to a county user and everything to an administrator', async () => {
    for (const who of ['county23', 'admin'] as const) {
      const res = await getAccessResults(t.db, t.actors[who], dataDir, { group: SOT_GROUP, run: latest });
      const w = res.items.find((i) => i.ref === `place:${ids.W}`)!;
      expect(w).toMatchObject({ secondId: ids.S1, secondName: 'SOT-punkt Ett', secondHidden: false });
      expect(res.items.every((i) => !i.nearestHidden && !i.secondHidden)).toBe(true);
    }
    const county = await getAccessRun(t.db, t.actors.county23, dataDir, run.id);
    expect(county.stats?.services[SOT_GROUP].withoutStoreIds).toEqual([ids.SX]);
    expect(county.staleReasons).toContain(SOT_STATUSES_CHANGED);
    // County 24 reads nothing of county 23.
    const other = await getAccessResults(t.db, t.actors.county24, dataDir, { group: SOT_GROUP, run: latest });
    expect(other.items).toEqual([]);
  });
});
