/**
 * Server entry point (`npm start`, `node dist/src/server/main.js`): validates the configuration,
 * opens and migrates the database, generates the demo data set on the very first start, serves
 * the API and web client, and shuts down cleanly on SIGINT/SIGTERM.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { AppError, ErrorIds } from '../errors.js';
import { type DemoLogin, demoLoginsPath, formatDemoLogins, readDemoLogins } from '../setup/demo-logins.js';
import { errorLines } from '../setup/error-lines.js';
import { prepareDatabase } from '../setup/prepare.js';
import { type FirstStartResult, firstStart, type SeedOptions } from '../setup/seed.js';
import { buildApp } from './app.js';

export interface StartOptions {
  /** Demo size and seed for the first start (tests use a small region). */
  demo?: SeedOptions;
  /** Fastify logger option; default from the configuration's LOG_LEVEL. */
  logger?: boolean | object;
  webRoot?: string | null;
  /** Where start-up lines go; default stdout. */
  print?: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  /** e.g. `http://localhost:8080`. */
  url: string;
  firstStart: FirstStartResult;
  /** Time from the call to listening, in milliseconds. */
  startupMs: number;
  /** Demo logins when the data set is the demo and the logins file matches it. */
  demoLogins: DemoLogin[] | null;
  /** Stops accepting requests, waits for running ones, closes the database. */
  close(): Promise<void>;
}

function listenError(err: unknown, config: Config): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new AppError(
      ErrorIds.portInUse,
      500,
      `Port ${config.port} on ${config.host} is already in use (another SOT, or another program).`,
      [
        {
          field: 'PORT',
          reason: 'stop the other program or start SOT with another port, e.g. PORT=8081 npm start',
        },
      ],
    );
  if (code === 'EACCES')
    return new AppError(ErrorIds.portInUse, 500, `No permission to listen on port ${config.port}.`, [
      { field: 'PORT', reason: 'ports below 1024 need extra privileges; use e.g. PORT=8080' },
    ]);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new AppError(ErrorIds.config, 500, `Cannot listen on host ${config.host}.`, [
      { field: 'HOST', reason: 'use 0.0.0.0 (all interfaces), 127.0.0.1 or an address of this machine' },
    ]);
  return err;
}

function publicUrl(config: Config, app: FastifyInstance): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = ['0.0.0.0', '::', '::0'].includes(config.host) ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function banner(server: RunningServer, config: Config): string[] {
  const lines = ['', `SOT is running at ${server.url}`];
  const data =
    server.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : server.database.location;
  lines.push(`Started in ${(server.startupMs / 1000).toFixed(1)} s. Data: ${data}`);
  const demo = server.firstStart.demo;
  if (demo) {
    lines.push(
      '',
      `Demo data set (fictional region, seed ${demo.seed}). Log in with one demo user per role:`,
    );
    if (server.demoLogins) {
      lines.push(`  ${'role'.padEnd(13)} ${'username'.padEnd(18)} ${'password'.padEnd(20)} territory`);
      lines.push(...formatDemoLogins(server.demoLogins));
      lines.push(`(also in ${demoLoginsPath(config.dataDir)}; demo users exist only in the demo data set)`);
    } else {
      lines.push(`  ${demo.logins.join(', ')}`);
      lines.push(
        `  Their passwords are not in ${demoLoginsPath(config.dataDir)}; set one with: npx sot user passwd ${demo.logins[0]}`,
      );
    }
  } else if (server.firstStart.action === 'empty') {
    lines.push(
      '',
      'The database is empty. To create the first administrator, stop the server (Ctrl+C) and run:',
      '  npx sot user add <username> --role admin',
    );
  }
  lines.push('', 'Stop with Ctrl+C.');
  return lines;
}

/** Starts SOT with `config`; the caller owns signal handling (see `runMain`). */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  if (config.databaseUrl) print('Connecting to PostgreSQL …');
  else if (!fs.existsSync(path.join(config.dataDir, 'pgdata', 'PG_VERSION')))
    print(`Creating the embedded database in ${config.dataDir} (first start; takes a few seconds) …`);
  else print(`Opening the embedded database in ${config.dataDir} …`);
  const database = await prepareDatabase(config, { purpose: 'the SOT server' });
  let app: FastifyInstance | null = null;
  try {
    const first = await firstStart(database, config.dataDir, config.noDemo, print, opts.demo);
    app = await buildApp({ config, database, logger: opts.logger, webRoot: opts.webRoot });
    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (err) {
      throw listenError(err, config);
    }
    const running: RunningServer = {
      app,
      database,
      url: publicUrl(config, app),
      firstStart: first,
      startupMs: Date.now() - started,
      demoLogins: first.demo ? readDemoLogins(config.dataDir, first.demo.createdAt) : null,
      close: async () => {
        try {
          await app!.close();
        } finally {
          await database.close();
        }
      },
    };
    for (const line of banner(running, config)) print(line);
    return running;
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.close();
    throw err;
  }
}

const CONFIG_HELP = [
  'SOT reads its configuration from environment variables: PORT, HOST, SOT_DATA_DIR, DATABASE_URL,',
  'SOT_NO_DEMO, SOT_SESSION_HOURS, SOT_SECURE_COOKIES, SOT_MAX_UPLOAD_MB, SOT_TILE_URL, LOG_LEVEL (see README).',
];

/** The process entry: start, then stop on the first SIGINT/SIGTERM (a second one forces exit). */
export async function runMain(): Promise<void> {
  const fail = (err: unknown, extra: string[] = []) => {
    for (const line of [...errorLines(err, process.env.SOT_DEBUG === '1'), ...extra])
      process.stderr.write(`${line}\n`);
    process.exit(1);
  };
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    return fail(err, CONFIG_HELP);
  }
  let server: RunningServer | null = null;
  let stopRequested: string | null = null;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing || (stopRequested && !server)) {
      process.stderr.write(`${signal} again: exiting now.\n`);
      process.exit(1);
    }
    if (!server) {
      // Stopping in the middle of creating the database could leave it damaged: finish first.
      stopRequested = signal;
      process.stdout.write(`\n${signal}: stopping once start-up has finished (again to exit at once) …\n`);
      return;
    }
    closing = true;
    process.stdout.write(`\n${signal}: shutting down (waiting for running requests) …\n`);
    setTimeout(() => {
      process.stderr.write('Shutdown took more than 20 s: exiting.\n');
      process.exit(1);
    }, 20_000).unref();
    server.close().then(
      () => {
        process.stdout.write('SOT stopped.\n');
        process.exit(0);
      },
      (err) => fail(err),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  try {
    server = await startServer(config);
  } catch (err) {
    return fail(err);
  }
  if (stopRequested) shutdown(stopRequested);
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(path.resolve(process.argv[1])) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) void runMain();
