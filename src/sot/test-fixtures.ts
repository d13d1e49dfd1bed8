/**
 * Test support for SOT-punkter: a store and a fuel station at a chosen distance inside a test
 * municipality, the Kall-like load inventory, and request helpers for app.inject.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Db } from '../db/client.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { createServicePoint } from '../domain/service-points.js';
import { KALL_EXAMPLE_ITEMS } from '../power/examples.js';
import { inside, type Session, servicePointInput } from '../test/fixtures.js';

/** Degrees of latitude per metre (north–south distances are the same everywhere). */
export const DEG_PER_METRE = 1 / 111_195;

/** A grocery store in `code` and a fuel station `metres` north of it (as the system). */
export async function storeAndFuel(
  db: Db,
  code: string,
  metres = 150,
  storeAttributes: Record<string, unknown> = {},
): Promise<{ storeId: number; fuelId: number }> {
  const at = inside(code);
  const store = await createServicePoint(
    db,
    SYSTEM_ACTOR,
    servicePointInput(code, { name: `Byhandeln ${code}`, attributes: storeAttributes, ...at }),
  );
  const fuel = await createServicePoint(
    db,
    SYSTEM_ACTOR,
    servicePointInput(code, {
      kind: 'fuel',
      name: `Macken ${code}`,
      attributes: {},
      lat: at.lat + metres * DEG_PER_METRE,
      lon: at.lon,
    }),
  );
  return { storeId: store.id, fuelId: fuel.id };
}

/** Store attributes that satisfy minimum-level criterion 1. */
export const COMPLETE_STORE_ATTRIBUTES = {
  assortmentArticles: 1800,
  freshGroups: ['dairy', 'charcuterie', 'eggs', 'bread', 'fruit_vegetables'],
  yearRound: true,
  fixedPremises: true,
};

/** The Kall-like inventory: store, fuel pumps and an optional 50 kW hot-air unit. */
export const KALL_INVENTORY = { items: KALL_EXAMPLE_ITEMS };

/** A request as a logged-in user. */
export function as(session: Session | null, req: InjectOptions): InjectOptions {
  return { ...req, headers: { ...(req.headers ?? {}), ...(session ? session.headers : {}) } };
}

/** Injects and returns status and parsed JSON body (or the raw body). */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies field by field.
type Json = any;
export async function call(
  app: FastifyInstance,
  session: Session | null,
  req: InjectOptions,
): Promise<{ status: number; body: Json; raw: string; headers: Record<string, unknown> }> {
  const res = await app.inject(as(session, req));
  let body: unknown = null;
  try {
    body = res.json();
  } catch {
    body = null;
  }
  return { status: res.statusCode, body, raw: res.body, headers: res.headers };
}
