/**
 * Test support for the registry domain: a seeded database (test territory and users, no app)
 * and the actors of the test users, for calling domain functions directly.
 */
import { eq } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { servicePointAssignments, users } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { createTestDatabase } from './db.js';
import { seedTerritory, seedUsers, TEST_USERS } from './fixtures.js';

export type TestUsername = keyof typeof TEST_USERS;

export interface RegistryTestDb {
  database: Database;
  db: Db;
  /** Actor per test user (`admin`, `county23`, `muni2321`, `op2321`, `viewer2321`, …). */
  actors: Record<string, Actor>;
  close(): Promise<void>;
}

/** The actor a session of this user would have. */
export async function actorFor(db: Db, username: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return {
    userId: u.id,
    username: u.username,
    role: u.role,
    countyCode: u.countyCode,
    municipalityCode: u.municipalityCode,
  };
}

export async function createRegistryTestDb(): Promise<RegistryTestDb> {
  const database = await createTestDatabase();
  await seedTerritory(database);
  await seedUsers(database);
  const actors: Record<string, Actor> = {};
  for (const name of Object.keys(TEST_USERS)) actors[name] = await actorFor(database.db, name);
  return { database, db: database.db, actors, close: () => database.close() };
}

/** Assigns service points to an operator directly (bypassing the audited domain function). */
export async function assignDirect(db: Db, userId: number, servicePointIds: number[]): Promise<void> {
  if (servicePointIds.length === 0) return;
  await db
    .insert(servicePointAssignments)
    .values(servicePointIds.map((servicePointId) => ({ userId, servicePointId })))
    .onConflictDoNothing();
}
