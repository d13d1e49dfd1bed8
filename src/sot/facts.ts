/**
 * Loads everything the checklist and the readiness board look at for a set of points in a fixed
 * number of queries (not one round per point): linked store and fuel station, organisation,
 * agreements, members (for counts only), test runs and financing.
 */
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { type servicePoints, sotAgreements, sotFinancing, sotTestRuns } from '../db/schema.js';
import type { SotPointRow } from './access.js';
import { type PowerFacts, powerFacts } from './design.js';
import { type Checklist, evaluateChecklist } from './lagstaniva.js';
import { isReachable, membersAndTrainingsOf, organisationsOf } from './organisation.js';
import { fuelDistance, gensetOf, linkedServicePoints } from './points.js';
import type { Activation, CommItem } from './schemas.js';

type ServicePointRow = typeof servicePoints.$inferSelect;

export interface PointFacts {
  row: SotPointRow;
  store: ServicePointRow | null;
  fuel: ServicePointRow | null;
  fuelDistanceM: number | null;
  organisation: { name: string; type: string } | null;
  agreements: (typeof sotAgreements.$inferSelect)[];
  members: { name: string; phone: string | null; email: string | null; roles: string[] }[];
  trainings: { memberId: number; course: string; expiresOn: string | null }[];
  testRuns: (typeof sotTestRuns.$inferSelect)[];
  financing: (typeof sotFinancing.$inferSelect)[];
  power: PowerFacts;
}

function groupBy<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k) ?? [];
    list.push(r);
    out.set(k, list);
  }
  return out;
}

/** Facts of each point, keyed by point id. */
export async function loadPointFacts(db: DbOrTx, rows: SotPointRow[]): Promise<Map<number, PointFacts>> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return new Map();
  const linked = await linkedServicePoints(
    db,
    rows.flatMap((r) => [r.storeId, r.fuelStationId]),
  );
  const orgs = await organisationsOf(db, ids);
  const { members, trainings } = await membersAndTrainingsOf(db, ids);
  const agreements = groupBy(
    await db
      .select()
      .from(sotAgreements)
      .where(inArray(sotAgreements.pointId, ids))
      .orderBy(sotAgreements.id),
    (a) => a.pointId,
  );
  const runs = groupBy(
    await db.select().from(sotTestRuns).where(inArray(sotTestRuns.pointId, ids)).orderBy(sotTestRuns.id),
    (r) => r.pointId,
  );
  const money = groupBy(
    await db.select().from(sotFinancing).where(inArray(sotFinancing.pointId, ids)).orderBy(sotFinancing.id),
    (f) => f.pointId,
  );
  const membersBy = groupBy(members, (m) => m.pointId);
  const trainingsBy = groupBy(trainings, (t) => t.pointId);
  const out = new Map<number, PointFacts>();
  for (const row of rows) {
    const store = (row.storeId !== null ? linked.get(row.storeId) : undefined) ?? null;
    const fuel = (row.fuelStationId !== null ? linked.get(row.fuelStationId) : undefined) ?? null;
    const org = orgs.get(row.id);
    out.set(row.id, {
      row,
      store,
      fuel,
      fuelDistanceM: fuelDistance(store, fuel),
      organisation: org ? { name: org.name, type: org.type } : null,
      agreements: agreements.get(row.id) ?? [],
      members: membersBy.get(row.id) ?? [],
      trainings: trainingsBy.get(row.id) ?? [],
      testRuns: runs.get(row.id) ?? [],
      financing: money.get(row.id) ?? [],
      power: powerFacts(row),
    });
  }
  return out;
}

/** The minimum-level checklist of one point from its loaded facts. */
export function checklistOf(f: PointFacts, today: string): Checklist {
  return evaluateChecklist({
    today,
    store: f.store ? { kind: f.store.kind, name: f.store.name, attributes: f.store.attributes } : null,
    fuel: f.fuel ? { kind: f.fuel.kind, name: f.fuel.name } : null,
    fuelDistanceM: f.fuelDistanceM,
    fuelMaxDistanceM: f.row.fuelMaxDistanceM,
    genset: gensetOf(f.row),
    requiredKva: f.power.requiredKva,
    inventoryCoversFuel: f.power.coversFuel,
    communication: f.row.communication as CommItem[],
    organisation: f.organisation,
    agreements: f.agreements,
    activation: (f.row.activation as Activation | null) ?? null,
    reachableMembers: f.members.filter(isReachable).length,
    minMembers: f.row.minMembers,
  });
}
