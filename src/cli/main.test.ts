import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../auth/sessions.js';
import { latestMigration } from '../backup/format.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { servicePoints } from '../db/schema.js';
import { AppError } from '../errors.js';
import { prepareDatabase } from '../setup/prepare.js';
import { type CliIo, main } from './main.js';

// Helpers: run `main` in-process with captured streams, against a temporary embedded data
// directory or (in the `postgres` test project) a fresh PostgreSQL database.

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

interface CliEnv {
  /** Temporary working directory (relative paths in arguments resolve here). */
  dir: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], stdin?: string, extra?: Partial<CliIo>): Promise<CliResult>;
  /** Opens the same database the CLI uses (close it before the next `run` on embedded). */
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A fresh data set for CLI tests. */
async function createCliEnv(): Promise<CliEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-cli-'));
  const env: NodeJS.ProcessEnv = { SOT_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
  let dropDb: (() => Promise<void>) | null = null;
  const url = process.env.SOT_TEST_DB === 'postgres' ? process.env.DATABASE_URL : undefined;
  if (url) {
    const name = `sot_cli_${Date.now()}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    // Wait for the CLI's closed pools to disconnect: pg-pool's end() resolves before its sockets
    // close, and `drop … with (force)` would kill them mid-close (an uncaught error).
    dropDb = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        for (let i = 0; i < 50; i++) {
          const r = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
            name,
          ]);
          if (r.rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    };
  }
  return {
    dir,
    env,
    async run(args, stdin, extra = {}) {
      const out = collect();
      const err = collect();
      const io: CliIo = {
        stdout: out.stream,
        stderr: err.stream,
        stdin: Readable.from(stdin === undefined ? [] : [Buffer.from(stdin)]),
        env,
        cwd: dir,
        ...extra,
      };
      const code = await main(args, io);
      return { code, stdout: out.text(), stderr: err.text() };
    },
    open: () => prepareDatabase(loadConfig(env), { purpose: 'a test' }),
    async cleanup() {
      await dropDb?.();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Square polygon GeoJSON feature. */
function squareFeature(props: Record<string, unknown>, lon: number, lat: number, size = 0.5) {
  return {
    type: 'Feature',
    properties: props,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + size, lat],
          [lon + size, lat + size],
          [lon, lat + size],
          [lon, lat],
        ],
      ],
    },
  };
}

/** Writes counties.geojson and municipalities.geojson (county 23; municipalities 2321, 2380) into `dir`. */
function writeBoundaryFiles(dir: string): { counties: string; municipalities: string } {
  const counties = path.join(dir, 'counties.geojson');
  const municipalities = path.join(dir, 'municipalities.geojson');
  fs.writeFileSync(
    counties,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [squareFeature({ code: '23', name: 'Testlän' }, 13, 63, 2)],
    }),
  );
  fs.writeFileSync(
    municipalities,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        squareFeature({ code: '2321', name: 'Åretest', county_code: '23' }, 13, 63),
        squareFeature({ code: '2380', name: 'Östertest', county_code: '23' }, 14, 63),
      ],
    }),
  );
  return { counties, municipalities };
}

const PASSWORD = 'correct-horse-battery';

async function spCount(cli: CliEnv): Promise<number> {
  const database = await cli.open();
  try {
    const [row] = await database.db.select({ n: count() }).from(servicePoints);
    return row.n;
  } finally {
    await database.close();
  }
}

describe('sot CLI', () => {
  let cli: CliEnv;

  beforeAll(async () => {
    cli = await createCliEnv();
  });
  afterAll(async () => {
    await cli?.cleanup();
  });

  it('answers usage mistakes with exit code 2 and the usage, without touching the database', async () => {
    const none = await cli.run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/error: no command given/);

    const help = await cli.run(['--help']);
    expect(help.code, help.stderr).toBe(0);
    for (const name of [
      'user add',
      'import osm',
      'export places',
      'demo generate',
      'backup',
      'restore',
      'db migrate',
    ])
      expect(help.stdout).toContain(name);

    const missing = await cli.run(['user', 'add']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/error: missing argument/);
    expect(missing.stderr).toMatch(/usage: sot user add <username> --role ROLE/);

    const badRole = await cli.run(['user', 'add', 'bob', '--role', 'king']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of admin, county/);

    const unknownOption = await cli.run(['user', 'list', '--bogus']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/--bogus/);

    const unknownCommand = await cli.run(['frobnicate']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command: sot frobnicate/);

    const group = await cli.run(['user']);
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/needs a subcommand/);
    expect(group.stderr).toMatch(/user passwd/);

    const cmdHelp = await cli.run(['user', 'add', '--help']);
    expect(cmdHelp.code, cmdHelp.stderr).toBe(0);
    expect(cmdHelp.stdout).toMatch(/--password-stdin/);
    expect(cmdHelp.stdout).toMatch(/--data-dir DIR/);

    const xlsx = await cli.run(['export', 'service-points', '--format', 'xlsx']);
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toMatch(/--out/);

    const badFilter = await cli.run(['export', 'places', '--municipality', '23']);
    expect(badFilter.code).toBe(2);
    expect(badFilter.stderr).toMatch(/4-digit/);

    // Nothing above needed a database.
    expect(fs.existsSync(path.join(cli.dir, 'data', 'pgdata'))).toBe(false);
  });

  it('adds, lists and re-passwords users; errors show message and details, not stacks', async () => {
    const added = await cli.run(
      ['user', 'add', 'admin1', '--role', 'admin', '--name', 'Första Admin', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    // Embedded: the first command creates the database and says so (a mistyped --data-dir is visible).
    expect(added.stderr).toBe(
      cli.env.DATABASE_URL ? '' : `note: created a new, empty database in ${cli.env.SOT_DATA_DIR}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Created user admin1 \(id \d+, role admin\)/);

    const noMuni = await cli.run(
      ['user', 'add', 'kalle', '--role', 'municipality', '--municipality', '2321', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(noMuni.code).toBe(1);
    expect(noMuni.stderr).toMatch(
      /^error: Unknown municipality\n {2}- field municipalityCode: no municipality with code 2321/,
    );
    expect(noMuni.stderr).not.toMatch(/\n\s+at /);

    const short = await cli.run(['user', 'add', 'shorty', '--role', 'admin', '--password-stdin'], 'abc\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/Password too short/);

    const dup = await cli.run(
      ['user', 'add', 'admin1', '--role', 'admin', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/admin1 already exists/);

    const noTty = await cli.run(['user', 'passwd', 'admin1']);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/--password-stdin/);

    const json = await cli.run(['user', 'list', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const users = JSON.parse(json.stdout) as { username: string; displayName: string; role: string }[];
    expect(users.map((u) => [u.username, u.role, u.displayName])).toEqual([
      ['admin1', 'admin', 'Första Admin'],
    ]);

    const table = await cli.run(['user', 'list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^id\s+username\s+role\s+county\s+municipality/);
    expect(table.stdout).toMatch(/admin1\s+admin/);

    const passwd = await cli.run(['user', 'passwd', 'admin1', '--password-stdin'], 'a-new-password-456\r\n');
    expect(passwd.code, passwd.stderr).toBe(0);
    const unknown = await cli.run(['user', 'passwd', 'nobody', '--password-stdin'], 'a-new-password-456\n');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/User nobody not found/);

    const database = await cli.open();
    try {
      await expect(login(database.db, 'admin1', 'a-new-password-456', '127.0.0.1', 1)).resolves.toBeTruthy();
      await expect(login(database.db, 'admin1', PASSWORD, '127.0.0.1', 1)).rejects.toBeInstanceOf(AppError);
    } finally {
      await database.close();
    }
  });

  it('imports with --dry-run, fails a bad file with nothing written, imports, then exports', async () => {
    const files = writeBoundaryFiles(cli.dir);
    const counties = await cli.run(['import', 'boundaries', files.counties, '--level', 'county']);
    expect(counties.stderr).toMatch(/created\s+1/);
    expect(counties.code, counties.stderr).toBe(0);
    const munis = await cli.run(['import', 'boundaries', 'municipalities.geojson', '--source', 'lm']);
    expect(munis.code, munis.stderr).toBe(0);
    expect(munis.stderr).toMatch(/municipality\s+2/);
    // Nothing stored yet, but the re-derive is always reported for boundaries.
    expect(munis.stderr).toMatch(/municipality re-derived: 0 service points, 0 places, 0 population cells/);

    const good = path.join(cli.dir, 'points.csv');
    fs.writeFileSync(
      good,
      'id;kind;namn;lat;lon\nb1;grocery;Konsum Åre;63.2;13.2\nb2;fuel;Macken;63.21;13.21\nb3;pharmacy;Apoteket;63.3;14.2\n',
    );
    const dry = await cli.run(['import', 'service-points', 'points.csv', '--source', 'test', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/dry run, nothing written/);
    expect(dry.stderr).toMatch(/created\s+3/);
    expect(dry.stderr).toMatch(/Report: .*reports[/\\]import-.*-service-points\.json/);
    expect(await spCount(cli)).toBe(0);

    const bad = path.join(cli.dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      'id;kind;namn;lat;lon\nc1;grocery;Bra butik;63.2;13.2\nc2;spaceship;Konstig;63.2;13.2\nc3;fuel;Ingen lat;;13.3\n',
    );
    const reportFile = path.join(cli.dir, 'bad-report.json');
    const failed = await cli.run([
      'import',
      'service-points',
      bad,
      '--source',
      'test',
      '--report',
      reportFile,
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: 2 rows are invalid/);
    expect(failed.stderr).toMatch(/error\s+line 3/);
    expect(failed.stderr).toMatch(/Nothing was imported\./);
    const saved = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
      ok: boolean;
      issues: { line?: number }[];
    };
    expect(saved.ok).toBe(false);
    expect(saved.issues.map((i) => i.line)).toEqual(expect.arrayContaining([3, 4]));
    expect(await spCount(cli)).toBe(0);

    const missingFile = await cli.run(['import', 'places', 'nope.csv']);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toMatch(/File not found/);

    const real = await cli.run(['import', 'service-points', good, '--source', 'test']);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stderr).toMatch(/Imported as batch \d+/);
    expect(await spCount(cli)).toBe(3);

    const csv = await cli.run(['export', 'service-points', '--municipality', '2321']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toContain('Konsum Åre');
    expect(csv.stdout).toContain('Macken');
    expect(csv.stdout).not.toContain('Apoteket');
    expect(csv.stderr).toMatch(/Exported 2 service points/);

    const out = path.join(cli.dir, 'sp.geojson');
    const geo = await cli.run([
      'export',
      'service-points',
      '--format',
      'geojson',
      '--kinds',
      'pharmacy',
      '--out',
      out,
    ]);
    expect(geo.code, geo.stderr).toBe(0);
    const fc = JSON.parse(fs.readFileSync(out, 'utf8')) as { features: { properties: { name: string } }[] };
    expect(fc.features.map((f) => f.properties.name)).toEqual(['Apoteket']);
  });

  it('backs up and restores into a fresh data set, and refuses a non-empty target', async () => {
    const file = path.join(cli.dir, 'backup.sot.gz');
    const made = await cli.run(['backup', file]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/service_points\s+3/);
    const again = await cli.run(['backup', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--force/);

    const intoSame = await cli.run(['restore', file]);
    expect(intoSame.code).toBe(1);
    expect(intoSame.stderr).toMatch(/not empty/);

    const other = await createCliEnv();
    try {
      const restored = await other.run(['restore', file]);
      expect(restored.stderr).toMatch(/service_points\s+3/);
      expect(restored.code, restored.stderr).toBe(0);
      const list = await other.run(['user', 'list', '--format', 'json']);
      expect((JSON.parse(list.stdout) as { username: string }[]).map((u) => u.username)).toEqual(['admin1']);
      expect(await spCount(other)).toBe(3);

      const broken = path.join(cli.dir, 'broken.gz');
      fs.writeFileSync(broken, fs.readFileSync(file).subarray(0, 200));
      const third = await createCliEnv();
      try {
        const res = await third.run(['restore', broken]);
        expect(res.code).toBe(1);
        expect(res.stderr).toMatch(/^error: Backup file is invalid: line \d+/);
      } finally {
        await third.cleanup();
      }
    } finally {
      await other.cleanup();
    }
  });

  it.runIf(process.env.SOT_TEST_DB !== 'postgres')(
    'refuses to open an embedded data directory another process holds',
    async () => {
      const held = await prepareDatabase(loadConfig(cli.env), { purpose: 'the SOT server' });
      try {
        const res = await cli.run(['user', 'list']);
        expect(res.code).toBe(1);
        expect(res.stderr).toMatch(/is in use by the SOT server .*stop the server first/);
      } finally {
        await held.close();
      }
      expect((await cli.run(['user', 'list'])).code).toBe(0);
    },
  );

  it('generates the demo region as files and migrates the database', async () => {
    const gen = await cli.run(['demo', 'generate', '--nodes', '5000', '--seed', '3', '--out', 'demo-out']);
    expect(gen.code, gen.stderr).toBe(0);
    for (const f of [
      'region.osm',
      'counties.geojson',
      'municipalities.geojson',
      'places.geojson',
      'manifest.json',
    ])
      expect(fs.existsSync(path.join(cli.dir, 'demo-out', f))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(cli.dir, 'demo-out', 'manifest.json'), 'utf8'));
    expect(gen.stderr).toMatch(/Demo region written to .*demo-out/);
    expect(gen.stderr).toContain(`seed: 3`);
    expect(gen.stderr).toContain(`nodes: ${manifest.nodes}`);

    const tooSmall = await cli.run(['demo', 'generate', '--nodes', '12']);
    expect(tooSmall.code).toBe(2);
    expect(tooSmall.stderr).toMatch(/--nodes must be a whole number from \d+/);

    const migrate = await cli.run(['db', 'migrate']);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain(`is at migration ${latestMigration()}`);
  });

  it('cancels a running import on Ctrl+C with nothing written', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    const res = await cli.run(['import', 'service-points', 'points.csv', '--source', 'other'], undefined, {
      signal: controller.signal,
    });
    expect(res.code).toBe(130);
    expect(res.stderr).toMatch(/Cancelled; nothing was changed/);
  });
});

describe('bin/sot.js', () => {
  it('runs as a real process (from the sources through tsx when there is no fresh build)', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'bin', 'sot.js'), '--help'],
      {
        env: { ...process.env, SOT_CLI_FROM_SOURCE: '1' },
      },
    );
    expect(stdout).toMatch(/^sot \d+\.\d+\.\d+: SOT/);
    expect(stdout).toMatch(/user passwd/);
  });
});
