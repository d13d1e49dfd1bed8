import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config.js';
import { servicePoints, users } from '../db/schema.js';
import { AppError, ErrorIds } from '../errors.js';
import { readDemoLogins } from '../setup/demo-logins.js';
import { LOCK_FILE } from '../setup/lock.js';
import { type RunningServer, startServer } from './main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const onPostgres = process.env.SOT_TEST_DB === 'postgres';

/**
 * Drops a test database once the closed pools' connections are gone: pg-pool's end() resolves
 * before its sockets close, and `drop … with (force)` would kill them mid-close (an uncaught error).
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const r = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (r.rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await c.query(`drop database if exists ${name} with (force)`);
  } finally {
    await c.end();
  }
}

/** Environment for a fresh data set: a temp data dir, plus a fresh database in the postgres project. */
async function freshEnv(): Promise<{ env: NodeJS.ProcessEnv; dir: string; cleanup(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-start-'));
  const env: NodeJS.ProcessEnv = { SOT_DATA_DIR: dir, LOG_LEVEL: 'silent', HOST: '127.0.0.1' };
  const url = onPostgres ? process.env.DATABASE_URL : undefined;
  let drop: () => Promise<void> = async () => {};
  if (url) {
    const name = `sot_start_${Date.now()}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    drop = () => dropDatabase(url, name);
  }
  return {
    env,
    dir,
    cleanup: async () => {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Port 0: the OS picks a free port (the schema's minimum of 1 applies to PORT, not to tests). */
const testConfig = (env: NodeJS.ProcessEnv): Config => ({ ...loadConfig(env), port: 0 });

async function login(url: string, username: string, password: string) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe('server start-up', () => {
  let fresh: Awaited<ReturnType<typeof freshEnv>>;
  let server: RunningServer | null = null;

  beforeAll(async () => {
    fresh = await freshEnv();
  });
  afterAll(async () => {
    await server?.close();
    await fresh?.cleanup();
  });

  it('first start: migrates, seeds the demo, serves, prints the URL and one login per role', async () => {
    const lines: string[] = [];
    server = await startServer(testConfig(fresh.env), {
      demo: { nodes: 5000 },
      logger: false,
      webRoot: null,
      print: (l) => lines.push(l),
    });
    expect(server.firstStart.action).toBe('seeded');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const text = lines.join('\n');
    expect(text).toContain(`SOT is running at ${server.url}`);
    expect(text).toMatch(/Started in \d+\.\d s/);

    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: onPostgres ? 'postgres' : 'pglite' });

    const logins = readDemoLogins(fresh.dir);
    expect(logins?.map((l) => l.role)).toEqual(['admin', 'county', 'municipality', 'operator', 'viewer']);
    for (const l of logins!) {
      expect(text).toContain(l.password);
      const res = await login(server.url, l.username, l.password);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { user: { role: string } }).user.role).toBe(l.role);
    }
    expect((await login(server.url, 'demo-admin', 'not-the-password')).status).toBe(401);

    const [sp] = await server.database.db.select({ n: count() }).from(servicePoints);
    expect(sp.n).toBeGreaterThan(10);
    if (!onPostgres) expect(fs.existsSync(path.join(fresh.dir, LOCK_FILE))).toBe(true);
  });

  it('closes cleanly, and a second start opens the same data without seeding again', async () => {
    const url = server!.url;
    const [before] = await server!.database.db.select({ n: count() }).from(users);
    await server!.close();
    server = null;
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    if (!onPostgres) expect(fs.existsSync(path.join(fresh.dir, LOCK_FILE))).toBe(false);

    const lines: string[] = [];
    server = await startServer(testConfig(fresh.env), {
      logger: false,
      webRoot: null,
      print: (l) => lines.push(l),
    });
    expect(server.firstStart.action).toBe('demo');
    const [after] = await server.database.db.select({ n: count() }).from(users);
    expect(after.n).toBe(before.n);
    // The demo logins are shown at every start while the data set is the demo.
    const admin = readDemoLogins(fresh.dir)!.find((l) => l.role === 'admin')!;
    expect(lines.join('\n')).toContain(admin.password);
    expect((await login(server.url, admin.username, admin.password)).status).toBe(200);
  });

  it('explains a port that is already taken and releases the data directory', async () => {
    const port = Number(new URL(server!.url).port);
    const other = await freshEnv();
    try {
      const config = { ...testConfig({ ...other.env, SOT_NO_DEMO: '1' }), port };
      const err = await startServer(config, { logger: false, webRoot: null, print: () => undefined }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).id).toBe(ErrorIds.portInUse);
      expect((err as AppError).message).toMatch(new RegExp(`Port ${port} .* already in use`));
      expect(fs.existsSync(path.join(other.dir, LOCK_FILE))).toBe(false);
    } finally {
      await other.cleanup();
    }
  });
});

function waitFor(child: ChildProcess, pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`timeout waiting for ${pattern}; output:\n${out}`)),
      timeoutMs,
    );
    const on = (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

/** The test process's environment without DATABASE_URL: a child must only use the data set given to it. */
function childEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return rest;
}

describe.runIf(!onPostgres)('the server process', () => {
  const tsx = ['--import', 'tsx', path.join(root, 'src', 'server', 'main.ts')];

  it('stops with a clear message and exit code 1 on bad configuration', async () => {
    const child = spawn(process.execPath, tsx, {
      env: { ...childEnv(), PORT: 'eighty', SOT_DATA_DIR: path.join(os.tmpdir(), 'never-created') },
    });
    const out = await waitFor(child, /SOT reads its configuration/);
    const code = await new Promise((r) =>
      child.exitCode !== null ? r(child.exitCode) : child.on('exit', r),
    );
    expect(code).toBe(1);
    expect(out).toMatch(/^error: Invalid configuration: PORT/m);
    expect(out).toMatch(/- field PORT:/);
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('shuts down gracefully on SIGTERM with exit code 0', async () => {
    const fresh = await freshEnv();
    try {
      const child = spawn(process.execPath, tsx, {
        env: { ...childEnv(), ...fresh.env, SOT_NO_DEMO: '1', PORT: String(20000 + (process.pid % 20000)) },
      });
      const out = await waitFor(child, /Stop with Ctrl\+C/);
      expect(out).toMatch(/The database is empty/);
      expect(fs.existsSync(path.join(fresh.dir, LOCK_FILE))).toBe(true);
      const exited = new Promise((r) => child.on('exit', (code) => r(code)));
      const stopped = waitFor(child, /SOT stopped/);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await stopped).toMatch(/SOT stopped/);
      expect(fs.existsSync(path.join(fresh.dir, LOCK_FILE))).toBe(false);
    } finally {
      await fresh.cleanup();
    }
  });
});
