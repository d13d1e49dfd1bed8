/**
 * The demo data set: a generated fictional region imported through the ordinary importers (so
 * the demo exercises the same code as real data), plus one demo login per role. Demo users exist
 * only here; a real deployment (SOT_NO_DEMO=1) never gets them.
 */
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { prepareDemoAccess } from '../access/demo.js';
import { isDatabaseEmpty } from '../backup/restore.js';
import { backupTables } from '../backup/tables.js';
import type { Database, Db, DbOrTx } from '../db/client.js';
import { counties, municipalities, servicePoints, users } from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { setAssignments } from '../domain/assignments.js';
import { addUser } from '../domain/users.js';
import { AppError, conflict, ErrorIds } from '../errors.js';
import { runImport } from '../import/index.js';
import type { ImportOptions, ImportReport } from '../import/types.js';
import { seedDemoSotPoints } from '../sot/demo.js';
import { type DemoLogin, generateDemoPassword, writeDemoLogins } from './demo-logins.js';
import { claimMeta, deleteMeta, getMeta, setMeta } from './meta.js';

/** Meta key describing the demo data set; present only when the data set is the demo. */
export const DEMO_META_KEY = 'demo';
/** Meta key set while the demo is being generated; left behind only by an interrupted start. */
export const DEMO_SEEDING_KEY = 'demo_seeding';
/** Demo usernames all start with this, which lets an interrupted demo be recognised and wiped safely. */
export const DEMO_USER_PREFIX = 'demo-';

export interface DemoInfo {
  seed: number;
  nodes: number;
  createdAt: string;
  /** Demo usernames, one per role. */
  logins: string[];
  countyCode: string;
  municipalityCode: string;
}

export interface SeedOptions {
  seed?: number;
  /** Size of the generated road network; small values make quick test data sets. */
  nodes?: number;
}

export type Log = (line: string) => void;

/** No users, no service points and no municipalities: a fresh install. */
export async function isEmpty(db: DbOrTx): Promise<boolean> {
  const [u] = await db.select({ id: users.id }).from(users).limit(1);
  const [s] = await db.select({ id: servicePoints.id }).from(servicePoints).limit(1);
  const [m] = await db.select({ code: municipalities.code }).from(municipalities).limit(1);
  return !u && !s && !m;
}

export async function demoInfo(db: DbOrTx): Promise<DemoInfo | null> {
  return getMeta<DemoInfo>(db, DEMO_META_KEY);
}

/** Empties every table (used only on data this module created). */
async function wipe(db: Db): Promise<void> {
  const names = backupTables().map((t) => sql.identifier(t.name));
  await db.execute(sql`truncate table ${sql.join(names, sql`, `)} restart identity cascade`);
}

async function importStep(db: Db, log: Log, label: string, opts: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const report = await runImport(db, SYSTEM_ACTOR, opts);
  if (!report.ok)
    throw new AppError(ErrorIds.internal, 500, `Demo import of ${label} failed`, report.issues.slice(0, 10));
  const c = report.counts;
  log(
    `  ${label.padEnd(16)} ${String(c.created).padStart(6)} created  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return report;
}

async function createDemoUsers(db: Db): Promise<DemoLogin[]> {
  const [county] = await db.select().from(counties).orderBy(asc(counties.code)).limit(1);
  if (!county) throw new AppError(ErrorIds.internal, 500, 'The demo region has no county');
  const [muni] = await db
    .select()
    .from(municipalities)
    .where(eq(municipalities.countyCode, county.code))
    .orderBy(asc(municipalities.code))
    .limit(1);
  if (!muni) throw new AppError(ErrorIds.internal, 500, `The demo county ${county.code} has no municipality`);
  const muniLabel = `${muni.code} ${muni.name}`;
  const specs: Array<{
    role: DemoLogin['role'];
    displayName: string;
    territory: string;
    county?: string;
    muni?: string;
  }> = [
    { role: 'admin', displayName: 'Demo: systemadministratör', territory: 'all (user management)' },
    {
      role: 'county',
      displayName: `Demo: ${county.name}`,
      territory: `${county.code} ${county.name}`,
      county: county.code,
    },
    { role: 'municipality', displayName: `Demo: ${muni.name}`, territory: muniLabel, muni: muni.code },
    {
      role: 'operator',
      displayName: 'Demo: butiksägare',
      territory: `${muniLabel}, assigned points`,
      muni: muni.code,
    },
    { role: 'viewer', displayName: 'Demo: räddningstjänst', territory: muniLabel, muni: muni.code },
  ];
  const logins: DemoLogin[] = [];
  for (const s of specs) {
    const username = `${DEMO_USER_PREFIX}${s.role}`;
    const password = generateDemoPassword();
    const user = await addUser(db, SYSTEM_ACTOR, {
      username,
      displayName: s.displayName,
      password,
      role: s.role,
      countyCode: s.county,
      municipalityCode: s.muni,
    });
    logins.push({ role: s.role, username, password, territory: s.territory });
    if (s.role === 'operator') {
      // A store and a fuel station if the municipality has them: the typical SOT-punkt pair.
      const candidates = await db
        .select({ id: servicePoints.id, kind: servicePoints.kind })
        .from(servicePoints)
        .where(
          and(
            eq(servicePoints.municipalityCode, muni.code),
            inArray(servicePoints.kind, ['grocery', 'fuel']),
          ),
        )
        .orderBy(asc(servicePoints.id));
      const picked = ['grocery', 'fuel']
        .map((k) => candidates.find((c) => c.kind === k)?.id)
        .filter((id): id is number => id !== undefined);
      if (picked.length === 0) {
        const [any] = await db
          .select({ id: servicePoints.id })
          .from(servicePoints)
          .where(eq(servicePoints.municipalityCode, muni.code))
          .orderBy(asc(servicePoints.id))
          .limit(1);
        if (any) picked.push(any.id);
      }
      await setAssignments(db, SYSTEM_ACTOR, user.id, { servicePointIds: picked });
    }
  }
  return logins;
}

export interface SeedResult {
  info: DemoInfo;
  logins: DemoLogin[];
  loginsFile: string;
}

/**
 * Generates the demo region into `<dataDir>/demo/`, imports it (counties, municipalities, places,
 * service points from the OSM file) as the system, creates the demo users and writes the logins
 * file. The database must be completely empty; on failure it is emptied again, so the next start
 * simply tries again.
 */
export async function seedDemo(
  database: Database,
  dataDir: string,
  log: Log,
  opts: SeedOptions = {},
): Promise<SeedResult> {
  const db = database.db;
  if (!(await isDatabaseEmpty(db)))
    throw conflict(
      'The database is not empty; the demo data set can only be generated into an empty database',
    );
  // Loaded only when seeding: a normal start never needs the generator.
  const { DEFAULT_DEMO_NODES, DEFAULT_DEMO_SEED, generateDemoRegion } = await import('../demo/generate.js');
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const nodes = opts.nodes ?? DEFAULT_DEMO_NODES;
  const startedAt = new Date().toISOString();
  if (
    !(await claimMeta(db, DEMO_SEEDING_KEY, {
      pid: process.pid,
      host: os.hostname(),
      startedAt,
      seed,
      nodes,
    }))
  )
    throw conflict('Another SOT process is generating the demo data set');
  try {
    const outDir = path.join(dataDir, 'demo');
    let t = Date.now();
    log(`Generating the demo region (seed ${seed}, ${nodes} road nodes) in ${outDir} …`);
    await generateDemoRegion({ seed, nodes, outDir });
    log(`  generated in ${((Date.now() - t) / 1000).toFixed(1)} s; importing:`);
    t = Date.now();
    const file = (name: string) => path.join(outDir, name);
    const common = { source: 'demo', format: 'geojson' as const };
    await importStep(db, log, 'counties', {
      ...common,
      target: 'boundaries',
      boundaryLevel: 'county',
      filePath: file('counties.geojson'),
    });
    await importStep(db, log, 'municipalities', {
      ...common,
      target: 'boundaries',
      boundaryLevel: 'municipality',
      filePath: file('municipalities.geojson'),
    });
    await importStep(db, log, 'places', { ...common, target: 'places', filePath: file('places.geojson') });
    await importStep(db, log, 'service points', {
      target: 'service_points',
      format: 'osm',
      filePath: file('region.osm'),
    });
    const logins = await createDemoUsers(db);
    // Demo SOT-punkter (lifecycle, organisation, financing …) on top of the registry and the demo users.
    const sot = await seedDemoSotPoints(db, SYSTEM_ACTOR);
    log(`  SOT-punkter       ${String(sot.pointIds.length).padStart(6)} created`);
    // The demo's road graph and a first accessibility run, so the accessibility view has data; last,
    // because seeding SOT-punkter changes service points. A failure leaves the demo usable without it.
    await prepareDemoAccess(database, dataDir, log).catch((err: Error) =>
      log(`  accessibility    skipped: ${err.message}`),
    );
    const createdAt = new Date().toISOString();
    const [county] = await db
      .select()
      .from(users)
      .where(eq(users.username, `${DEMO_USER_PREFIX}county`));
    const [muni] = await db
      .select()
      .from(users)
      .where(eq(users.username, `${DEMO_USER_PREFIX}municipality`));
    const info: DemoInfo = {
      seed,
      nodes,
      createdAt,
      logins: logins.map((l) => l.username),
      countyCode: county.countyCode ?? '',
      municipalityCode: muni.municipalityCode ?? '',
    };
    await setMeta(db, DEMO_META_KEY, info);
    await deleteMeta(db, DEMO_SEEDING_KEY);
    const loginsFile = writeDemoLogins(dataDir, createdAt, logins);
    return { info, logins, loginsFile };
  } catch (err) {
    await wipe(db);
    throw err;
  }
}

export type FirstStartAction = 'seeded' | 'demo' | 'data' | 'empty' | 'busy';

export interface FirstStartResult {
  /**
   * `seeded`: demo generated now; `demo`: the existing data set is the demo; `data`: real data;
   * `empty`: empty and demo disabled; `busy`: another process is generating the demo (PostgreSQL).
   */
  action: FirstStartAction;
  demo: DemoInfo | null;
}

/** How long a demo-seeding marker on a shared PostgreSQL may be before it counts as abandoned. */
const ABANDONED_MS = 60 * 60 * 1000;

/**
 * Start-up decision: generate the demo on an empty database (unless disabled), resume cleanly
 * after an interrupted first start, otherwise leave the data alone.
 */
export async function firstStart(
  database: Database,
  dataDir: string,
  noDemo: boolean,
  log: Log,
  opts: SeedOptions = {},
): Promise<FirstStartResult> {
  const db = database.db;
  const demo = await demoInfo(db);
  if (demo) return { action: 'demo', demo };
  const marker = await getMeta<{ startedAt: string; pid: number; host: string }>(db, DEMO_SEEDING_KEY);
  if (marker) {
    const age = Date.now() - Date.parse(marker.startedAt);
    // Embedded: the data-directory lock proves nobody else is seeding. PostgreSQL: another instance may be.
    if (database.kind === 'postgres' && age < ABANDONED_MS) {
      log(
        `Another SOT instance (${marker.host}, pid ${marker.pid}) is generating the demo data set; not seeding here.`,
      );
      return { action: 'busy', demo: null };
    }
    const others = await db.select({ username: users.username }).from(users);
    if (others.some((u) => !u.username.startsWith(DEMO_USER_PREFIX)))
      throw new AppError(
        ErrorIds.conflict,
        409,
        'An earlier demo set-up was interrupted, and the database also holds other users. Remove the partial demo by hand or start with an empty database.',
      );
    log('An earlier demo set-up was interrupted; starting it again.');
    await wipe(db);
  }
  if (!(await isEmpty(db))) return { action: 'data', demo: null };
  if (noDemo) return { action: 'empty', demo: null };
  if (!(await isDatabaseEmpty(db))) {
    // e.g. audit rows of earlier CLI use: not a fresh install, so no demo users are added to it.
    log('The database holds no users or registry data but is not empty; not generating the demo data set.');
    return { action: 'empty', demo: null };
  }
  const result = await seedDemo(database, dataDir, log, opts);
  return { action: 'seeded', demo: result.info };
}
