/**
 * Test factory: a small two-county territory with square municipalities, one user per role, and
 * helpers to log in and build service points. Used by API tests through `app.inject`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { counties, municipalities } from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { addUser } from '../domain/users.js';
import { buildApp } from '../server/app.js';
import type { Role } from '../shared/kinds.js';
import type { ServicePointCreate } from '../shared/service-point.js';
import { createTestDatabase } from './db.js';

export const TEST_PASSWORD = 'test-password-123';

/** A 0.5° square polygon with its south-west corner at (lon, lat). */
export function square(lon: number, lat: number, size = 0.5) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

/**
 * Territory: county 23 with municipalities 2321 (lon 13–13.5) and 2380 (lon 14–14.5), county 24
 * with 2480 (lon 20–20.5); all at lat 63–63.5. `inside(code)` gives a point inside each.
 */
export const TERRITORY = {
  counties: [
    { code: '23', name: 'Testlän A' },
    { code: '24', name: 'Testlän B' },
  ],
  municipalities: [
    { code: '2321', countyCode: '23', name: 'Åretest', lon: 13, lat: 63 },
    { code: '2380', countyCode: '23', name: 'Östertest', lon: 14, lat: 63 },
    { code: '2480', countyCode: '24', name: 'Umetest', lon: 20, lat: 63 },
  ],
};

export function inside(code: string): { lat: number; lon: number } {
  const m = TERRITORY.municipalities.find((x) => x.code === code);
  if (!m) throw new Error(`no test municipality ${code}`);
  return { lat: m.lat + 0.25, lon: m.lon + 0.25 };
}

export async function seedTerritory(database: Database): Promise<void> {
  for (const c of TERRITORY.counties) await database.db.insert(counties).values(c);
  for (const m of TERRITORY.municipalities) {
    const g = square(m.lon, m.lat);
    await database.db.insert(municipalities).values({
      code: m.code,
      countyCode: m.countyCode,
      name: m.name,
      geometry: g,
      minLon: m.lon,
      minLat: m.lat,
      maxLon: m.lon + 0.5,
      maxLat: m.lat + 0.5,
    });
  }
}

/** Users: `admin`, `county23`, `muni2321`, `op2321`, `viewer2321` (+ `muni2480`, `county24`). */
export const TEST_USERS: Record<string, { role: Role; countyCode?: string; municipalityCode?: string }> = {
  admin: { role: 'admin' },
  county23: { role: 'county', countyCode: '23' },
  county24: { role: 'county', countyCode: '24' },
  muni2321: { role: 'municipality', municipalityCode: '2321' },
  muni2480: { role: 'municipality', municipalityCode: '2480' },
  op2321: { role: 'operator', municipalityCode: '2321' },
  viewer2321: { role: 'viewer', municipalityCode: '2321' },
};

export async function seedUsers(database: Database): Promise<void> {
  for (const [username, u] of Object.entries(TEST_USERS)) {
    await addUser(database.db, SYSTEM_ACTOR, { username, password: TEST_PASSWORD, ...u });
  }
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** A fresh database with the test territory and users, and an app on top of it. */
/** An empty data directory of the test's own, so tests never read or write a developer's ./sot-data. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sot-test-data-'));
}

export async function createTestApp(): Promise<TestContext> {
  const database = await createTestDatabase();
  await seedTerritory(database);
  await seedUsers(database);
  const dataDir = tempDataDir();
  const config = loadConfig({ SOT_NO_DEMO: '1', LOG_LEVEL: 'silent', SOT_DATA_DIR: dataDir });
  const app = await buildApp({ config, database, logger: false, webRoot: null });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

export async function loginAs(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sot_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = res.json().csrfToken as string;
  const header = `sot_session=${cookie.value}`;
  return { cookie: header, csrf, headers: { cookie: header, 'x-csrf-token': csrf } };
}

/** A valid service point inside the given municipality; override any field. */
export function servicePointInput(code: string, over: Partial<ServicePointCreate> = {}): ServicePointCreate {
  return {
    kind: 'grocery',
    name: `Testbutik ${code}`,
    ...inside(code),
    attributes: { assortmentArticles: 1500, yearRound: true },
    power: { type: 'grid' },
    externalIds: {},
    ...over,
  };
}
