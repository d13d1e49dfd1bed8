/**
 * Reading accessibility results, always through the reader's territory: summaries of the
 * municipalities (and counties) they may read, the population points inside their scope, and one
 * point with its nearest services. Operators see nothing here (their scope is assigned service
 * points only); the routes refuse them by role already.
 *
 * The services named in results (nearest, second) are shown whatever their municipality: a
 * resident's nearest store across the border is the point of the analysis, and service points are
 * the open registry. The `sot` group is different (SOT-punkter are civil-defence information):
 * only administrators, county and municipality users see it, and a SOT-punkt is named only to
 * readers who may read it; the rules are in ./sot-visibility.ts.
 */
import { and, asc, between, eq, like, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';
import {
  accessPoints,
  accessResults,
  accessSummaries,
  counties,
  municipalities,
  places,
  populationCells,
  servicePoints,
  sotPoints,
} from '../db/schema.js';
import { type Actor, canReadTerritory, readScope } from '../domain/actor.js';
import { escapeLike, territoryCondition } from '../domain/registry-common.js';
import { notFound, validationError } from '../errors.js';
import {
  type AccessResult,
  type AccessRunView,
  type AccessSummaryRow,
  type PointAccess,
  SOT_GROUP,
  type WeightedSummary,
} from '../shared/access.js';
import { runForRead, runView } from './runs.js';
import { maySeeSotGroup, readableSotPoints, visibleGroups } from './sot-visibility.js';
import { groupsOf } from './store.js';

export interface SummaryQuery {
  group?: string;
  municipality?: string;
  county?: string;
  run?: number;
}

/** May the actor read a county-level summary? Only whole-county (or national) readers. */
function canReadCounty(actor: Actor, code: string): boolean {
  const scope = readScope(actor);
  return scope.type === 'all' || (scope.type === 'county' && scope.countyCode === code);
}

/**
 * Summaries of the newest finished run (or `run`) per municipality and county, limited to what the
 * actor may read; `run: null` when no run has finished yet.
 */
export async function getAccessSummary(
  db: DbOrTx,
  actor: Actor,
  dataDir: string,
  q: SummaryQuery = {},
): Promise<{ run: AccessRunView | null; rows: AccessSummaryRow[] }> {
  const row = await runForRead(db, actor, q.run, q.group);
  if (!row) return { run: null, rows: [] };
  const conditions: (SQL | undefined)[] = [eq(accessSummaries.runId, row.id)];
  if (q.group) conditions.push(eq(accessSummaries.kindGroup, q.group));
  if (!maySeeSotGroup(actor)) conditions.push(ne(accessSummaries.kindGroup, SOT_GROUP));
  if (q.municipality)
    conditions.push(
      sql`((${accessSummaries.level} = 'municipality' and ${accessSummaries.code} = ${q.municipality}) or (${accessSummaries.level} = 'county' and ${accessSummaries.code} = ${q.municipality.slice(0, 2)}))`,
    );
  if (q.county) conditions.push(like(accessSummaries.code, `${escapeLike(q.county)}%`));
  const rows = await db
    .select({
      level: accessSummaries.level,
      code: accessSummaries.code,
      group: accessSummaries.kindGroup,
      resident: accessSummaries.resident,
      seasonal: accessSummaries.seasonal,
      municipalityName: municipalities.name,
      countyName: counties.name,
    })
    .from(accessSummaries)
    .leftJoin(
      municipalities,
      and(eq(accessSummaries.level, 'municipality'), eq(municipalities.code, accessSummaries.code)),
    )
    .leftJoin(counties, and(eq(accessSummaries.level, 'county'), eq(counties.code, accessSummaries.code)))
    .where(and(...conditions))
    .orderBy(asc(accessSummaries.kindGroup), asc(accessSummaries.level), asc(accessSummaries.code));
  const visible = rows.filter((r) =>
    r.level === 'municipality' ? canReadTerritory(actor, r.code) : canReadCounty(actor, r.code),
  );
  return {
    run: await runView(db, dataDir, row, actor),
    rows: visible.map((r) => ({
      level: r.level as 'municipality' | 'county',
      code: r.code,
      name: (r.level === 'municipality' ? r.municipalityName : r.countyName) ?? null,
      group: r.group,
      resident: r.resident as unknown as WeightedSummary,
      seasonal: r.seasonal as unknown as WeightedSummary,
    })),
  };
}

export interface ResultsQuery {
  group: string;
  bbox?: [number, number, number, number];
  municipality?: string;
  county?: string;
  run?: number;
  /** Default 100 000. */
  limit?: number;
}

// A result's nearest/second is a service point, or in the `sot` group a SOT-punkt (and its store).
const nearest = alias(servicePoints, 'nearest_sp');
const second = alias(servicePoints, 'second_sp');
const nearestSot = alias(sotPoints, 'nearest_sot');
const secondSot = alias(sotPoints, 'second_sot');
const nearestSotStore = alias(servicePoints, 'nearest_sot_store');
const secondSotStore = alias(servicePoints, 'second_sot_store');
const isSot = eq(accessResults.kindGroup, SOT_GROUP);
const notSot = ne(accessResults.kindGroup, SOT_GROUP);

/** Population points of one group with times, inside the actor's territory (map layer, exports). */
export async function getAccessResults(
  db: DbOrTx,
  actor: Actor,
  dataDir: string,
  q: ResultsQuery,
): Promise<{ run: AccessRunView | null; group: string; items: AccessResult[]; truncated: boolean }> {
  const row = await runForRead(db, actor, q.run, q.group);
  if (!row) return { run: null, group: q.group, items: [], truncated: false };
  const limit = q.limit ?? 100_000;
  const parts: (SQL | undefined)[] = [
    eq(accessPoints.runId, row.id),
    territoryCondition(readScope(actor), accessPoints.municipalityCode),
  ];
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    parts.push(between(accessPoints.lon, minLon, maxLon), between(accessPoints.lat, minLat, maxLat));
  }
  if (q.municipality) parts.push(eq(accessPoints.municipalityCode, q.municipality));
  if (q.county) parts.push(like(accessPoints.municipalityCode, `${escapeLike(q.county)}%`));
  const rows = await db
    .select({
      p: accessPoints,
      r: accessResults,
      nearestName: nearest.name,
      secondName: second.name,
      nearestSotName: nearestSot.name,
      secondSotName: secondSot.name,
    })
    .from(accessPoints)
    .innerJoin(
      accessResults,
      and(
        eq(accessResults.runId, accessPoints.runId),
        eq(accessResults.pointIdx, accessPoints.idx),
        eq(accessResults.kindGroup, q.group),
      ),
    )
    .leftJoin(nearest, and(eq(nearest.id, accessResults.nearestId), notSot))
    .leftJoin(second, and(eq(second.id, accessResults.secondId), notSot))
    .leftJoin(nearestSot, and(eq(nearestSot.id, accessResults.nearestId), isSot))
    .leftJoin(secondSot, and(eq(secondSot.id, accessResults.secondId), isSot))
    .where(and(...parts))
    .orderBy(asc(accessPoints.idx))
    .limit(limit + 1);
  const truncated = rows.length > limit;
  const shown = rows.slice(0, limit);
  const sot = q.group === SOT_GROUP;
  const named = new Set<number | null>();
  if (sot) for (const { r } of shown) named.add(r.nearestId).add(r.secondId);
  const readable = sot ? await readableSotPoints(db, actor, named) : () => true;
  const hidden = (id: number | null) => id !== null && !readable(id);
  return {
    run: await runView(db, dataDir, row, actor),
    group: q.group,
    truncated,
    items: shown.map(({ p, r, ...names }) => {
      const nearestHidden = hidden(r.nearestId);
      const secondHidden = hidden(r.secondId);
      return {
        ref: p.ref,
        type: p.type as 'cell' | 'place',
        name: p.name,
        lat: p.lat,
        lon: p.lon,
        population: p.population,
        seasonalPopulation: p.seasonalPopulation,
        municipalityCode: p.municipalityCode,
        group: r.kindGroup,
        status: r.status as AccessResult['status'],
        time1S: r.time1S,
        dist1M: r.dist1M,
        nearestId: nearestHidden ? null : r.nearestId,
        nearestName: nearestHidden ? null : ((sot ? names.nearestSotName : names.nearestName) ?? null),
        nearestHidden,
        time2S: r.time2S,
        dist2M: r.dist2M,
        secondId: secondHidden ? null : r.secondId,
        secondName: secondHidden ? null : ((sot ? names.secondSotName : names.secondName) ?? null),
        secondHidden,
        bridgeDependent: r.bridgeDependent,
        singleLinkDependent: r.singleLink,
      };
    }),
  };
}

/** The results as a GeoJSON FeatureCollection of points (properties as in the JSON form). */
export function resultsToGeoJson(res: Awaited<ReturnType<typeof getAccessResults>>) {
  return {
    type: 'FeatureCollection' as const,
    features: res.items.map((item) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [item.lon, item.lat] as [number, number] },
      properties: item,
    })),
    run: res.run,
    group: res.group,
    truncated: res.truncated,
  };
}

/** `place:12` / `cell:1km_480000_6880000` → its kind and key; 400 for anything else. */
export function parsePointRef(ref: string): { type: 'place'; id: number } | { type: 'cell'; gridId: string } {
  const m = /^(place|cell):(.+)$/.exec(ref);
  if (m?.[1] === 'place' && /^\d{1,9}$/.test(m[2])) return { type: 'place', id: Number(m[2]) };
  if (m?.[1] === 'cell' && m[2].length <= 100) return { type: 'cell', gridId: m[2] };
  throw validationError('Invalid population point reference', [
    { field: 'ref', reason: 'expected place:<id> or cell:<grid id>' },
  ]);
}

/**
 * One place or population cell and, from the newest finished run (or `run`) that contains it, its
 * nearest and second-nearest service per group. A point the actor may not read is a 404; a point
 * the run did not use (e.g. a place in a municipality analysed by grid cells) has no groups.
 */
export async function getPointAccess(
  db: DbOrTx,
  actor: Actor,
  dataDir: string,
  ref: string,
  opts: { run?: number } = {},
): Promise<PointAccess> {
  const parsed = parsePointRef(ref);
  let point: Omit<PointAccess['point'], 'snapM'>;
  if (parsed.type === 'place') {
    const [p] = await db.select().from(places).where(eq(places.id, parsed.id));
    if (!p || !canReadTerritory(actor, p.municipalityCode)) throw notFound(`Place ${parsed.id}`);
    point = {
      ref: `place:${p.id}`,
      type: 'place',
      name: p.name,
      lat: p.lat,
      lon: p.lon,
      population: p.population,
      seasonalPopulation: p.seasonalPopulation,
      municipalityCode: p.municipalityCode,
    };
  } else {
    const [c] = await db.select().from(populationCells).where(eq(populationCells.gridId, parsed.gridId));
    if (!c || !canReadTerritory(actor, c.municipalityCode))
      throw notFound(`Population cell ${parsed.gridId}`);
    point = {
      ref: `cell:${c.gridId}`,
      type: 'cell',
      name: null,
      lat: c.lat,
      lon: c.lon,
      population: c.population,
      seasonalPopulation: c.population,
      municipalityCode: c.municipalityCode,
    };
  }
  const row = await runForRead(db, actor, opts.run);
  if (!row) return { run: null, point: { ...point, snapM: null }, groups: [] };
  const [inRun] = await db
    .select()
    .from(accessPoints)
    .where(and(eq(accessPoints.runId, row.id), eq(accessPoints.ref, point.ref)));
  const run = await runView(db, dataDir, row, actor);
  if (!inRun) return { run, point: { ...point, snapM: null }, groups: [] };
  const results = await db
    .select({
      r: accessResults,
      n: nearest,
      s: second,
      nSotName: nearestSot.name,
      sSotName: secondSot.name,
      nStoreLat: nearestSotStore.lat,
      nStoreLon: nearestSotStore.lon,
      sStoreLat: secondSotStore.lat,
      sStoreLon: secondSotStore.lon,
    })
    .from(accessResults)
    .leftJoin(nearest, and(eq(nearest.id, accessResults.nearestId), notSot))
    .leftJoin(second, and(eq(second.id, accessResults.secondId), notSot))
    .leftJoin(nearestSot, and(eq(nearestSot.id, accessResults.nearestId), isSot))
    .leftJoin(secondSot, and(eq(secondSot.id, accessResults.secondId), isSot))
    .leftJoin(nearestSotStore, eq(nearestSotStore.id, nearestSot.storeId))
    .leftJoin(secondSotStore, eq(secondSotStore.id, secondSot.storeId))
    .where(
      and(
        eq(accessResults.runId, row.id),
        eq(accessResults.pointIdx, inRun.idx),
        maySeeSotGroup(actor) ? undefined : notSot,
      ),
    )
    .orderBy(asc(accessResults.kindGroup));
  const readable = await readableSotPoints(
    db,
    actor,
    results.filter(({ r }) => r.kindGroup === SOT_GROUP).flatMap(({ r }) => [r.nearestId, r.secondId]),
  );
  type Named = { name: string | null; kind: string | null; lat: number | null; lon: number | null };
  const service = (
    sot: boolean,
    id: number | null,
    time: number | null,
    dist: number | null,
    found: Named | null,
  ): PointAccess['groups'][number]['nearest'] => {
    if (id === null || time === null) return null;
    const base = { timeS: time, distM: dist ?? 0 };
    if (sot && !readable(id))
      return { id: null, name: null, kind: null, lat: null, lon: null, ...base, hidden: true };
    return {
      id,
      name: found?.name ?? null,
      kind: found?.kind ?? null,
      lat: found?.lat ?? null,
      lon: found?.lon ?? null,
      ...base,
      hidden: false,
    };
  };
  const sotNamed = (name: string | null, lat: number | null, lon: number | null): Named | null =>
    name === null ? null : { name, kind: SOT_GROUP, lat, lon };
  const groups = visibleGroups(actor, groupsOf(row));
  const order = Object.keys(groups);
  results.sort((a, b) => order.indexOf(a.r.kindGroup) - order.indexOf(b.r.kindGroup));
  return {
    run,
    point: { ...point, snapM: inRun.snapM },
    groups: results.map(({ r, n, s, ...x }) => {
      const sot = r.kindGroup === SOT_GROUP;
      const nSot = sotNamed(x.nSotName, x.nStoreLat, x.nStoreLon);
      const sSot = sotNamed(x.sSotName, x.sStoreLat, x.sStoreLon);
      return {
        group: r.kindGroup,
        kinds: groups[r.kindGroup] ?? [],
        status: r.status as AccessResult['status'],
        nearest: service(sot, r.nearestId, r.time1S, r.dist1M, sot ? nSot : n),
        second: service(sot, r.secondId, r.time2S, r.dist2M, sot ? sSot : s),
        bridgeDependent: r.bridgeDependent,
        singleLinkDependent: r.singleLink,
      };
    }),
  };
}
