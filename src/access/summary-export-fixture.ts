/**
 * Test support: a finished accessibility run with summaries written straight into the database,
 * for tests that need a run to read (the route matrix, the export tests) without a road graph.
 * Its graph `test` does not exist in their data directory, so reading it marks it stale.
 */
import type { Db } from '../db/client.js';
import { accessRuns, accessSummaries } from '../db/schema.js';
import { registrySnapshot } from './inputs.js';
import { type SummaryItem, summarise } from './summary.js';

/** Per municipality: resident and seasonal people and the minutes to the nearest grocery. */
export interface FixtureTerritory {
  code: string;
  people: { resident: number; seasonal: number; minutes: number | null }[];
}

const items = (t: FixtureTerritory, weight: 'resident' | 'seasonal'): SummaryItem[] =>
  t.people.map((p) => ({
    weight: p[weight],
    time1: p.minutes === null ? null : p.minutes * 60,
    time2: p.minutes === null ? null : p.minutes * 60 + 900,
    status: p.minutes === null ? 'unreachable' : 'ok',
    bridge: false,
    singleLink: p.minutes !== null && p.minutes > 20,
  }));

/** Default: two places in each municipality, one near and one far, more people in the season. */
export const defaultFixtureTerritory = (code: string): FixtureTerritory => ({
  code,
  people: [
    { resident: 300, seasonal: 450, minutes: 3 },
    { resident: 100, seasonal: 400, minutes: 25 },
  ],
});

/**
 * Inserts a finished run over group `grocery` with municipality and county summaries of
 * `territories` (codes, or full descriptions) and returns its id.
 */
export async function insertFinishedTestRun(
  db: Db,
  territories: readonly (string | FixtureTerritory)[],
): Promise<number> {
  const list = territories.map((t) => (typeof t === 'string' ? defaultFixtureTerritory(t) : t));
  const now = new Date();
  const [run] = await db
    .insert(accessRuns)
    .values({
      graphName: 'test',
      graphVersion: 'fixture',
      registrySnapshot: (await registrySnapshot(db)) as unknown as Record<string, unknown>,
      kindGroups: [['grocery', ['grocery']]],
      maxSnapMetres: 5000,
      status: 'done',
      phase: 'done',
      progress: 1,
      startedAt: now,
      finishedAt: now,
      heartbeatAt: now,
    })
    .returning({ id: accessRuns.id });
  const counties = new Map<string, FixtureTerritory>();
  for (const t of list) {
    const c = t.code.slice(0, 2);
    const sum = counties.get(c) ?? { code: c, people: [] };
    sum.people.push(...t.people);
    counties.set(c, sum);
  }
  const rows = [
    ...list.map((t) => ({ level: 'municipality', t })),
    ...[...counties.values()].map((t) => ({ level: 'county', t })),
  ];
  await db.insert(accessSummaries).values(
    rows.map(({ level, t }) => ({
      runId: run.id,
      level,
      code: t.code,
      kindGroup: 'grocery',
      resident: summarise(items(t, 'resident')) as unknown as Record<string, unknown>,
      seasonal: summarise(items(t, 'seasonal')) as unknown as Record<string, unknown>,
    })),
  );
  return run.id;
}
