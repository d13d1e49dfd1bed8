import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { servicePoints, sotPoints } from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { seedDemo } from '../setup/seed.js';
import { createTestDatabase } from '../test/db.js';
import { actorFor } from '../test/registry-fixtures.js';
import { type Board, getBoard } from './board.js';
import { getChecklist } from './checklist.js';
import { seedDemoSotPoints } from './demo.js';
import { listFinancing } from './financing.js';
import { listTransitions } from './lifecycle.js';
import { listPoints } from './points.js';

const SMALL = { nodes: 5000, seed: 7 };

async function demoDatabase(dir: string): Promise<Database> {
  const database = await createTestDatabase();
  await seedDemo(database, dir, () => undefined, SMALL);
  return database;
}

describe('demo SOT-punkter', () => {
  let tmp: string;
  let database: Database;
  let board: Board;
  let ids: number[];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-demo-'));
    // The demo seeding (src/setup/seed.ts) calls seedDemoSotPoints after the demo users exist.
    database = await demoDatabase(path.join(tmp, 'a'));
    ids = (await database.db.select({ id: sotPoints.id }).from(sotPoints).orderBy(sotPoints.id)).map(
      (p) => p.id,
    );
    board = await getBoard(database.db, SYSTEM_ACTOR);
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const item = (i: number) => board.items.find((x) => x.id === ids[i])!;
  /** The registry's power entry of the store a demo SOT-punkt links. */
  const storePower = async (pointId: number) => {
    const [point] = await database.db.select().from(sotPoints).where(eq(sotPoints.id, pointId));
    const [store] = await database.db
      .select()
      .from(servicePoints)
      .where(eq(servicePoints.id, point.storeId ?? -1));
    return store.power;
  };

  it('creates one point in operation, one granted and one idea, in one municipality', () => {
    expect(ids).toHaveLength(3);
    expect([item(0).status, item(1).status, item(2).status]).toEqual(['i_drift', 'beviljad', 'ide']);
    expect(new Set(board.items.map((i) => i.municipalityCode)).size).toBe(1);
  });

  it('the point in operation meets all five criteria with the Kall installation', async () => {
    const c = await getChecklist(database.db, SYSTEM_ACTOR, ids[0]);
    expect(c.criteria.map((x) => x.status)).toEqual(['met', 'met', 'met', 'met', 'met']);
    expect(c.compliant).toBe(true);
    const p = item(0);
    expect(p.power).toMatchObject({ installed: true, kva: 70, autonomyMet: true });
    // The registry says the same of the store's power as the SOT-punkt.
    expect(await storePower(ids[0])).toMatchObject({ type: 'backup', kva: 70, fuel: 'diesel' });
    expect(p.testRuns.overdue).toBe(false);
    expect(p.testRuns.monthly.status).toBe('ok');
    expect(p.testRuns.yearly.status).toBe('ok');
    // The FRG agreement is up for renewal: the board has something to show.
    expect(p.agreements.expiring.map((a) => a.type)).toEqual(['avtal_frg']);
    const history = await listTransitions(database.db, SYSTEM_ACTOR, ids[0]);
    expect(history.map((h) => h.to)).toEqual([
      'ide',
      'utredning',
      'beslut',
      'ansokan',
      'beviljad',
      'upphandlad',
      'levererad',
      'i_drift',
    ]);
  });

  it('the granted point waits for its container with 7.4/6b money and ≥ 10 % private share', async () => {
    const p = item(1);
    expect(p.power.installed).toBe(false);
    expect(p.checklist.failing).toContain('power');
    // No generator in the registry either, whatever the generated region gave the store.
    expect(await storePower(ids[1])).toEqual({ type: 'grid' });
    const money = await listFinancing(database.db, SYSTEM_ACTOR, ids[1]);
    expect(money).toHaveLength(1);
    expect(money[0]).toMatchObject({ programme: 'landsbygdsprogrammet_7_4_6b', status: 'beviljad' });
    expect(money[0].checks.privateShareOk).toBe(true);
    expect(money[0].checks.privateShare).toBeGreaterThanOrEqual(0.1);
    expect(p.financing.open).toHaveLength(1);
  });

  it('the idea has gaps: no fuel station nearby, unknown assortment, no organisation', () => {
    const p = item(2);
    expect(p.checklist.failing).toEqual(expect.arrayContaining(['fuel', 'organisation']));
    expect(p.checklist.unknown).toContain('store');
    expect(p.organisation.name).toBeNull();
  });

  it('gives the demo operator and viewer logins access to the complete point', async () => {
    const operator = await actorFor(database.db, 'demo-operator');
    const viewer = await actorFor(database.db, 'demo-viewer');
    expect((await listPoints(database.db, operator)).map((p) => p.id)).toEqual([ids[0]]);
    expect((await listPoints(database.db, viewer)).map((p) => p.id)).toEqual([ids[0]]);
    const muni = await actorFor(database.db, 'demo-municipality');
    expect((await listPoints(database.db, muni)).map((p) => p.id).sort()).toEqual([...ids].sort());
  });

  it('does nothing when SOT-punkter exist, and picks the same stores on the same region', async () => {
    expect(await seedDemoSotPoints(database.db, SYSTEM_ACTOR)).toEqual({ created: false, pointIds: ids });
    const again = await demoDatabase(path.join(tmp, 'b'));
    try {
      const pick = async (db: Database) =>
        (await db.db.select().from(sotPoints).orderBy(sotPoints.name)).map((p) => [
          p.name,
          p.storeId,
          p.fuelStationId,
          p.status,
        ]);
      expect(await pick(again)).toEqual(await pick(database));
    } finally {
      await again.close();
    }
  });
});
