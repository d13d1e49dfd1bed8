import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sotMembers, sotTrainings } from '../../db/schema.js';
import { addMonths, stockholmDate } from '../../sot/dates.js';
import { call, storeAndFuel } from '../../sot/test-fixtures.js';
import { createTestApp, loginAs, type Session, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
let muni: Session;
let county: Session;
let admin: Session;
let op: Session;
let viewer: Session;
let pointId: number;
const ids: Record<string, number> = {};

const PHONE = '070-174 06 55';

beforeAll(async () => {
  t = await createTestApp();
  muni = await loginAs(t.app, 'muni2321');
  county = await loginAs(t.app, 'county23');
  admin = await loginAs(t.app, 'admin');
  op = await loginAs(t.app, 'op2321');
  viewer = await loginAs(t.app, 'viewer2321');
  const pair = await storeAndFuel(t.database.db, '2321', 100);
  pointId = (
    await call(t.app, muni, { method: 'POST', url: '/api/sot/points', payload: { storeId: pair.storeId } })
  ).body.id;
  const ops = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/operators` });
  const opId = ops.body.candidates.find((u: { username: string }) => u.username === 'op2321').id;
  await call(t.app, muni, {
    method: 'PUT',
    url: `/api/sot/points/${pointId}/operators`,
    payload: { userIds: [opId] },
  });
  const grants = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/grants` });
  const viewerId = grants.body.candidates.find((u: { username: string }) => u.username === 'viewer2321').id;
  await call(t.app, muni, {
    method: 'PUT',
    url: `/api/sot/points/${pointId}/grants`,
    payload: { userIds: [viewerId] },
  });

  await call(t.app, muni, {
    method: 'PUT',
    url: `/api/sot/points/${pointId}/organisation`,
    payload: { type: 'frg', name: 'FRG Testby', contactName: 'Karin Kontakt', contactPhone: '070-174 06 50' },
  });
  const add = async (key: string, body: Record<string, unknown>) => {
    const res = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/members`,
      payload: body,
    });
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
  };
  await add('leader', { name: 'Karin Ledare', phone: '070-174 06 51', roles: ['aktiveringsledare'] });
  await add('deputy', {
    name: 'Per Ersättare',
    phone: '070-174 06 52',
    roles: ['ersattare'],
    calledBy: ids.leader,
  });
  await add('leaving', {
    name: 'Hemliga Hanna',
    phone: PHONE,
    email: 'hanna@example.se',
    address: 'Bygatan 7, Testby',
    roles: ['sjukvard', 'information'],
    competences: ['sjuksköterska'],
    calledBy: ids.leader,
  });
  await add('child', {
    name: 'Olle Barn',
    phone: '070-174 06 53',
    roles: ['logistik'],
    calledBy: ids.leaving,
  });
});
afterAll(async () => t.close());

describe('organisation and members: confidentiality', () => {
  it('the municipality and the assigned operator read members with contact details', async () => {
    for (const s of [muni, op]) {
      const res = await call(t.app, s, { method: 'GET', url: `/api/sot/points/${pointId}/members` });
      expect(res.status).toBe(200);
      expect(res.body.items.map((m: { phone: string }) => m.phone)).toContain(PHONE);
    }
  });

  it('county users and granted viewers get counts and roles, never phone numbers', async () => {
    for (const s of [county, viewer]) {
      expect(
        (await call(t.app, s, { method: 'GET', url: `/api/sot/points/${pointId}/members` })).status,
      ).toBe(403);
      expect(
        (await call(t.app, s, { method: 'GET', url: `/api/sot/points/${pointId}/contact-tree` })).status,
      ).toBe(403);
      const org = await call(t.app, s, { method: 'GET', url: `/api/sot/points/${pointId}/organisation` });
      expect(org.status).toBe(200);
      expect(org.body.personal).toBe(false);
      expect(org.body.organisation).toEqual({
        type: 'frg',
        name: 'FRG Testby',
        note: null,
        updatedAt: expect.any(String),
      });
      expect(org.body.summary).toMatchObject({ memberCount: 4, reachableCount: 4, minMembers: 3 });
      expect(org.body.summary.roles).toMatchObject({ aktiveringsledare: 1, sjukvard: 1, ersattare: 1 });
      expect(org.raw).not.toContain('070-174');
      expect(org.raw).not.toContain('Hanna');
    }
    const muniView = await call(t.app, muni, {
      method: 'GET',
      url: `/api/sot/points/${pointId}/organisation`,
    });
    expect(muniView.body.organisation.contactPhone).toBe('070-174 06 50');
  });

  it('county users read the audit of their county, which holds no personal data of members', async () => {
    const audit = await call(t.app, county, {
      method: 'GET',
      url: '/api/audit?entityType=sot_member&pageSize=100',
    });
    expect(audit.status).toBe(200);
    expect(audit.body.items.length).toBe(4);
    expect(audit.raw).not.toMatch(/Hanna|070-174|example\.se|Bygatan/);
    const org = await call(t.app, county, { method: 'GET', url: '/api/audit?entityType=sot_organisation' });
    expect(org.raw).not.toMatch(/Karin Kontakt|070-174/);
  });

  it('audits every read of the member list and the contact tree', async () => {
    const before = await call(t.app, admin, {
      method: 'GET',
      url: '/api/audit?entityType=sot_members&action=read',
    });
    await call(t.app, op, { method: 'GET', url: `/api/sot/points/${pointId}/members` });
    await call(t.app, op, { method: 'GET', url: `/api/sot/points/${pointId}/contact-tree?format=json` });
    const after = await call(t.app, admin, {
      method: 'GET',
      url: '/api/audit?entityType=sot_members&action=read',
    });
    expect(after.body.total).toBe(before.body.total + 1);
    expect(after.body.items[0]).toMatchObject({
      username: 'op2321',
      entityId: String(pointId),
      municipalityCode: '2321',
    });
    const tree = await call(t.app, admin, {
      method: 'GET',
      url: '/api/audit?entityType=sot_contact_tree&action=read',
    });
    expect(tree.body.items[0].username).toBe('op2321');
  });
});

describe('trainings', () => {
  it('flags expired and soon-expiring trainings', async () => {
    const today = stockholmDate();
    const expired = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/trainings`,
      payload: {
        memberId: ids.leader,
        course: 'hlr',
        completedOn: addMonths(today, -25),
        expiresOn: addMonths(today, -1),
      },
    });
    expect(expired.status).toBe(201);
    expect(expired.body).toMatchObject({ expired: true, expiresSoon: false });
    const soon = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/trainings`,
      payload: {
        memberId: ids.leaving,
        course: 'frg_grundutbildning',
        completedOn: addMonths(today, -30),
        expiresOn: addMonths(today, 1),
        provider: 'Civilförsvarsförbundet',
      },
    });
    expect(soon.body).toMatchObject({ expired: false, expiresSoon: true });
    const org = await call(t.app, county, { method: 'GET', url: `/api/sot/points/${pointId}/organisation` });
    expect(org.body.summary.trainings.hlr).toEqual({ valid: 0, expired: 1 });
    expect(org.body.summary.trainings.frg_grundutbildning).toEqual({ valid: 1, expired: 0 });
    const members = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/members` });
    const leader = members.body.items.find((m: { id: number }) => m.id === ids.leader);
    expect(leader.trainings[0]).toMatchObject({ course: 'hlr', expired: true });
  });

  it('refuses a training of a member of another point and an expiry before completion', async () => {
    const bad = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/trainings`,
      payload: { memberId: 999_999, course: 'hlr', completedOn: '2026-01-01' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('memberId');
    const dates = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/trainings`,
      payload: { memberId: ids.leader, course: 'hlr', completedOn: '2026-01-01', expiresOn: '2025-01-01' },
    });
    expect(dates.body.error.details[0].field).toBe('expiresOn');
  });
});

describe('contact tree', () => {
  it('refuses a loop in who calls whom', async () => {
    const res = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}/members/${ids.leader}`,
      payload: { calledBy: ids.child },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('calledBy');
  });

  it('prints as one-page HTML, PDF or JSON', async () => {
    const json = await call(t.app, muni, {
      method: 'GET',
      url: `/api/sot/points/${pointId}/contact-tree?format=json`,
    });
    expect(json.body.roots).toHaveLength(1);
    expect(json.body.roots[0].name).toBe('Karin Ledare');
    expect(json.body.roots[0].children.map((c: { name: string }) => c.name).sort()).toEqual([
      'Hemliga Hanna',
      'Per Ersättare',
    ]);
    const html = await t.app.inject({
      method: 'GET',
      url: `/api/sot/points/${pointId}/contact-tree`,
      headers: muni.headers,
    });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('Kontaktträd — ');
    expect(html.body).toContain('070-174 06 52');
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/sot/points/${pointId}/contact-tree?format=pdf`,
      headers: muni.headers,
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^inline; filename="kontakttrad-/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('removing a member completely', () => {
  it('deletes the row and trainings, moves their calls up, and leaves no personal data in the audit', async () => {
    const res = await call(t.app, muni, {
      method: 'DELETE',
      url: `/api/sot/points/${pointId}/members/${ids.leaving}`,
    });
    expect(res.status).toBe(204);
    const db = t.database.db;
    expect(await db.select().from(sotMembers).where(eq(sotMembers.id, ids.leaving))).toEqual([]);
    expect(await db.select().from(sotTrainings).where(eq(sotTrainings.memberId, ids.leaving))).toEqual([]);
    // Nothing anywhere in members, trainings or the whole audit log mentions her. (The same
    // whole-row search does find what is still there, so it is not vacuous.)
    const count = async (table: typeof sotMembers | typeof auditLog, needle: string) =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(table)
          .where(sql`${table}::text ilike ${`%${needle}%`}`)
      )[0].n;
    expect(await count(sotMembers, 'Karin Ledare')).toBe(1);
    expect(await count(auditLog, 'muni2321')).toBeGreaterThan(0);
    for (const needle of ['Hemliga Hanna', PHONE, 'hanna@example.se', 'Bygatan 7']) {
      expect(await count(sotMembers, needle), needle).toBe(0);
      expect(await count(auditLog, needle), needle).toBe(0);
    }
    const [del] = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityType} = 'sot_member' and ${auditLog.action} = 'delete'`);
    expect(del.before).toEqual({ id: ids.leaving, pointId, roles: ['sjukvard', 'information'] });
    // The member she used to call is now called by her caller.
    const tree = await call(t.app, muni, {
      method: 'GET',
      url: `/api/sot/points/${pointId}/contact-tree?format=json`,
    });
    expect(tree.body.roots[0].children.map((c: { name: string }) => c.name).sort()).toEqual([
      'Olle Barn',
      'Per Ersättare',
    ]);
  });
});
