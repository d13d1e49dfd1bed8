/** Test support for the accessibility tests: the registry test database and a bare run row. */
import type { Db } from '../db/client.js';
import { accessRuns } from '../db/schema.js';
import { createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import { registrySnapshot } from './inputs.js';

/** A database with the test territory and users (see src/test/fixtures.ts). */
export function createAccessTestDb(): Promise<RegistryTestDb> {
  return createRegistryTestDb();
}

/** Inserts a queued run row started by nobody in particular (the system) and returns its id. */
export async function insertTestRun(db: Db): Promise<number> {
  const [row] = await db
    .insert(accessRuns)
    .values({
      graphName: 'test',
      graphVersion: 'test',
      registrySnapshot: (await registrySnapshot(db)) as unknown as Record<string, unknown>,
      kindGroups: [['grocery', ['grocery']]],
      maxSnapMetres: 5000,
      heartbeatAt: new Date(),
    })
    .returning({ id: accessRuns.id });
  return row.id;
}
