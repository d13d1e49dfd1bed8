import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../errors.js';
import { servicePointInput } from '../test/fixtures.js';
import { createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import { SYSTEM_ACTOR } from './actor.js';
import { getAssignments, setAssignments } from './assignments.js';
import { listAudit } from './audit-query.js';
import { createServicePoint, listServicePoints } from './service-points.js';
import { addUser } from './users.js';

let t: RegistryTestDb;
let p2321: number;
let p2380: number;
let p2480: number;
let op2480: number;
beforeAll(async () => {
  t = await createRegistryTestDb();
  p2321 = (await createServicePoint(t.db, SYSTEM_ACTOR, servicePointInput('2321'))).id;
  p2380 = (await createServicePoint(t.db, SYSTEM_ACTOR, servicePointInput('2380'))).id;
  p2480 = (await createServicePoint(t.db, SYSTEM_ACTOR, servicePointInput('2480'))).id;
  op2480 = (
    await addUser(t.db, SYSTEM_ACTOR, {
      username: 'op2480',
      password: 'another-password-1',
      role: 'operator',
      municipalityCode: '2480',
    })
  ).id;
});
afterAll(async () => t.close());

const op = () => t.actors.op2321.userId!;

describe('assignments', () => {
  it('a county user assigns points of its county; the operator then sees exactly those', async () => {
    const res = await setAssignments(t.db, t.actors.county23, op(), {
      servicePointIds: [p2380, p2321, p2321],
    });
    expect(res.servicePointIds).toEqual([p2321, p2380].sort((a, b) => a - b));
    const seen = await listServicePoints(t.db, t.actors.op2321);
    expect(seen.items.map((p) => p.id).sort((a, b) => a - b)).toEqual(res.servicePointIds);
    await setAssignments(t.db, t.actors.county23, op(), { servicePointIds: [p2321] });
    expect((await getAssignments(t.db, t.actors.admin, op())).servicePointIds).toEqual([p2321]);
    const [entry] = (await listAudit(t.db, t.actors.county23, { action: 'assignments.set' })).items;
    expect(entry.before).toEqual({ servicePointIds: res.servicePointIds });
    expect(entry.after).toEqual({ servicePointIds: [p2321] });
  });

  it('names points outside the actor territory by list position', async () => {
    const err = (await setAssignments(t.db, t.actors.county23, op(), {
      servicePointIds: [p2321, p2480, 999999],
    }).catch((e) => e)) as AppError;
    expect(err.status).toBe(400);
    expect(err.details.map((d) => d.field)).toEqual(['servicePointIds.1', 'servicePointIds.2']);
    expect((await getAssignments(t.db, t.actors.admin, op())).servicePointIds).toEqual([p2321]);
  });

  it('hides operators of other counties and refuses non-operators and other roles', async () => {
    await expect(
      setAssignments(t.db, t.actors.county23, op2480, { servicePointIds: [] }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(
      (await setAssignments(t.db, t.actors.admin, op2480, { servicePointIds: [p2480] })).servicePointIds,
    ).toEqual([p2480]);
    await expect(
      setAssignments(t.db, t.actors.admin, t.actors.viewer2321.userId!, { servicePointIds: [] }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      setAssignments(t.db, t.actors.muni2321, op(), { servicePointIds: [] }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
});
