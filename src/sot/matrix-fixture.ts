/**
 * SOT-punkter for the route access matrix (src/server/route-matrix.test.ts): one point in the
 * "own" municipality (op2321 assigned, viewer2321 granted) and one in the "other", each complete
 * enough for every read route, plus factories for fresh points and items so one role's delete does
 * not change the next role's answer.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { sotPointGrants, sotPointOperators, users } from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { createAgreement } from './agreements.js';
import { uploadDocument } from './documents.js';
import { createFinancing } from './financing.js';
import { createMember, createTraining, putOrganisation } from './organisation.js';
import { createPoint } from './points.js';
import { KALL_INVENTORY, storeAndFuel } from './test-fixtures.js';
import { addMaintenance, addTestRun } from './test-runs.js';

export type SotItemKind =
  | 'financing'
  | 'agreements'
  | 'documents'
  | 'members'
  | 'trainings'
  | 'test-runs'
  | 'maintenance';

export interface SotMatrixFixture {
  /** SOT-punkt per municipality code (`2321` own, `2480` other). */
  point: Record<string, number>;
  /** A grocery store per municipality code, for POST /api/sot/points. */
  store: Record<string, number>;
  /** A member of each point (trainings need one). */
  member: Record<string, number>;
  /** A document of each point. */
  document: Record<string, number>;
  /** User ids of op2321, op2480 and viewer2321. */
  users: Record<string, number>;
  /** A new point in `code`, at version 1 and status `ide`. */
  freshPoint(code: string): Promise<number>;
  /** A new item of `kind` on the point of `code`. */
  freshItem(code: string, kind: SotItemKind): Promise<number>;
}

/** The smallest file that passes the PDF check. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function userId(db: Db, username: string): Promise<number> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return u.id;
}

/** Builds the fixture; `op2480` must exist already (the matrix creates it). */
export async function createSotMatrixFixture(
  db: Db,
  codes = { own: '2321', other: '2480' },
): Promise<SotMatrixFixture> {
  const point: Record<string, number> = {};
  const store: Record<string, number> = {};
  const member: Record<string, number> = {};
  const document: Record<string, number> = {};
  for (const code of [codes.own, codes.other]) {
    const pair = await storeAndFuel(db, code, 120);
    store[code] = pair.storeId;
    const p = await createPoint(db, SYSTEM_ACTOR, {
      name: `Matris-SOT ${code}`,
      storeId: pair.storeId,
      fuelStationId: pair.fuelId,
      genset: { installed: true, kva: 70, fuelTankLitres: 1500 },
      loadInventory: KALL_INVENTORY,
    });
    point[code] = p.id;
    await putOrganisation(db, SYSTEM_ACTOR, p.id, { type: 'frg', name: `FRG ${code}` });
    member[code] = (
      await createMember(db, SYSTEM_ACTOR, p.id, { name: 'Matris Medlem', phone: '070-000' })
    ).id;
    document[code] = (
      await uploadDocument(db, SYSTEM_ACTOR, p.id, { filename: 'avtal.pdf', bytes: TINY_PDF })
    ).id;
  }
  const ids = {
    op2321: await userId(db, 'op2321'),
    op2480: await userId(db, 'op2480'),
    viewer2321: await userId(db, 'viewer2321'),
  };
  await db.insert(sotPointOperators).values({ pointId: point[codes.own], userId: ids.op2321 });
  await db.insert(sotPointGrants).values({ pointId: point[codes.own], userId: ids.viewer2321 });

  const freshPoint = async (code: string) =>
    (await createPoint(db, SYSTEM_ACTOR, { storeId: store[code], name: `Ny SOT ${code}` })).id;

  const freshItem = async (code: string, kind: SotItemKind): Promise<number> => {
    const p = point[code];
    switch (kind) {
      case 'financing':
        return (await createFinancing(db, SYSTEM_ACTOR, p, { programme: 'egna_medel', appliedAmount: 1000 }))
          .id;
      case 'agreements':
        return (await createAgreement(db, SYSTEM_ACTOR, p, { type: 'underhall' })).id;
      case 'documents':
        return (await uploadDocument(db, SYSTEM_ACTOR, p, { filename: 'x.pdf', bytes: TINY_PDF })).id;
      case 'members':
        return (await createMember(db, SYSTEM_ACTOR, p, { name: 'Ny Medlem', phone: '070-001' })).id;
      case 'trainings':
        return (
          await createTraining(db, SYSTEM_ACTOR, p, {
            memberId: member[code],
            course: 'hlr',
            completedOn: '2025-01-01',
          })
        ).id;
      case 'test-runs':
        return (await addTestRun(db, SYSTEM_ACTOR, p, { durationHours: 1, passed: true })).run.id;
      case 'maintenance':
        return (await addMaintenance(db, SYSTEM_ACTOR, p, { type: 'oil' })).id;
    }
  };
  return { point, store, member, document, users: ids, freshPoint, freshItem };
}
