/**
 * The access matrix: every /api route × every role × own/other territory, with the exact status
 * each combination must get. Routes are collected from the app as it registers them, so a new
 * route without an entry here fails this test, as does an entry for a route that no longer exists.
 *
 * Territory cases use municipality 2321 (county 23) as "own" for the test users and 2480
 * (county 24) as "other". `op2321` is assigned the own service point.
 */
import fs from 'node:fs';
import type { FastifyInstance, InjectOptions, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFinishedTestRun } from '../access/summary-export-fixture.js';
import { insertTestRun } from '../access/test-db.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { setAssignments } from '../domain/assignments.js';
import { createPlace } from '../domain/places.js';
import { createServicePoint } from '../domain/service-points.js';
import { addUser } from '../domain/users.js';
import { createSotMatrixFixture, type SotMatrixFixture, TINY_PDF } from '../sot/matrix-fixture.js';
import { createTestDatabase } from '../test/db.js';
import {
  inside,
  loginAs,
  type Session,
  seedTerritory,
  seedUsers,
  servicePointInput,
  TEST_PASSWORD,
  tempDataDir,
} from '../test/fixtures.js';
import { actorFor } from '../test/registry-fixtures.js';
import { buildApp } from './app.js';

const WHO = ['admin', 'county23', 'muni2321', 'op2321', 'viewer2321', 'anonymous'] as const;
type Who = (typeof WHO)[number];
type Expected = Record<Who, number>;

/** Expected statuses in WHO order: admin, county23, muni2321, op2321, viewer2321, anonymous. */
const s = (...codes: [number, number, number, number, number, number]): Expected =>
  Object.fromEntries(WHO.map((w, i) => [w, codes[i]])) as Expected;

interface Fixture {
  ownPoint: number;
  otherPoint: number;
  ownPlace: number;
  otherPlace: number;
  /** Operator users in 2321 and 2480. */
  op2321: number;
  op2480: number;
  /** A new row for each write, so one role's delete does not change the next role's answer. */
  freshPoint(code: string): Promise<number>;
  freshPlace(code: string): Promise<number>;
  unique(): string;
  /** SOT-punkter in own/other territory (op2321 assigned and viewer2321 granted the own one). */
  sot: SotMatrixFixture;
}

interface Case {
  territory: 'own' | 'other' | 'none';
  request: (fx: Fixture) => InjectOptions | Promise<InjectOptions>;
  expect: Expected;
  /** Log in afresh for this request (logout ends the session it is sent with). */
  freshSession?: true;
}

const own = '2321';
const other = '2480';
const placeBody = (code: string) => ({ name: 'Testby', population: 120, ...inside(code) });

/** POST /api/imports with a one-row CSV in `code` (multipart built by hand). */
const importUpload = (code: string, id: string): InjectOptions => {
  const boundary = 'sot-matrix-boundary';
  const { lat, lon } = inside(code);
  const payload = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="target"',
    '',
    'service_points',
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="matrix.csv"',
    'Content-Type: text/csv',
    '',
    `id,kind,name,lat,lon\n${id},grocery,Matrisbutik,${lat},${lon}\n`,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return {
    method: 'POST',
    url: '/api/imports',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  };
};

/** Read a list/layer/export: any logged-in user, scope applied inside (a filter on another territory just comes back empty). */
const anyReader = (url: (code: string) => string): Case[] => [
  {
    territory: 'own',
    request: () => ({ method: 'GET', url: url(own) }),
    expect: s(200, 200, 200, 200, 200, 401),
  },
  {
    territory: 'other',
    request: () => ({ method: 'GET', url: url(other) }),
    expect: s(200, 200, 200, 200, 200, 401),
  },
];

// SOT-punkter (confidential): reads need the point in scope (county: its county; op2321 is
// assigned and viewer2321 granted the own point); changes are for admin and the municipality;
// operators log test runs and maintenance; members and the contact tree are personal data.
const sotUrl = (fx: Fixture, code: string, sub = '') => `/api/sot/points/${fx.sot.point[code]}${sub}`;
const SOT_READ = { own: s(200, 200, 200, 200, 200, 401), other: s(200, 404, 404, 404, 404, 401) };
const SOT_PERSONAL = { own: s(200, 403, 200, 200, 403, 401), other: s(200, 403, 404, 404, 403, 401) };
const SOT_MANAGE = { own: s(200, 200, 200, 403, 403, 401), other: s(200, 404, 404, 403, 403, 401) };
const SOT_LOG = { own: s(201, 403, 201, 201, 403, 401), other: s(201, 403, 404, 404, 403, 401) };
const SOT_BOARD = { own: s(200, 200, 200, 403, 403, 401), other: s(200, 200, 200, 403, 403, 401) };
const sotWrite = (ok: number) => ({
  own: s(ok, 403, ok, 403, 403, 401),
  other: s(ok, 403, 404, 403, 403, 401),
});
const sotCases = (
  expected: { own: Expected; other: Expected },
  request: (fx: Fixture, code: string) => InjectOptions | Promise<InjectOptions>,
): Case[] => [
  { territory: 'own', request: (fx) => request(fx, own), expect: expected.own },
  { territory: 'other', request: (fx) => request(fx, other), expect: expected.other },
];
const sotRead = (sub: string) =>
  sotCases(SOT_READ, (fx, code) => ({ method: 'GET', url: sotUrl(fx, code, sub) }));
const sotFreshItem = (
  kind: Parameters<SotMatrixFixture['freshItem']>[1],
  method: 'PATCH' | 'DELETE',
  payload?: Record<string, unknown>,
) =>
  sotCases(sotWrite(method === 'PATCH' ? 200 : 204), async (fx, code) => ({
    method,
    url: sotUrl(fx, code, `/${kind}/${await fx.sot.freshItem(code, kind)}`),
    payload,
  }));

/** POST …/documents with a tiny PDF (multipart built by hand). */
const documentUpload = (url: string): InjectOptions => {
  const boundary = 'sot-matrix-doc';
  const payload = Buffer.concat([
    Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="category"',
        '',
        'avtal',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="avtal.pdf"',
        'Content-Type: application/pdf',
        '',
        '',
      ].join('\r\n'),
    ),
    TINY_PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    method: 'POST',
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  };
};

const SOT_MATRIX: Record<string, Case[]> = {
  'GET /api/sot/points': anyReader((code) => `/api/sot/points?municipality=${code}`),
  // A store in another municipality is an unknown id to the municipality user (400, no leak).
  'POST /api/sot/points': sotCases(
    { own: s(201, 403, 201, 403, 403, 401), other: s(201, 403, 400, 403, 403, 401) },
    (fx, code) => ({ method: 'POST', url: '/api/sot/points', payload: { storeId: fx.sot.store[code] } }),
  ),
  'GET /api/sot/points/:id': sotRead(''),
  'PATCH /api/sot/points/:id': sotCases(sotWrite(200), async (fx, code) => ({
    method: 'PATCH',
    url: `/api/sot/points/${await fx.sot.freshPoint(code)}`,
    payload: { version: 1, name: 'Ändrad' },
  })),
  'DELETE /api/sot/points/:id': sotCases(sotWrite(204), async (fx, code) => ({
    method: 'DELETE',
    url: `/api/sot/points/${await fx.sot.freshPoint(code)}`,
  })),
  'GET /api/sot/points/:id/checklist': sotRead('/checklist'),
  'GET /api/sot/points/:id/design': sotRead('/design'),
  'GET /api/sot/points/:id/spec.md': sotRead('/spec.md'),
  'GET /api/sot/points/:id/spec.pdf': sotRead('/spec.pdf'),
  'GET /api/sot/points/:id/transitions': sotRead('/transitions'),
  'POST /api/sot/points/:id/transitions': sotCases(sotWrite(201), async (fx, code) => ({
    method: 'POST',
    url: `/api/sot/points/${await fx.sot.freshPoint(code)}/transitions`,
    payload: { to: 'utredning' },
  })),
  'GET /api/sot/points/:id/operators': sotCases(SOT_MANAGE, (fx, code) => ({
    method: 'GET',
    url: sotUrl(fx, code, '/operators'),
  })),
  'PUT /api/sot/points/:id/operators': sotCases(sotWrite(200), (fx, code) => ({
    method: 'PUT',
    url: sotUrl(fx, code, '/operators'),
    payload: { userIds: [code === own ? fx.sot.users.op2321 : fx.sot.users.op2480] },
  })),
  'GET /api/sot/points/:id/grants': sotCases(SOT_MANAGE, (fx, code) => ({
    method: 'GET',
    url: sotUrl(fx, code, '/grants'),
  })),
  'PUT /api/sot/points/:id/grants': sotCases(sotWrite(200), (fx, code) => ({
    method: 'PUT',
    url: sotUrl(fx, code, '/grants'),
    payload: { userIds: code === own ? [fx.sot.users.viewer2321] : [] },
  })),
  'GET /api/sot/points/:id/financing': sotRead('/financing'),
  'POST /api/sot/points/:id/financing': sotCases(sotWrite(201), (fx, code) => ({
    method: 'POST',
    url: sotUrl(fx, code, '/financing'),
    payload: { programme: 'egna_medel' },
  })),
  'PATCH /api/sot/points/:id/financing/:itemId': sotFreshItem('financing', 'PATCH', { appliedAmount: 2000 }),
  'DELETE /api/sot/points/:id/financing/:itemId': sotFreshItem('financing', 'DELETE'),
  'GET /api/sot/points/:id/agreements': sotRead('/agreements'),
  'POST /api/sot/points/:id/agreements': sotCases(sotWrite(201), (fx, code) => ({
    method: 'POST',
    url: sotUrl(fx, code, '/agreements'),
    payload: { type: 'underhall' },
  })),
  'PATCH /api/sot/points/:id/agreements/:itemId': sotFreshItem('agreements', 'PATCH', { title: 'Service' }),
  'DELETE /api/sot/points/:id/agreements/:itemId': sotFreshItem('agreements', 'DELETE'),
  'GET /api/sot/points/:id/documents': sotRead('/documents'),
  'POST /api/sot/points/:id/documents': sotCases(sotWrite(201), (fx, code) =>
    documentUpload(sotUrl(fx, code, '/documents')),
  ),
  'GET /api/sot/points/:id/documents/:itemId': sotCases(SOT_READ, (fx, code) => ({
    method: 'GET',
    url: sotUrl(fx, code, `/documents/${fx.sot.document[code]}`),
  })),
  'DELETE /api/sot/points/:id/documents/:itemId': sotFreshItem('documents', 'DELETE'),
  'GET /api/sot/points/:id/organisation': sotRead('/organisation'),
  'PUT /api/sot/points/:id/organisation': sotCases(sotWrite(200), (fx, code) => ({
    method: 'PUT',
    url: sotUrl(fx, code, '/organisation'),
    payload: { type: 'frg', name: `FRG ${code}` },
  })),
  'GET /api/sot/points/:id/members': sotCases(SOT_PERSONAL, (fx, code) => ({
    method: 'GET',
    url: sotUrl(fx, code, '/members'),
  })),
  'POST /api/sot/points/:id/members': sotCases(sotWrite(201), (fx, code) => ({
    method: 'POST',
    url: sotUrl(fx, code, '/members'),
    payload: { name: 'Matris Ny', phone: '070-002' },
  })),
  'PATCH /api/sot/points/:id/members/:itemId': sotFreshItem('members', 'PATCH', { note: 'Ändrad' }),
  'DELETE /api/sot/points/:id/members/:itemId': sotFreshItem('members', 'DELETE'),
  'POST /api/sot/points/:id/trainings': sotCases(sotWrite(201), (fx, code) => ({
    method: 'POST',
    url: sotUrl(fx, code, '/trainings'),
    payload: { memberId: fx.sot.member[code], course: 'frg_grundutbildning', completedOn: '2025-02-01' },
  })),
  'PATCH /api/sot/points/:id/trainings/:itemId': sotFreshItem('trainings', 'PATCH', { provider: 'MSB' }),
  'DELETE /api/sot/points/:id/trainings/:itemId': sotFreshItem('trainings', 'DELETE'),
  'GET /api/sot/points/:id/contact-tree': sotCases(SOT_PERSONAL, (fx, code) => ({
    method: 'GET',
    url: sotUrl(fx, code, '/contact-tree'),
  })),
  'GET /api/sot/points/:id/test-runs': sotRead('/test-runs'),
  'POST /api/sot/points/:id/test-runs': sotCases(SOT_LOG, (fx, code) => ({
    method: 'POST',
    url: sotUrl(fx, code, '/test-runs'),
    payload: { durationHours: 4, passed: true },
  })),
  'DELETE /api/sot/points/:id/test-runs/:itemId': sotFreshItem('test-runs', 'DELETE'),
  'GET /api/sot/points/:id/maintenance': sotRead('/maintenance'),
  'POST /api/sot/points/:id/maintenance': sotCases(SOT_LOG, (fx, code) => ({
    method: 'POST',
    url: sotUrl(fx, code, '/maintenance'),
    payload: { type: 'filters' },
  })),
  'DELETE /api/sot/points/:id/maintenance/:itemId': sotFreshItem('maintenance', 'DELETE'),
  'GET /api/sot/board': sotCases(SOT_BOARD, (_fx, code) => ({
    method: 'GET',
    url: `/api/sot/board?municipality=${code}`,
  })),
  'GET /api/sot/board/export': sotCases(SOT_BOARD, (_fx, code) => ({
    method: 'GET',
    url: `/api/sot/board/export?municipality=${code}&format=csv`,
  })),
};

/**
 * Accessibility (src/access): runs cover the whole graph and are not territorial; summaries,
 * results and points are filtered by territory inside. Operators have no territory to read here.
 * No graph exists in the matrix's data directory, so starting a run is a 404 for every editor.
 */
const accessReader = (url: (code: string) => string): Case[] => [
  {
    territory: 'own',
    request: () => ({ method: 'GET', url: url(own) }),
    expect: s(200, 200, 200, 403, 200, 401),
  },
  {
    territory: 'other',
    request: () => ({ method: 'GET', url: url(other) }),
    expect: s(200, 200, 200, 403, 200, 401),
  },
];

/** A finished run with summaries of own and other territory (created once, on first use). */
let finishedRun: Promise<number> | undefined;
const summaryXlsx = (code: string) => async (): Promise<InjectOptions> => {
  finishedRun ??= insertFinishedTestRun(database.db, [own, other]);
  return { method: 'GET', url: `/api/access/runs/${await finishedRun}/summary.xlsx?municipality=${code}` };
};

const ACCESS_MATRIX: Record<string, Case[]> = {
  'POST /api/access/runs': [
    {
      territory: 'none',
      request: () => ({
        method: 'POST',
        url: '/api/access/runs',
        payload: { graph: 'matrix-no-such-graph' },
      }),
      expect: s(404, 404, 404, 403, 403, 401),
    },
  ],
  'GET /api/access/runs': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/access/runs' }),
      expect: s(200, 200, 200, 403, 200, 401),
    },
  ],
  'GET /api/access/runs/:id': [
    {
      territory: 'none',
      request: async () => ({ method: 'GET', url: `/api/access/runs/${await insertTestRun(database.db)}` }),
      expect: s(200, 200, 200, 403, 200, 401),
    },
  ],
  // The fixture's runs were started by the system: only administrators may cancel them.
  'DELETE /api/access/runs/:id': [
    {
      territory: 'none',
      request: async () => ({
        method: 'DELETE',
        url: `/api/access/runs/${await insertTestRun(database.db)}`,
      }),
      expect: s(200, 403, 403, 403, 403, 401),
    },
  ],
  'GET /api/access/summary': accessReader((code) => `/api/access/summary?municipality=${code}`),
  // Another territory's filter gives a workbook without its rows (checked in routes/access.test.ts).
  'GET /api/access/runs/:id/summary.xlsx': [
    { territory: 'own', request: summaryXlsx(own), expect: s(200, 200, 200, 403, 200, 401) },
    { territory: 'other', request: summaryXlsx(other), expect: s(200, 200, 200, 403, 200, 401) },
  ],
  'GET /api/access/results': accessReader((code) => `/api/access/results?group=grocery&municipality=${code}`),
  'GET /api/access/points/:ref': [
    {
      territory: 'own',
      request: (fx) => ({ method: 'GET', url: `/api/access/points/place:${fx.ownPlace}` }),
      expect: s(200, 200, 200, 403, 200, 401),
    },
    {
      territory: 'other',
      request: (fx) => ({ method: 'GET', url: `/api/access/points/place:${fx.otherPlace}` }),
      expect: s(200, 404, 404, 403, 404, 401),
    },
  ],
  'GET /api/access/config': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/access/config' }),
      expect: s(200, 200, 200, 403, 200, 401),
    },
  ],
  'PUT /api/access/config': [
    {
      territory: 'none',
      request: () => ({ method: 'PUT', url: '/api/access/config', payload: { maxSnapMetres: 5000 } }),
      expect: s(200, 403, 403, 403, 403, 401),
    },
  ],
};

/**
 * Road tiles (src/maptiles) are public data for any logged-in user; the matrix's empty data
 * directory has no road graph, hence 204 (an empty tile). Their TileJSON answers 200 regardless.
 */
const ROADS = 204;
const MAP_MATRIX: Record<string, Case[]> = {
  'GET /api/map/roads/:z/:x/:y.mvt': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/map/roads/10/552/273.mvt' }),
      expect: s(ROADS, ROADS, ROADS, ROADS, ROADS, 401),
    },
  ],
  'GET /api/map/roads.json': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/map/roads.json' }),
      expect: s(200, 200, 200, 200, 200, 401),
    },
  ],
};

const MATRIX: Record<string, Case[]> = {
  'GET /api/health': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/health' }),
      expect: s(200, 200, 200, 200, 200, 200),
    },
  ],
  'GET /api/config': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/config' }),
      expect: s(200, 200, 200, 200, 200, 200),
    },
  ],
  'POST /api/auth/login': [
    {
      territory: 'none',
      request: () => ({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'viewer2321', password: TEST_PASSWORD },
      }),
      expect: s(200, 200, 200, 200, 200, 200),
    },
  ],
  'POST /api/auth/logout': [
    {
      territory: 'none',
      freshSession: true,
      request: () => ({ method: 'POST', url: '/api/auth/logout' }),
      expect: s(204, 204, 204, 204, 204, 401),
    },
  ],
  'GET /api/auth/me': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/auth/me' }),
      expect: s(200, 200, 200, 200, 200, 401),
    },
  ],

  'GET /api/service-points': anyReader((code) => `/api/service-points?municipality=${code}`),
  'GET /api/service-points/export': anyReader(
    (code) => `/api/service-points/export?municipality=${code}&format=csv`,
  ),
  'GET /api/service-points/:id': [
    {
      territory: 'own',
      request: (fx) => ({ method: 'GET', url: `/api/service-points/${fx.ownPoint}` }),
      expect: s(200, 200, 200, 200, 200, 401),
    },
    {
      territory: 'other',
      request: (fx) => ({ method: 'GET', url: `/api/service-points/${fx.otherPoint}` }),
      expect: s(200, 404, 404, 404, 404, 401),
    },
  ],
  'POST /api/service-points': [
    {
      territory: 'own',
      request: () => ({ method: 'POST', url: '/api/service-points', payload: servicePointInput(own) }),
      expect: s(201, 201, 201, 403, 403, 401),
    },
    {
      territory: 'other',
      request: () => ({ method: 'POST', url: '/api/service-points', payload: servicePointInput(other) }),
      expect: s(201, 403, 403, 403, 403, 401),
    },
  ],
  'PATCH /api/service-points/:id': [
    {
      territory: 'own',
      request: async (fx) => ({
        method: 'PATCH',
        url: `/api/service-points/${await fx.freshPoint(own)}`,
        payload: { version: 1, name: 'Ändrad' },
      }),
      expect: s(200, 200, 200, 403, 403, 401),
    },
    {
      territory: 'other',
      request: async (fx) => ({
        method: 'PATCH',
        url: `/api/service-points/${await fx.freshPoint(other)}`,
        payload: { version: 1, name: 'Ändrad' },
      }),
      expect: s(200, 404, 404, 403, 403, 401),
    },
  ],
  'DELETE /api/service-points/:id': [
    {
      territory: 'own',
      request: async (fx) => ({ method: 'DELETE', url: `/api/service-points/${await fx.freshPoint(own)}` }),
      expect: s(204, 204, 204, 403, 403, 401),
    },
    {
      territory: 'other',
      request: async (fx) => ({ method: 'DELETE', url: `/api/service-points/${await fx.freshPoint(other)}` }),
      expect: s(204, 404, 404, 403, 403, 401),
    },
  ],

  'GET /api/places': anyReader((code) => `/api/places?municipality=${code}&format=geojson`),
  'GET /api/places/export': anyReader((code) => `/api/places/export?municipality=${code}&format=geojson`),
  'GET /api/places/:id': [
    {
      territory: 'own',
      request: (fx) => ({ method: 'GET', url: `/api/places/${fx.ownPlace}` }),
      // Operators see only their assigned service points, never places.
      expect: s(200, 200, 200, 404, 200, 401),
    },
    {
      territory: 'other',
      request: (fx) => ({ method: 'GET', url: `/api/places/${fx.otherPlace}` }),
      expect: s(200, 404, 404, 404, 404, 401),
    },
  ],
  'POST /api/places': [
    {
      territory: 'own',
      request: () => ({ method: 'POST', url: '/api/places', payload: placeBody(own) }),
      expect: s(201, 201, 201, 403, 403, 401),
    },
    {
      territory: 'other',
      request: () => ({ method: 'POST', url: '/api/places', payload: placeBody(other) }),
      expect: s(201, 403, 403, 403, 403, 401),
    },
  ],
  'PATCH /api/places/:id': [
    {
      territory: 'own',
      request: async (fx) => ({
        method: 'PATCH',
        url: `/api/places/${await fx.freshPlace(own)}`,
        payload: { version: 1, population: 130 },
      }),
      expect: s(200, 200, 200, 403, 403, 401),
    },
    {
      territory: 'other',
      request: async (fx) => ({
        method: 'PATCH',
        url: `/api/places/${await fx.freshPlace(other)}`,
        payload: { version: 1, population: 130 },
      }),
      expect: s(200, 404, 404, 403, 403, 401),
    },
  ],
  'DELETE /api/places/:id': [
    {
      territory: 'own',
      request: async (fx) => ({ method: 'DELETE', url: `/api/places/${await fx.freshPlace(own)}` }),
      expect: s(204, 204, 204, 403, 403, 401),
    },
    {
      territory: 'other',
      request: async (fx) => ({ method: 'DELETE', url: `/api/places/${await fx.freshPlace(other)}` }),
      expect: s(204, 404, 404, 403, 403, 401),
    },
  ],

  'GET /api/territories': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/territories' }),
      expect: s(200, 200, 200, 200, 200, 401),
    },
  ],
  'GET /api/territories/boundaries': anyReader(
    (code) => `/api/territories/boundaries?county=${code.slice(0, 2)}`,
  ),

  'GET /api/audit': [
    {
      territory: 'own',
      request: (fx) => ({
        method: 'GET',
        url: `/api/audit?entityType=service_point&entityId=${fx.ownPoint}`,
      }),
      expect: s(200, 200, 403, 403, 403, 401),
    },
    {
      territory: 'other',
      request: (fx) => ({
        method: 'GET',
        url: `/api/audit?entityType=service_point&entityId=${fx.otherPoint}`,
      }),
      expect: s(200, 200, 403, 403, 403, 401),
    },
  ],

  'GET /api/users': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/users' }),
      expect: s(200, 403, 403, 403, 403, 401),
    },
  ],
  'POST /api/users': [
    {
      territory: 'none',
      request: (fx) => ({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: fx.unique(),
          password: 'a-long-password-1',
          role: 'viewer',
          municipalityCode: own,
        },
      }),
      expect: s(201, 403, 403, 403, 403, 401),
    },
  ],
  'GET /api/users/:id/assignments': [
    {
      territory: 'own',
      request: (fx) => ({ method: 'GET', url: `/api/users/${fx.op2321}/assignments` }),
      expect: s(200, 200, 403, 403, 403, 401),
    },
    {
      territory: 'other',
      request: (fx) => ({ method: 'GET', url: `/api/users/${fx.op2480}/assignments` }),
      expect: s(200, 404, 403, 403, 403, 401),
    },
  ],
  'PUT /api/users/:id/assignments': [
    {
      territory: 'own',
      request: (fx) => ({
        method: 'PUT',
        url: `/api/users/${fx.op2321}/assignments`,
        payload: { servicePointIds: [fx.ownPoint] },
      }),
      expect: s(200, 200, 403, 403, 403, 401),
    },
    {
      territory: 'other',
      request: (fx) => ({
        method: 'PUT',
        url: `/api/users/${fx.op2480}/assignments`,
        payload: { servicePointIds: [fx.otherPoint] },
      }),
      expect: s(200, 404, 403, 403, 403, 401),
    },
  ],

  // Imports: a one-row CSV per request; rows outside the actor's territory are row errors (422).
  'POST /api/imports': [
    {
      territory: 'own',
      request: (fx) => importUpload(own, fx.unique()),
      expect: s(200, 200, 200, 403, 403, 401),
    },
    {
      territory: 'other',
      request: (fx) => importUpload(other, fx.unique()),
      expect: s(200, 422, 422, 403, 403, 401),
    },
  ],
  'GET /api/imports': [
    {
      territory: 'none',
      request: () => ({ method: 'GET', url: '/api/imports' }),
      expect: s(200, 200, 200, 403, 403, 401),
    },
  ],
  ...SOT_MATRIX,
  ...ACCESS_MATRIX,
  ...MAP_MATRIX,
};

/** Routes outside the matrix: swagger-ui's own pages and assets, HEAD twins of GET routes, the web client. */
function inScope(method: string, url: string): boolean {
  if (method === 'HEAD' || method === 'OPTIONS') return false;
  if (!url.startsWith('/api/')) return false;
  return !(url === '/api/docs' || url.startsWith('/api/docs/'));
}

let app: FastifyInstance;
let database: Database;
const registered = new Set<string>();
const sessions = new Map<Who, Session>();
let fx: Fixture;
let dataDir: string | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTerritory(database);
  await seedUsers(database);
  // A data directory of its own: nothing from a developer's ./sot-data (graphs, runs) leaks in.
  dataDir = tempDataDir();
  const config = loadConfig({ SOT_NO_DEMO: '1', LOG_LEVEL: 'silent', SOT_DATA_DIR: dataDir });
  app = await buildApp({
    config,
    database,
    logger: false,
    webRoot: null,
    onRoute: (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const m of methods) if (inScope(m, route.url)) registered.add(`${m} ${route.url}`);
    },
  });
  await app.ready();

  const db = database.db;
  const ownPoint = (await createServicePoint(db, SYSTEM_ACTOR, servicePointInput(own))).id;
  const otherPoint = (await createServicePoint(db, SYSTEM_ACTOR, servicePointInput(other))).id;
  const ownPlace = (await createPlace(db, SYSTEM_ACTOR, placeBody(own))).id;
  const otherPlace = (await createPlace(db, SYSTEM_ACTOR, placeBody(other))).id;
  const op2321 = (await actorFor(db, 'op2321')).userId!;
  const op2480 = (
    await addUser(db, SYSTEM_ACTOR, {
      username: 'op2480',
      password: TEST_PASSWORD,
      role: 'operator',
      municipalityCode: other,
    })
  ).id;
  await setAssignments(db, SYSTEM_ACTOR, op2321, { servicePointIds: [ownPoint] });
  const sot = await createSotMatrixFixture(db, { own, other });
  let n = 0;
  fx = {
    ownPoint,
    otherPoint,
    ownPlace,
    otherPlace,
    op2321,
    op2480,
    freshPoint: async (code) => (await createServicePoint(db, SYSTEM_ACTOR, servicePointInput(code))).id,
    freshPlace: async (code) => (await createPlace(db, SYSTEM_ACTOR, placeBody(code))).id,
    unique: () => `matrix${++n}`,
    sot,
  };
  for (const who of WHO) if (who !== 'anonymous') sessions.set(who, await loginAs(app, who));
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('route matrix', () => {
  it('has an entry for every registered /api route and no entry for a missing one', () => {
    expect(registered.size).toBeGreaterThan(10);
    const missing = [...registered].filter((r) => !(r in MATRIX)).sort();
    const stale = Object.keys(MATRIX)
      .filter((r) => !registered.has(r))
      .sort();
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('gives every role exactly the expected status, own and other territory', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const [route, cases] of Object.entries(MATRIX)) {
      if (!registered.has(route)) continue;
      for (const c of cases) {
        for (const who of WHO) {
          const session =
            who === 'anonymous' ? null : c.freshSession ? await loginAs(app, who) : sessions.get(who)!;
          const req = await c.request(fx);
          const headers = { ...(req.headers ?? {}), ...(session ? session.headers : {}) };
          const res = await app.inject({ ...req, headers } as InjectOptions);
          checked++;
          if (res.statusCode !== c.expect[who])
            mismatches.push(
              `${route} [${c.territory}] as ${who}: expected ${c.expect[who]}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('covers own and other territory for every route that reads or writes territorial data', () => {
    const territorial = Object.entries(MATRIX).filter(([, cases]) =>
      cases.some((c) => c.territory !== 'none'),
    );
    for (const [route, cases] of territorial) {
      expect(cases.map((c) => c.territory).sort(), route).toEqual(['other', 'own']);
    }
  });
});
