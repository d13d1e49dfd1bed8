/**
 * Browser-test harness: finds a system Chromium (never downloads one), builds the web client
 * with Vite into a temporary directory, and starts the real server on 127.0.0.1 with a fresh
 * test database holding the two-county test territory, its users and a few service points.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { SYSTEM_ACTOR } from '../../src/domain/actor.js';
import { createPlace } from '../../src/domain/places.js';
import { createServicePoint } from '../../src/domain/service-points.js';
import { buildApp } from '../../src/server/app.js';
import type { ServicePoint } from '../../src/shared/service-point.js';
import { createTestDatabase } from '../../src/test/db.js';
import { inside, seedTerritory, seedUsers, servicePointInput } from '../../src/test/fixtures.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Flags for a quiet, offline, sandbox-free headless Chromium (CI containers run as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium to use: CHROMIUM_PATH, else Debian's /usr/bin/chromium; null when neither exists. */
export function findChromium(): string | null {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return candidate;
  } catch {
    return null;
  }
}

/** The Chromium the browser tests drive, or null (they are skipped, with a warning saying why). */
export const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn(
    `[browser tests] SKIPPED: no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}. ` +
      'Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to run the web client tests.',
  );
}

/** `describe` when Chromium is there, `describe.skip` otherwise. */
export const describeBrowser = chromiumPath ? describe : describe.skip;

/** Builds the web client into a fresh temporary directory and returns it. */
export async function buildWebClient(): Promise<string> {
  const { build } = await import('vite');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-web-'));
  await build({
    configFile: path.join(projectRoot, 'web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}

/** The service points every scenario starts from. */
export interface Seeded {
  kall: ServicePoint;
  fuel: ServicePoint;
  pharmacy: ServicePoint;
  ostertest: ServicePoint;
  umetest: ServicePoint;
}

async function seed(database: Database): Promise<Seeded> {
  await seedTerritory(database);
  await seedUsers(database);
  const db = database.db;
  const at = (code: string, dLon: number, dLat: number) => {
    const p = inside(code);
    return { lon: p.lon + dLon, lat: p.lat + dLat };
  };
  const kall = await createServicePoint(
    db,
    SYSTEM_ACTOR,
    servicePointInput('2321', {
      name: 'Kall Handel',
      chain: 'Nära',
      city: 'Kall',
      power: { type: 'backup', kva: 70, fuelLitres: 1200 },
      attributes: { assortmentArticles: 2500, yearRound: true, freshGroups: ['dairy', 'bread'] },
    }),
  );
  const fuel = await createServicePoint(
    db,
    SYSTEM_ACTOR,
    servicePointInput('2321', {
      kind: 'fuel',
      name: 'Kall Drivmedel',
      ...at('2321', 0.01, 0.01),
      attributes: { fuels: ['diesel', 'petrol_95'], staffed: false },
    }),
  );
  const pharmacy = await createServicePoint(
    db,
    SYSTEM_ACTOR,
    servicePointInput('2321', {
      kind: 'pharmacy',
      name: 'Apoteksombud Huså',
      ...at('2321', -0.1, 0.1),
      attributes: {},
    }),
  );
  const ostertest = await createServicePoint(
    db,
    SYSTEM_ACTOR,
    servicePointInput('2380', { name: 'Östra Lanthandeln' }),
  );
  const umetest = await createServicePoint(
    db,
    SYSTEM_ACTOR,
    servicePointInput('2480', { name: 'Umeå Hemlig Butik', kind: 'fuel', attributes: {} }),
  );
  await createPlace(db, SYSTEM_ACTOR, { name: 'Kall', population: 400, ...at('2321', 0.02, 0.0) });
  await createPlace(db, SYSTEM_ACTOR, { name: 'Åretest by', population: 3200, ...at('2321', 0.15, -0.1) });
  await createPlace(db, SYSTEM_ACTOR, { name: 'Umetest by', population: 9000, ...inside('2480') });
  return { kall, fuel, pharmacy, ostertest, umetest };
}

export interface TestServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  seeded: Seeded;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1 (random port) serving `webRoot`, over a fresh seeded database. */
export async function startServer(webRoot: string): Promise<TestServer> {
  const database = await createTestDatabase();
  const seeded = await seed(database);
  const config = loadConfig({ SOT_NO_DEMO: '1', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, logger: false, webRoot });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    app,
    database,
    seeded,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface BrowserSession {
  context: BrowserContext;
  /** Requests that tried to leave this machine (must stay empty: the app works offline). */
  externalRequests: string[];
  /**
   * A fresh page with no session cookie (each test logs in as its own user), a default timeout,
   * page errors echoed to the test log and, when asked, every confirm() accepted.
   */
  newPage(options: { timeoutMs: number; acceptDialogs?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A persistent context on a fresh profile directory. Every request not aimed at the test
 * server is blocked and recorded, which proves the app needs no internet.
 */
export async function launchBrowser(executablePath: string, serverUrl: string): Promise<BrowserSession> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  const origin = new URL(serverUrl).origin;
  const externalRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    externalRequests.push(url);
    return route.abort();
  });
  return {
    context,
    externalRequests,
    newPage: async ({ timeoutMs, acceptDialogs = false }) => {
      await context.clearCookies();
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      page.on('pageerror', (err) => console.error('[browser page error]', err.message));
      if (acceptDialogs) page.on('dialog', (dialog) => void dialog.accept());
      return page;
    },
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the form (Swedish labels, the default language). */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/karta`);
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
}

/** Where screenshots go (SOT_SCREENSHOT_DIR, else a temp dir), for a person to look at. */
export function screenshotDir(): string {
  const dir = process.env.SOT_SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'sot-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export type { Browser, Page };
