/**
 * Who sees what of the `sot` group. SOT-punkter are civil-defence information (the role table in
 * src/sot/access.ts), so the group's results follow stricter rules than the open registry's:
 *
 * - The group itself (its summaries, results layer, point answers, XLSX sheet, its entry in a
 *   run's groups, stats and registry snapshot) exists only for administrators, county and
 *   municipality users. For operators and viewers it does not exist: asking for it is a 404 (not
 *   a 403: existence is not confirmed), lists leave it out, and a run made stale by SOT-punkter
 *   says only that other inputs changed.
 * - Which SOT-punkt is someone's nearest or second-nearest (id, name, position) is shown only when
 *   the reader may read that point (`pointScopeCondition`). A municipality user sees the minutes
 *   to the neighbouring municipality's point, but not which point it is (`hidden`).
 *
 * Population points are filtered by territory exactly as for every other group (./queries.ts).
 */
import { and, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { sotPoints } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { notFound } from '../errors.js';
import { type AccessConfig, type AccessRunView, SOT_GROUP } from '../shared/access.js';
import type { Role } from '../shared/kinds.js';
import { pointScopeCondition } from '../sot/access.js';
import { analysisGroups } from './config.js';
import { SOT_POINTS_CHANGED } from './inputs.js';

/** The stale reason of a changed status set in the configuration. */
export const SOT_STATUSES_CHANGED = 'SOT-punkt statuses changed';

/** What readers without the `sot` group see instead of a SOT-related stale reason. */
export const OTHER_INPUTS_CHANGED = 'other inputs changed';

const SOT_REASONS = new Set([SOT_POINTS_CHANGED, SOT_STATUSES_CHANGED]);

const SOT_GROUP_ROLES: readonly Role[] = ['admin', 'county', 'municipality'];

/** May the actor see the `sot` group at all? */
export function maySeeSotGroup(actor: Actor): boolean {
  return SOT_GROUP_ROLES.includes(actor.role);
}

/**
 * Refuses a group the actor may not know of.
 *
 * @throws AppError `not_found` for the `sot` group and an operator or viewer.
 */
export function requireVisibleGroup(actor: Actor, group: string | undefined): void {
  if (group === SOT_GROUP && !maySeeSotGroup(actor)) throw notFound(`Service group ${group}`);
}

/** Keys of the groups a run computes (./config.ts) that the actor may read results of. */
export function readableGroupKeys(actor: Actor, config: AccessConfig): string[] {
  return Object.keys(visibleGroups(actor, analysisGroups(config)));
}

/** The entries of `groups` the actor may see, in their order. */
export function visibleGroups<T>(actor: Actor, groups: Record<string, T>): Record<string, T> {
  if (maySeeSotGroup(actor) || !(SOT_GROUP in groups)) return groups;
  const { [SOT_GROUP]: _hidden, ...rest } = groups;
  return rest;
}

/** Whether the actor may read a SOT-punkt, by id (a deleted point is readable to no one but admins). */
export type SotReadable = (id: number) => boolean;

/**
 * Which of `ids` the actor may read, as a predicate (one query over the few ids asked about).
 * Administrators read every point, deleted ones included (their id is no secret to them).
 */
export async function readableSotPoints(
  db: DbOrTx,
  actor: Actor,
  ids: Iterable<number | null>,
): Promise<SotReadable> {
  if (actor.role === 'admin') return () => true;
  if (!maySeeSotGroup(actor)) return () => false;
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))];
  if (wanted.length === 0) return () => false;
  const rows = await db
    .select({ id: sotPoints.id })
    .from(sotPoints)
    .where(and(inArray(sotPoints.id, wanted), pointScopeCondition(db, actor)));
  const readable = new Set(rows.map((r) => r.id));
  return (id) => readable.has(id);
}

/**
 * A run as the actor may see it: without the `sot` group (groups, stats, snapshot, stale reasons)
 * for readers who may not see it, and with only the SOT-punkt ids they may read in its stats.
 */
export async function runForReader(db: DbOrTx, actor: Actor, run: AccessRunView): Promise<AccessRunView> {
  if (actor.role === 'admin') return run;
  const sotStats = run.stats?.services[SOT_GROUP];
  if (maySeeSotGroup(actor)) {
    if (!run.stats || !sotStats) return run;
    const ids = [...sotStats.unsnappedIds, ...(sotStats.withoutStoreIds ?? [])];
    const readable = await readableSotPoints(db, actor, ids);
    const services = {
      ...run.stats.services,
      [SOT_GROUP]: {
        ...sotStats,
        unsnappedIds: sotStats.unsnappedIds.filter(readable),
        ...(sotStats.withoutStoreIds ? { withoutStoreIds: sotStats.withoutStoreIds.filter(readable) } : {}),
      },
    };
    return { ...run, stats: { ...run.stats, services } };
  }
  const { sotPoints: _sot, ...snapshot } = run.snapshot;
  const reasons = run.staleReasons.map((r) => (SOT_REASONS.has(r) ? OTHER_INPUTS_CHANGED : r));
  return {
    ...run,
    groups: visibleGroups(actor, run.groups),
    snapshot,
    stats: run.stats ? { ...run.stats, services: visibleGroups(actor, run.stats.services) } : null,
    staleReasons: [...new Set(reasons)],
  };
}
