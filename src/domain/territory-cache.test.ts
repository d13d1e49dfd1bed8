import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meta, municipalities } from '../db/schema.js';
import { square } from '../test/fixtures.js';
import { createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import {
  BOUNDARIES_VERSION_KEY,
  boundariesVersion,
  bumpBoundariesVersion,
  getTerritoryIndex,
} from './territory-cache.js';

let t: RegistryTestDb;
beforeAll(async () => {
  t = await createRegistryTestDb();
});
afterAll(async () => t.close());

describe('territory cache', () => {
  it('reuses the index until the boundaries version changes', async () => {
    expect(await boundariesVersion(t.db)).toBe(0);
    const first = await getTerritoryIndex(t.db);
    expect(first.municipalityAt(63.25, 13.25)).toBe('2321');
    expect(await getTerritoryIndex(t.db)).toBe(first);

    // Move 2321 east by 3 degrees without telling the cache: the cached index is still used.
    await t.db
      .update(municipalities)
      .set({ geometry: square(16, 63), minLon: 16, maxLon: 16.5 })
      .where(eq(municipalities.code, '2321'));
    expect(await getTerritoryIndex(t.db)).toBe(first);

    // A boundary import bumps the version in its transaction; the next lookup reloads.
    await t.db.transaction(async (tx) => {
      expect(await bumpBoundariesVersion(tx)).toBe(1);
    });
    const second = await getTerritoryIndex(t.db);
    expect(second).not.toBe(first);
    expect(second.municipalityAt(63.25, 13.25)).toBeNull();
    expect(second.municipalityAt(63.25, 16.25)).toBe('2321');
  });

  it('does not see a bump that was rolled back', async () => {
    const before = await getTerritoryIndex(t.db);
    const version = await boundariesVersion(t.db);
    await expect(
      t.db.transaction(async (tx) => {
        await bumpBoundariesVersion(tx);
        throw new Error('import failed');
      }),
    ).rejects.toThrow('import failed');
    expect(await boundariesVersion(t.db)).toBe(version);
    expect(await getTerritoryIndex(t.db)).toBe(before);
  });

  it('counts bumps up from the stored value', async () => {
    const v = await boundariesVersion(t.db);
    expect(await bumpBoundariesVersion(t.db)).toBe(v + 1);
    expect(await bumpBoundariesVersion(t.db)).toBe(v + 2);
    const [row] = await t.db.select().from(meta).where(eq(meta.key, BOUNDARIES_VERSION_KEY));
    expect(row.value).toBe(v + 2);
  });
});
