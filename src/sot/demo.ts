/**
 * Demo SOT-punkter in the imported demo region, so every SOT view shows something real:
 *
 * 1. `i_drift` and complete (all five minimum-level criteria met): the Kall pattern, a 70 kVA
 *    genset for store and fuel pumps plus a 50 kW hot-air unit that can heat the nearby school.
 * 2. `beviljad` and waiting for the container: 7.4/6b money granted (with the 10 % private share),
 *    the agreement still a draft, no genset yet.
 * 3. `ide` with gaps: a village store with no fuel station within 300 m and unknown assortment.
 *
 * Everything goes through the ordinary domain functions (validated and audited). The choice of
 * stores is deterministic (sorted ids); dates are relative to today, so the demo always has test
 * runs this month and agreements that are (or are about to be) up for renewal.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { servicePoints, sotPointGrants, sotPointOperators, sotPoints, users } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { updateServicePoint } from '../domain/service-points.js';
import { haversineMetres } from '../lib/geo.js';
import { designPower } from '../power/design.js';
import { KALL_EXAMPLE_ITEMS } from '../power/examples.js';
import type { Power } from '../shared/service-point.js';
import { createAgreement } from './agreements.js';
import { addDays, addMonths, monthStart, stockholmDate } from './dates.js';
import { createFinancing } from './financing.js';
import { addTransition } from './lifecycle.js';
import { createMember, createTraining, putOrganisation } from './organisation.js';
import { createPoint, updatePoint } from './points.js';
import type { SotStatus } from './schemas.js';
import { addMaintenance, addTestRun } from './test-runs.js';

type Sp = typeof servicePoints.$inferSelect;

/** Distance within which a fuel station counts as next to the store (the default limit). */
const NEAR_M = 300;
/** A school this close can be the heated gathering place; no other store this close = a village store. */
const LOCAL_M = 2000;
/** An idea-stage point links a fuel station only if one is at least this close (the gap shows). */
const IDEA_FUEL_M = 3000;

/** Phone numbers PTS reserves for fiction (070-17 406 00 – 070-17 406 99): never a real person. */
const fictionalPhone = (n: number) => `070-174 06 ${String(n).padStart(2, '0')}`;

const STORE_FACTS = {
  assortmentArticles: 1600,
  freshGroups: ['dairy', 'charcuterie', 'eggs', 'bread', 'fruit_vegetables'],
  yearRound: true,
  fixedPremises: true,
  turnoverBand: '5to10',
  staffingModel: 'staffed',
};

export interface DemoSotResult {
  created: boolean;
  pointIds: number[];
}

interface Pair {
  store: Sp;
  fuel: Sp;
  distance: number;
  school: Sp | null;
  /** No other grocery store within LOCAL_M: the village's only store, where SOT-punkter matter. */
  only: boolean;
}

const GROCERY = new Set(['grocery', 'convenience']);

function nearest(from: Sp, candidates: Sp[]): { point: Sp; distance: number } | null {
  let best: { point: Sp; distance: number } | null = null;
  for (const c of candidates) {
    const d = haversineMetres(from.lat, from.lon, c.lat, c.lon);
    if (!best || d < best.distance || (d === best.distance && c.id < best.point.id))
      best = { point: c, distance: d };
  }
  return best;
}

/** The municipality to put the demo in: the demo municipality user's, else the one with most pairs. */
async function demoMunicipality(db: Db, pairsByMuni: Map<string, Pair[]>): Promise<string | null> {
  const [u] = await db
    .select({ code: users.municipalityCode })
    .from(users)
    .where(and(eq(users.username, 'demo-municipality')));
  if (u?.code && (pairsByMuni.get(u.code)?.length ?? 0) >= 2) return u.code;
  let best: string | null = null;
  for (const [code, list] of [...pairsByMuni.entries()].sort(([a], [b]) => a.localeCompare(b)))
    if (best === null || list.length > (pairsByMuni.get(best)?.length ?? 0)) best = code;
  return best;
}

/**
 * The store's registry entry states the facts the SOT-punkt relies on, and its power supply as
 * the SOT-punkt has it, so the registry and the point never tell a reader two different stories.
 */
async function addStoreFacts(
  db: Db,
  actor: Actor,
  store: Sp,
  facts: Record<string, unknown>,
  power: Power,
): Promise<void> {
  await updateServicePoint(db, actor, store.id, {
    version: store.version,
    attributes: { ...store.attributes, ...facts },
    power,
  });
}

async function walk(db: Db, actor: Actor, pointId: number, steps: [SotStatus, string][]): Promise<void> {
  for (const [to, date] of steps) await addTransition(db, actor, pointId, { to, date });
}

async function userIdOf(db: Db, username: string): Promise<number | null> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u?.id ?? null;
}

/**
 * Creates the three demo points unless SOT-punkter exist already (then nothing happens).
 * Needs grocery stores and fuel stations in the registry; returns `created: false` without them.
 */
export async function seedDemoSotPoints(db: Db, actor: Actor): Promise<DemoSotResult> {
  const existing = await db.select({ id: sotPoints.id }).from(sotPoints).orderBy(asc(sotPoints.id));
  if (existing.length > 0) return { created: false, pointIds: existing.map((p) => p.id) };

  const all = await db
    .select()
    .from(servicePoints)
    .where(inArray(servicePoints.kind, ['grocery', 'convenience', 'fuel', 'school']))
    .orderBy(asc(servicePoints.id));
  const stores = all.filter((p) => GROCERY.has(p.kind) && p.municipalityCode !== null);
  const pairsByMuni = new Map<string, Pair[]>();
  const lonely: Sp[] = [];
  for (const store of stores) {
    const sameMuni = (kind: string) =>
      all.filter((p) => p.kind === kind && p.municipalityCode === store.municipalityCode);
    const fuel = nearest(store, sameMuni('fuel'));
    if (fuel && fuel.distance <= NEAR_M) {
      const school = nearest(store, sameMuni('school'));
      const otherStore = nearest(
        store,
        stores.filter((s) => s.id !== store.id),
      );
      const list = pairsByMuni.get(store.municipalityCode!) ?? [];
      list.push({
        store,
        fuel: fuel.point,
        distance: fuel.distance,
        school: school && school.distance <= LOCAL_M ? school.point : null,
        only: !otherStore || otherStore.distance > LOCAL_M,
      });
      pairsByMuni.set(store.municipalityCode!, list);
    } else lonely.push(store);
  }
  const muni = await demoMunicipality(db, pairsByMuni);
  if (!muni) return { created: false, pointIds: [] };
  // A village's only store with a school nearby first: the Kall pattern. Then by id, for determinism.
  const rank = (p: Pair) => Number(p.only) * 2 + Number(p.school !== null);
  const pairs = [...(pairsByMuni.get(muni) ?? [])].sort(
    (a, b) => rank(b) - rank(a) || a.store.id - b.store.id,
  );
  const today = stockholmDate();
  const ids: number[] = [];

  const complete = pairs[0];
  if (complete) ids.push(await seedComplete(db, actor, complete, today));
  const granted = pairs[1];
  if (granted) ids.push(await seedGranted(db, actor, granted, today));
  const idea = lonely.find((s) => s.municipalityCode === muni) ?? lonely[0];
  if (idea) {
    const fuelAnywhere = nearest(
      idea,
      all.filter((p) => p.kind === 'fuel' && p.municipalityCode === idea.municipalityCode),
    );
    const fuel = fuelAnywhere && fuelAnywhere.distance <= IDEA_FUEL_M ? fuelAnywhere.point : null;
    ids.push(await seedIdea(db, actor, idea, fuel));
  }
  return { created: ids.length > 0, pointIds: ids };
}

async function seedComplete(db: Db, actor: Actor, pair: Pair, today: string): Promise<number> {
  const installedDate = addMonths(today, -14);
  // The tank the design sizes for 72 h at the expected must-run load, so autonomy meets the target.
  const sized = designPower({ items: KALL_EXAMPLE_ITEMS, installedGensetKva: 70, targetHours: 72 });
  const tankLitres = sized.tank?.litres ?? 2000;
  await addStoreFacts(db, actor, pair.store, STORE_FACTS, {
    type: 'backup',
    kva: 70,
    fuelLitres: tankLitres,
    fuel: 'diesel',
  });
  const place = pair.store.name.replace(/^(Byhandeln|Fjällköp Nära|Fjällköp|Lanthörnan)\s+/, '');
  const point = await createPoint(db, actor, {
    name: `SOT-punkt ${place}`,
    storeId: pair.store.id,
    fuelStationId: pair.fuel.id,
    establishmentModel: 'pilotort',
    genset: {
      installed: true,
      kva: 70,
      phases: 3,
      fuelTankLitres: tankLitres,
      installedDate,
      containerSize: '20ft',
      fuel: 'diesel',
      note: 'Varmluftsaggregat 50 kW i containern, kanaliserat till samlingslokalen.',
    },
    loadInventory: { items: KALL_EXAMPLE_ITEMS, heaterInContainer: true },
    targetAutonomyHours: 72,
    communication: [
      { type: 'rakel', count: 1, note: 'Rakel-terminal i butikens kontor' },
      { type: 'satellite_phone', count: 1 },
      { type: 'notice_board', count: 1, note: 'Anslagstavla vid entrén, tänd på reservkraft' },
      { type: 'charging_station', count: 2 },
      { type: 'wifi_backup', count: 1 },
    ],
    localFunctions: [
      {
        type: 'heated_gathering_place',
        description: pair.school
          ? `${pair.school.name} värms med varmluftsaggregatet från containern och är samlingslokal.`
          : 'Bygdegården värms med varmluftsaggregatet från containern och är samlingslokal.',
        servicePointId: pair.school?.id ?? null,
      },
      { type: 'water', description: 'Dricksvatten i dunk från butikens lager och kommunens nödvattentank.' },
      { type: 'cash', description: 'Kontantuttag i kassan vid strömavbrott.' },
    ],
    activation: {
      text:
        'Kommunens tjänsteman i beredskap (TiB) aktiverar SOT-punkten och ringer aktiveringsledaren. ' +
        'Aktiveringsledaren startar kontaktträdet, aggregatskötaren kopplar över butik och pumpar till ' +
        'reservkraft, anslagstavlan uppdateras och Rakel-terminalen bemannas.',
      documentRef: 'Dnr KS 2024/117, Aktiveringsrutin SOT-punkt',
      lastReviewed: addMonths(today, -3),
    },
    note: 'Demo: komplett SOT-punkt enligt lägstanivå.',
  });
  const id = point.id;

  await putOrganisation(db, actor, id, {
    type: 'frg',
    name: `FRG ${place}`,
    contactName: 'Karin Lindqvist',
    contactPhone: fictionalPhone(1),
    note: 'Utsedd av kommunen tillsammans med Civilförsvarsförbundet.',
  });
  const leader = await createMember(db, actor, id, {
    name: 'Karin Lindqvist',
    phone: fictionalPhone(1),
    roles: ['aktiveringsledare'],
    competences: ['ledarskap'],
  });
  const deputy = await createMember(db, actor, id, {
    name: 'Per-Olof Sundin',
    phone: fictionalPhone(2),
    roles: ['ersattare', 'radio_rakel'],
    competences: ['rakel'],
    calledBy: leader.id,
  });
  const genset = await createMember(db, actor, id, {
    name: 'Mats Eriksson',
    phone: fictionalPhone(3),
    roles: ['aggregatskotare', 'elektriker_starkstrom'],
    competences: ['elbehörighet', 'starkström'],
    calledBy: leader.id,
    callOrder: 1,
  });
  const nurse = await createMember(db, actor, id, {
    name: 'Lena Holm',
    phone: fictionalPhone(4),
    email: 'lena.holm@example.se',
    roles: ['sjukvard', 'information'],
    competences: ['sjuksköterska'],
    calledBy: deputy.id,
  });
  for (const m of [leader, deputy, genset, nurse])
    await createTraining(db, actor, id, {
      memberId: m.id,
      course: 'frg_grundutbildning',
      completedOn: addMonths(today, -20),
      expiresOn: addMonths(today, 40),
      provider: 'Civilförsvarsförbundet',
    });
  await createTraining(db, actor, id, {
    memberId: genset.id,
    course: 'aggregat',
    completedOn: addMonths(today, -13),
    expiresOn: addMonths(today, 11),
    provider: 'Leverantören',
  });
  // An expired HLR course shows the expiry flag.
  await createTraining(db, actor, id, {
    memberId: nurse.id,
    course: 'hlr',
    completedOn: addMonths(today, -26),
    expiresOn: addMonths(today, -2),
  });

  await createAgreement(db, actor, id, {
    type: 'driftavtal_butik',
    title: 'Driftavtal SOT-punkt',
    parties: ['Kommunen', pair.store.name],
    startDate: addMonths(today, -15),
    endDate: addMonths(today, 33),
    noticeMonths: 6,
    status: 'signed',
    signedDate: addMonths(today, -15),
  });
  // Ends in five months with three months' notice: the renewal reminder is due now.
  await createAgreement(db, actor, id, {
    type: 'avtal_frg',
    title: 'Avtal med frivillig resursgrupp',
    parties: ['Kommunen', `FRG ${place}`],
    startDate: addMonths(today, -31),
    endDate: addMonths(today, 5),
    noticeMonths: 3,
    status: 'signed',
    signedDate: addMonths(today, -31),
  });
  await createAgreement(db, actor, id, {
    type: 'underhall',
    title: 'Serviceavtal reservkraft',
    parties: ['Kommunen', 'Aggregatservice Norr AB'],
    startDate: installedDate,
    endDate: addMonths(installedDate, 36),
    noticeMonths: 3,
    status: 'signed',
    signedDate: installedDate,
  });
  await createFinancing(db, actor, id, {
    programme: 'landsbygdsprogrammet_7_4_6b',
    applicant: 'Kommunen',
    status: 'beviljad',
    applicationDate: addMonths(today, -26),
    appliedAmount: 900_000,
    grantedAmount: 810_000,
    decisionDate: addMonths(today, -21),
    decisionRef: 'Lst 2024-1234',
    totalEligibleCost: 900_000,
    privateCofinancing: 90_000,
    payoutStatus: 'utbetalt',
    paidAmount: 810_000,
  });

  // Commissioning run, last month's and this month's 4 h runs, and this year's 12 h full-load run.
  await addTestRun(db, actor, id, { date: installedDate, durationHours: 2, loadPercent: 60, passed: true });
  await addTestRun(db, actor, id, {
    date: addMonths(today, -2),
    durationHours: 12.5,
    loadPercent: 100,
    fullLoad: true,
    fuelUsedLitres: 190,
    passed: true,
    problems: 'Lastbank användes. Inga anmärkningar.',
  });
  await addTestRun(db, actor, id, {
    date: monthStart(addMonths(today, -1)),
    durationHours: 4,
    loadPercent: 45,
    passed: true,
  });
  await addTestRun(db, actor, id, {
    date: monthStart(today),
    durationHours: 4,
    loadPercent: 40,
    passed: true,
  });
  await addMaintenance(db, actor, id, {
    type: 'service',
    date: addMonths(today, -2),
    note: 'Årsservice enligt avtal.',
  });
  await addMaintenance(db, actor, id, { type: 'oil', date: addMonths(today, -2) });
  await addMaintenance(db, actor, id, { type: 'filters', date: addMonths(today, -2) });

  await walk(db, actor, id, [
    ['utredning', addMonths(today, -30)],
    ['beslut', addMonths(today, -28)],
    ['ansokan', addMonths(today, -26)],
    ['beviljad', addMonths(today, -21)],
    ['upphandlad', addMonths(today, -18)],
    ['levererad', addMonths(today, -15)],
    ['i_drift', addDays(installedDate, 1)],
  ]);

  const operator = await userIdOf(db, 'demo-operator');
  if (operator !== null)
    await db.insert(sotPointOperators).values({ pointId: id, userId: operator }).onConflictDoNothing();
  const viewer = await userIdOf(db, 'demo-viewer');
  if (viewer !== null)
    await db.insert(sotPointGrants).values({ pointId: id, userId: viewer }).onConflictDoNothing();
  return id;
}

async function seedGranted(db: Db, actor: Actor, pair: Pair, today: string): Promise<number> {
  // The container is not delivered yet: the store runs on the grid alone.
  await addStoreFacts(
    db,
    actor,
    pair.store,
    { ...STORE_FACTS, assortmentArticles: 1100, turnoverBand: '2to5' },
    { type: 'grid' },
  );
  const place = pair.store.name.replace(/^(Byhandeln|Fjällköp Nära|Fjällköp|Lanthörnan)\s+/, '');
  const items = KALL_EXAMPLE_ITEMS.filter((i) => i.deviceType !== 'hot_air_electric');
  const planned = designPower({ items, targetHours: 72 });
  const point = await createPoint(db, actor, {
    name: `SOT-punkt ${place}`,
    storeId: pair.store.id,
    fuelStationId: pair.fuel.id,
    establishmentModel: 'riskanalys',
    genset: {
      installed: false,
      kva: planned.genset?.kva ?? 60,
      phases: 3,
      fuelTankLitres: planned.tank?.litres ?? 1500,
      containerSize: planned.container?.size ?? '10ft',
      note: 'Container upphandlad, leverans väntas.',
    },
    loadInventory: { items },
    communication: [{ type: 'notice_board', count: 1 }],
    note: 'Demo: beviljad, väntar på containern.',
  });
  const id = point.id;
  await createFinancing(db, actor, id, {
    programme: 'landsbygdsprogrammet_7_4_6b',
    applicant: 'Kommunen',
    status: 'beviljad',
    applicationDate: addMonths(today, -5),
    appliedAmount: 765_000,
    grantedAmount: 765_000,
    decisionDate: addMonths(today, -1),
    decisionRef: 'Lst 2025-0456',
    totalEligibleCost: 850_000,
    privateCofinancing: 85_000,
    payoutStatus: 'ej_utbetalt',
    note: 'Privat medfinansiering från bygdeföreningen och butiken.',
  });
  await createAgreement(db, actor, id, {
    type: 'driftavtal_butik',
    title: 'Driftavtal SOT-punkt (utkast)',
    parties: ['Kommunen', pair.store.name],
    startDate: addMonths(today, 2),
    endDate: addMonths(today, 50),
    noticeMonths: 6,
    status: 'draft',
  });
  await putOrganisation(db, actor, id, { type: 'byalag', name: `${place} bygdeförening` });
  await createMember(db, actor, id, {
    name: 'Sven Nordin',
    phone: fictionalPhone(11),
    roles: ['aktiveringsledare'],
  });
  await createMember(db, actor, id, { name: 'Maria Berg', phone: fictionalPhone(12), roles: ['ersattare'] });
  await walk(db, actor, id, [
    ['utredning', addMonths(today, -9)],
    ['beslut', addMonths(today, -7)],
    ['ansokan', addMonths(today, -5)],
    ['beviljad', addMonths(today, -1)],
  ]);
  return id;
}

async function seedIdea(db: Db, actor: Actor, store: Sp, fuel: Sp | null): Promise<number> {
  const place = store.name
    .replace(/\s+Lanthandel$/, '')
    .replace(/^(Byhandeln|Fjällköp Nära|Fjällköp)\s+/, '');
  const point = await createPoint(db, actor, {
    name: `SOT-punkt ${place} (idé)`,
    storeId: store.id,
    fuelStationId: fuel?.id ?? null,
    establishmentModel: 'lokalt_initiativ',
    note: 'Demo: byborna vill ha en SOT-punkt; närmaste mack ligger långt bort.',
  });
  await updatePoint(db, actor, point.id, {
    version: point.version,
    localFunctions: [{ type: 'parcel_agent', description: 'Paketombud i butiken.' }],
  });
  return point.id;
}
