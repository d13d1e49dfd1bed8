import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { servicePointInput } from '../test/fixtures.js';
import { createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import { listAudit } from './audit-query.js';
import { createServicePoint, updateServicePoint } from './service-points.js';

let t: RegistryTestDb;
let own: number;
let other: number;
beforeAll(async () => {
  t = await createRegistryTestDb();
  own = (await createServicePoint(t.db, t.actors.muni2321, servicePointInput('2321'))).id;
  await updateServicePoint(t.db, t.actors.muni2321, own, { version: 1, name: 'Ändrad' });
  other = (await createServicePoint(t.db, t.actors.muni2480, servicePointInput('2480'))).id;
});
afterAll(async () => t.close());

describe('listAudit', () => {
  it('gives admins everything, newest first', async () => {
    const page = await listAudit(t.db, t.actors.admin, { entityType: 'service_point' });
    expect(page.items.map((e) => [e.action, e.entityId])).toEqual([
      ['create', String(other)],
      ['update', String(own)],
      ['create', String(own)],
    ]);
    expect(page.items[1].before).toMatchObject({ name: 'Testbutik 2321', version: 1 });
    expect(page.items[1].after).toMatchObject({ name: 'Ändrad', version: 2 });
  });

  it('limits county users to their county and refuses other roles', async () => {
    const c23 = await listAudit(t.db, t.actors.county23, { entityType: 'service_point' });
    expect(new Set(c23.items.map((e) => e.entityId))).toEqual(new Set([String(own)]));
    const c24 = await listAudit(t.db, t.actors.county24, { entityType: 'service_point' });
    expect(c24.items.map((e) => e.entityId)).toEqual([String(other)]);
    for (const who of ['muni2321', 'viewer2321', 'op2321']) {
      await expect(listAudit(t.db, t.actors[who])).rejects.toMatchObject({ status: 403 });
    }
  });

  it('filters by entity, action and time, and pages', async () => {
    const byId = await listAudit(t.db, t.actors.admin, {
      entityType: 'service_point',
      entityId: String(own),
    });
    expect(byId.total).toBe(2);
    const updates = await listAudit(t.db, t.actors.admin, { action: 'update' });
    expect(updates.items.map((e) => e.entityId)).toEqual([String(own)]);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await listAudit(t.db, t.actors.admin, { entityType: 'service_point', from: today, to: today })).total,
    ).toBe(3);
    expect(
      (await listAudit(t.db, t.actors.admin, { entityType: 'service_point', to: '2000-01-01' })).total,
    ).toBe(0);
    expect(
      (await listAudit(t.db, t.actors.admin, { entityType: 'service_point', from: '2999-01-01T00:00:00Z' }))
        .total,
    ).toBe(0);
    const p2 = await listAudit(t.db, t.actors.admin, { entityType: 'service_point', page: 2, pageSize: 2 });
    expect(p2.items).toHaveLength(1);
    expect(p2.total).toBe(3);
  });

  it('refuses an action that is never recorded, naming the field', async () => {
    const err = await listAudit(t.db, t.actors.admin, { action: 'remove' as 'delete' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.details[0].field).toBe('action');
  });

  it('names a malformed date', async () => {
    const err = await listAudit(t.db, t.actors.admin, { from: 'yesterday' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.details[0].field).toBe('from');
  });
});
