import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../auth/sessions.js';
import { isDatabaseEmpty } from '../backup/restore.js';
import type { Database } from '../db/client.js';
import {
  counties,
  meta,
  municipalities,
  servicePointAssignments,
  servicePoints,
  sotPoints,
  users,
} from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { addUser } from '../domain/users.js';
import { AppError, ErrorIds } from '../errors.js';
import { createTestDatabase } from '../test/db.js';
import { readDemoLogins } from './demo-logins.js';
import { DEMO_SEEDING_KEY, demoInfo, firstStart, isEmpty, seedDemo } from './seed.js';

const SMALL = { nodes: 5000, seed: 7 };
const quiet = () => undefined;

describe('demo seeding', () => {
  let database: Database;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-seed-'));
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves an empty database alone when the demo is disabled', async () => {
    const result = await firstStart(database, dataDir, true, quiet);
    expect(result).toEqual({ action: 'empty', demo: null });
    expect(await isDatabaseEmpty(database.db)).toBe(true);
  });

  it('generates and imports the region, with one working demo login per role', async () => {
    const log: string[] = [];
    const result = await firstStart(database, dataDir, false, (l) => log.push(l), SMALL);
    expect(result.action).toBe('seeded');
    expect(log.join('\n')).toMatch(/service points\s+\d+ created/);

    const db = database.db;
    expect((await db.select().from(counties)).length).toBeGreaterThan(0);
    const munis = await db.select().from(municipalities);
    expect(munis.length).toBeGreaterThan(0);
    const points = await db.select().from(servicePoints);
    expect(points.length).toBeGreaterThan(10);
    // Points were placed in municipalities by the boundaries imported first.
    expect(points.filter((p) => p.municipalityCode !== null).length).toBeGreaterThan(points.length / 2);

    const info = await demoInfo(db);
    expect(info).toMatchObject({ seed: 7, nodes: 5000 });
    const logins = readDemoLogins(dataDir, info!.createdAt);
    expect(logins?.map((l) => l.role)).toEqual(['admin', 'county', 'municipality', 'operator', 'viewer']);
    expect(info!.logins).toEqual(logins!.map((l) => l.username));
    expect(fs.statSync(path.join(dataDir, 'demo-logins.txt')).mode & 0o777).toBe(0o600);
    expect(new Set(logins!.map((l) => l.password)).size).toBe(5);

    for (const l of logins!) {
      const { session } = await login(db, l.username, l.password, '127.0.0.1', 1);
      expect(session.user.role).toBe(l.role);
      if (l.role === 'county') expect(session.user.countyCode).toBe(info!.countyCode);
      if (['municipality', 'operator', 'viewer'].includes(l.role))
        expect(session.user.municipalityCode).toBe(info!.municipalityCode);
    }

    const [operator] = await db.select().from(users).where(eq(users.username, 'demo-operator'));
    const assigned = await db
      .select({ sp: servicePoints })
      .from(servicePointAssignments)
      .innerJoin(servicePoints, eq(servicePoints.id, servicePointAssignments.servicePointId))
      .where(eq(servicePointAssignments.userId, operator.id));
    expect(assigned.length).toBeGreaterThanOrEqual(1);
    expect(assigned.length).toBeLessThanOrEqual(2);
    for (const a of assigned) expect(a.sp.municipalityCode).toBe(info!.municipalityCode);
    expect(await db.select().from(meta).where(eq(meta.key, DEMO_SEEDING_KEY))).toEqual([]);
    // The demo includes SOT-punkter in the demo municipality, so every SOT view has something to show.
    const sot = await db.select().from(sotPoints);
    expect(sot.length).toBeGreaterThan(0);
    expect(log.join('\n')).toMatch(new RegExp(`SOT-punkter\\s+${sot.length} created`));
  });

  it('does not seed again, and refuses to seed a database that has data', async () => {
    const before = (await database.db.select().from(users)).length;
    const again = await firstStart(database, dataDir, false, quiet, SMALL);
    expect(again.action).toBe('demo');
    expect((await database.db.select().from(users)).length).toBe(before);
    const err = await seedDemo(database, dataDir, quiet, SMALL).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).id).toBe(ErrorIds.conflict);
  });

  it('reports real data as data, not as a demo', async () => {
    const other = await createTestDatabase();
    try {
      await addUser(other.db, SYSTEM_ACTOR, { username: 'root', password: 'long-enough-pw', role: 'admin' });
      expect(await isEmpty(other.db)).toBe(false);
      expect(await firstStart(other, dataDir, false, quiet, SMALL)).toEqual({ action: 'data', demo: null });
      expect((await other.db.select().from(users)).map((u) => u.username)).toEqual(['root']);
    } finally {
      await other.close();
    }
  });

  it('starts over after an interrupted first start, but never wipes other users', async () => {
    const other = await createTestDatabase();
    try {
      const db = other.db;
      // What a first start killed half-way leaves behind: the marker and some demo rows.
      await db
        .insert(meta)
        .values({ key: DEMO_SEEDING_KEY, value: { startedAt: '2020-01-01T00:00:00Z', pid: 1, host: 'x' } });
      await db.insert(counties).values({ code: '99', name: 'Halv' });
      await addUser(db, SYSTEM_ACTOR, { username: 'demo-admin', password: 'long-enough-pw', role: 'admin' });
      const result = await firstStart(other, dataDir, false, quiet, SMALL);
      expect(result.action).toBe('seeded');
      expect((await db.select().from(users).where(eq(users.username, 'demo-admin'))).length).toBe(1);
      expect(await db.select().from(meta).where(eq(meta.key, DEMO_SEEDING_KEY))).toEqual([]);

      await db
        .insert(meta)
        .values({ key: DEMO_SEEDING_KEY, value: { startedAt: '2020-01-01T00:00:00Z', pid: 1, host: 'x' } });
      await db.delete(meta).where(and(eq(meta.key, 'demo')));
      await addUser(db, SYSTEM_ACTOR, { username: 'real-person', password: 'long-enough-pw', role: 'admin' });
      const err = await firstStart(other, dataDir, false, quiet, SMALL).catch((e: unknown) => e);
      expect((err as AppError).id).toBe(ErrorIds.conflict);
      expect((await db.select().from(users).where(eq(users.username, 'real-person'))).length).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('empties the database again when seeding fails, so the next start retries', async () => {
    const other = await createTestDatabase();
    const notADir = path.join(dataDir, 'a-file');
    fs.writeFileSync(notADir, 'x');
    try {
      const err = await seedDemo(other, notADir, quiet, SMALL).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(await isDatabaseEmpty(other.db)).toBe(true);
    } finally {
      await other.close();
    }
  });
});
