import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, stockholmDate } from '../../sot/dates.js';
import { COMPLETE_STORE_ATTRIBUTES, call, KALL_INVENTORY, storeAndFuel } from '../../sot/test-fixtures.js';
import { createTestApp, loginAs, type Session, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
let muni: Session;
let county: Session;
let admin: Session;
let op: Session;
let viewer: Session;
let muniOther: Session;

beforeAll(async () => {
  t = await createTestApp();
  muni = await loginAs(t.app, 'muni2321');
  county = await loginAs(t.app, 'county23');
  admin = await loginAs(t.app, 'admin');
  op = await loginAs(t.app, 'op2321');
  viewer = await loginAs(t.app, 'viewer2321');
  muniOther = await loginAs(t.app, 'muni2480');
});
afterAll(async () => t.close());

const statusOf = (checklist: { criteria: { criterion: string; status: string }[] }, c: string) =>
  checklist.criteria.find((x) => x.criterion === c)?.status;

describe('SOT-punkt from idea to "enligt lägstanivå" through the API', () => {
  let pointId: number;
  let storeId: number;
  let version: number;

  it('creates a point linking a store and a fuel station 150 m away', async () => {
    const pair = await storeAndFuel(t.database.db, '2321', 150);
    storeId = pair.storeId;
    const res = await call(t.app, muni, {
      method: 'POST',
      url: '/api/sot/points',
      payload: { storeId, fuelStationId: pair.fuelId, establishmentModel: 'pilotort' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('ide');
    expect(res.body.municipalityCode).toBe('2321');
    expect(res.body.fuelDistanceM).toBeGreaterThan(145);
    expect(res.body.fuelDistanceM).toBeLessThan(155);
    expect(res.body.fuelWithinLimit).toBe(true);
    expect(res.body.access).toEqual({ read: true, write: true, personal: true, log: true });
    pointId = res.body.id;
    version = res.body.version;
  });

  it('starts with fuel met, store unknown and the rest not met', async () => {
    const res = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` });
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.compliant).toBe(false);
    expect(statusOf(c, 'store')).toBe('unknown');
    expect(statusOf(c, 'fuel')).toBe('met');
    expect(statusOf(c, 'power')).toBe('not_met');
    expect(statusOf(c, 'communication')).toBe('not_met');
    expect(statusOf(c, 'organisation')).toBe('not_met');
    const store = c.criteria.find((x: { criterion: string }) => x.criterion === 'store');
    expect(store.missing).toEqual(
      expect.arrayContaining(['store.attributes.assortmentArticles', 'store.attributes.fixedPremises']),
    );
    expect(store.reason.sv).toMatch(/antal artiklar saknas/);
  });

  it('criterion 1 is met once the registry holds the store facts', async () => {
    const sp = await call(t.app, muni, { method: 'GET', url: `/api/service-points/${storeId}` });
    const upd = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/service-points/${storeId}`,
      payload: { version: sp.body.version, attributes: COMPLETE_STORE_ATTRIBUTES },
    });
    expect(upd.status).toBe(200);
    const c = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` })).body;
    expect(statusOf(c, 'store')).toBe('met');
  });

  it('criterion 3: unknown without a load inventory, met with an installed 70 kVA genset', async () => {
    let res = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}`,
      payload: {
        version,
        genset: { installed: true, kva: 70, phases: 3, fuelTankLitres: 1500, installedDate: '2025-06-01' },
      },
    });
    expect(res.status).toBe(200);
    version = res.body.version;
    let c = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` })).body;
    expect(statusOf(c, 'power')).toBe('unknown');
    res = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}`,
      payload: { version, loadInventory: KALL_INVENTORY },
    });
    expect(res.status).toBe(200);
    version = res.body.version;
    c = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` })).body;
    expect(statusOf(c, 'power')).toBe('met');
  });

  it('rejects a stale version and an invalid load inventory with field details', async () => {
    const stale = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}`,
      payload: { version: version - 1, name: 'X' },
    });
    expect(stale.status).toBe(409);
    const bad = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}`,
      payload: { version, loadInventory: { items: [{ deviceType: 'fridge_plugin', count: 0 }] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toMatch(/^loadInventory\.items\.0\.count/);
  });

  it('criterion 4 needs an independent means and a notice board', async () => {
    let res = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}`,
      payload: {
        version,
        communication: [
          { type: 'wifi_backup', count: 1 },
          { type: 'notice_board', count: 1 },
        ],
      },
    });
    version = res.body.version;
    expect(res.body.communication[0].independent).toBe(false);
    let c = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` })).body;
    expect(statusOf(c, 'communication')).toBe('not_met');
    res = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}`,
      payload: {
        version,
        communication: [
          { type: 'rakel', count: 1 },
          { type: 'notice_board', count: 1 },
        ],
      },
    });
    version = res.body.version;
    c = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` })).body;
    expect(statusOf(c, 'communication')).toBe('met');
  });

  it('criterion 5 needs organisation, agreement in force, activation procedure and 3 reachable members', async () => {
    const today = stockholmDate();
    expect(
      (
        await call(t.app, muni, {
          method: 'PUT',
          url: `/api/sot/points/${pointId}/organisation`,
          payload: { type: 'frg', name: 'FRG Testby', contactName: 'Karin K', contactPhone: '070-111 22 33' },
        })
      ).status,
    ).toBe(200);
    const agreement = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/agreements`,
      payload: {
        type: 'driftavtal_butik',
        parties: ['Åretest kommun', 'Byhandeln AB'],
        startDate: addMonths(today, -1),
        endDate: addMonths(today, 47),
        noticeMonths: 6,
        status: 'draft',
      },
    });
    expect(agreement.status).toBe(201);
    let c = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` })).body;
    let org = c.criteria.find((x: { criterion: string }) => x.criterion === 'organisation');
    expect(org.status).toBe('not_met');
    expect(org.missing).toEqual(expect.arrayContaining(['agreements', 'activation', 'members']));

    await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}/agreements/${agreement.body.id}`,
      payload: { status: 'signed', signedDate: today },
    });
    const res = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}`,
      payload: {
        version,
        activation: { text: 'Kommunens TiB ringer aktiveringsledaren.', lastReviewed: today },
      },
    });
    version = res.body.version;
    for (const [name, phone] of [
      ['Anna A', '070-100 00 01'],
      ['Bertil B', '070-100 00 02'],
    ])
      await call(t.app, muni, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/members`,
        payload: { name, phone, roles: ['aggregatskotare'] },
      });
    // A member without phone or e-mail is not reachable and does not count.
    await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/members`,
      payload: { name: 'Cecilia C' },
    });
    c = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` })).body;
    org = c.criteria.find((x: { criterion: string }) => x.criterion === 'organisation');
    expect(org.status).toBe('not_met');
    expect(org.missing).toEqual(['members']);
    expect(org.reason.en).toMatch(/2 reachable members, at least 3/);

    await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/members`,
      payload: { name: 'David D', email: 'david@example.se', roles: ['aktiveringsledare'] },
    });
    c = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` })).body;
    expect(c.criteria.map((x: { status: string }) => x.status)).toEqual(['met', 'met', 'met', 'met', 'met']);
    expect(c.compliant).toBe(true);
    expect(c.status).toBe('met');
  });

  it('moving the fuel station beyond the limit breaks criterion 2 and shows the distance', async () => {
    const res = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}`,
      payload: { version, fuelMaxDistanceM: 100 },
    });
    version = res.body.version;
    expect(res.body.fuelWithinLimit).toBe(false);
    const c = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/checklist` })).body;
    expect(c.compliant).toBe(false);
    expect(c.failing).toEqual(['fuel']);
    expect(c.criteria[1].reason.sv).toMatch(/ligger 15\d m från butiken, högst 100 m/);
    version = (
      await call(t.app, muni, {
        method: 'PATCH',
        url: `/api/sot/points/${pointId}`,
        payload: { version, fuelMaxDistanceM: 300 },
      })
    ).body.version;
  });

  describe('lifecycle', () => {
    it('allows forward skips, refuses i_drift without a passed test run', async () => {
      let res = await call(t.app, muni, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/transitions`,
        payload: { to: 'beviljad' },
      });
      expect(res.status).toBe(201);
      expect(res.body.transition).toMatchObject({ from: 'ide', to: 'beviljad', username: 'muni2321' });
      res = await call(t.app, muni, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/transitions`,
        payload: { to: 'i_drift' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { reason: string }) => d.reason).join(' ')).toMatch(
        /passed test run/,
      );
    });

    it('refuses moving backwards without a note, accepts it with one', async () => {
      let res = await call(t.app, muni, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/transitions`,
        payload: { to: 'beslut' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('note');
      res = await call(t.app, muni, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/transitions`,
        payload: { to: 'beslut', note: 'Beslutet överklagades' },
      });
      expect(res.status).toBe(201);
    });

    it('refuses a future date and a transition to the same status', async () => {
      let res = await call(t.app, muni, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/transitions`,
        payload: { to: 'ansokan', date: addDays(stockholmDate(), 2) },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('date');
      res = await call(t.app, muni, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/transitions`,
        payload: { to: 'beslut' },
      });
      expect(res.status).toBe(400);
    });

    it('an operator logs a passed test run from a phone; then i_drift is allowed', async () => {
      const put = await call(t.app, muni, {
        method: 'PUT',
        url: `/api/sot/points/${pointId}/operators`,
        payload: { userIds: [] },
      });
      const opId = put.body.candidates.find((u: { username: string }) => u.username === 'op2321').id;
      expect(
        (
          await call(t.app, muni, {
            method: 'PUT',
            url: `/api/sot/points/${pointId}/operators`,
            payload: { userIds: [opId] },
          })
        ).status,
      ).toBe(200);
      const run = await call(t.app, op, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/test-runs`,
        payload: { durationHours: 4, passed: true, loadPercent: 40 },
      });
      expect(run.status).toBe(201);
      expect(run.body.run.username).toBe('op2321');
      expect(run.body.status.monthly.status).toBe('ok');
      // The operator reads the point, but its store and fuel station only by name: they are not
      // among the service points assigned to it, so the web does not link to their registry pages.
      const seen = await call(t.app, op, { method: 'GET', url: `/api/sot/points/${pointId}` });
      expect(seen.status).toBe(200);
      expect([seen.body.store.readable, seen.body.fuelStation.readable]).toEqual([false, false]);
      const own = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}` });
      expect([own.body.store.readable, own.body.fuelStation.readable]).toEqual([true, true]);
      // The operator may not edit the point itself.
      expect(
        (
          await call(t.app, op, {
            method: 'PATCH',
            url: `/api/sot/points/${pointId}`,
            payload: { version, name: 'X' },
          })
        ).status,
      ).toBe(403);
      const res = await call(t.app, muni, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/transitions`,
        payload: { to: 'i_drift' },
      });
      expect(res.status).toBe(201);
      const hist = await call(t.app, county, {
        method: 'GET',
        url: `/api/sot/points/${pointId}/transitions`,
      });
      expect(hist.body.items.map((x: { to: string }) => x.to)).toEqual([
        'ide',
        'beviljad',
        'beslut',
        'i_drift',
      ]);
      expect(hist.body.items[2].note).toBe('Beslutet överklagades');
    });

    it('county users read but may not move the point', async () => {
      const res = await call(t.app, county, {
        method: 'POST',
        url: `/api/sot/points/${pointId}/transitions`,
        payload: { to: 'avvecklad' },
      });
      expect(res.status).toBe(403);
    });
  });

  describe('design and kravspecifikation', () => {
    it('returns the computed design with the checklist facts', async () => {
      const res = await call(t.app, op, { method: 'GET', url: `/api/sot/points/${pointId}/design` });
      expect(res.status).toBe(200);
      expect(res.body.input.installedGensetKva).toBe(70);
      expect(res.body.design.genset.kva).toBe(70);
      expect(res.body.facts.coversFuel).toBe(true);
      expect(res.body.facts.requiredKva).toBeLessThanOrEqual(70);
      expect(res.body.facts.autonomyHours).toBeGreaterThan(0);
    });

    it('downloads the kravspecifikation as Markdown and PDF', async () => {
      const md = await call(t.app, muni, {
        method: 'GET',
        url: `/api/sot/points/${pointId}/spec.md?snowDepthM=1.5`,
      });
      expect(md.status).toBe(200);
      expect(md.headers['content-type']).toMatch(/text\/markdown/);
      expect(md.headers['content-disposition']).toMatch(
        /attachment; filename="kravspecifikation-sot-punkt-byhandeln-2321\.md"/,
      );
      expect(md.raw).toMatch(/70 kVA/);
      expect(md.raw).toMatch(/Åretest/);
      const pdf = await t.app.inject({
        method: 'GET',
        url: `/api/sot/points/${pointId}/spec.pdf`,
        headers: muni.headers,
      });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('refuses a specification without a load inventory', async () => {
      const pair = await storeAndFuel(t.database.db, '2321', 50);
      const p = await call(t.app, muni, {
        method: 'POST',
        url: '/api/sot/points',
        payload: { storeId: pair.storeId },
      });
      const res = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${p.body.id}/spec.md` });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('loadInventory');
      const design = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${p.body.id}/design` });
      expect(design.body.design).toBeNull();
    });
  });
});

describe('SOT-punkt validation and scope', () => {
  it('refuses a store that is not a grocery store and a fuel link that is not a fuel station', async () => {
    const pair = await storeAndFuel(t.database.db, '2321', 80);
    let res = await call(t.app, muni, {
      method: 'POST',
      url: '/api/sot/points',
      payload: { storeId: pair.fuelId },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('storeId');
    res = await call(t.app, muni, {
      method: 'POST',
      url: '/api/sot/points',
      payload: { storeId: pair.storeId, fuelStationId: pair.storeId },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('fuelStationId');
  });

  it('a municipality user cannot create a point around another municipality’s store', async () => {
    const pair = await storeAndFuel(t.database.db, '2480', 80);
    const res = await call(t.app, muni, {
      method: 'POST',
      url: '/api/sot/points',
      payload: { storeId: pair.storeId },
    });
    expect(res.status).toBe(400);
    expect(
      (
        await call(t.app, muniOther, {
          method: 'POST',
          url: '/api/sot/points',
          payload: { storeId: pair.storeId },
        })
      ).status,
    ).toBe(201);
  });

  it('lists only what each role may see and audits every list read', async () => {
    const list = async (s: Session) =>
      (await call(t.app, s, { method: 'GET', url: '/api/sot/points' })).body.items;
    const adminItems = await list(admin);
    const countyItems = await list(county);
    const muniItems = await list(muni);
    expect(adminItems.some((p: { municipalityCode: string }) => p.municipalityCode === '2480')).toBe(true);
    expect(countyItems.every((p: { municipalityCode: string }) => p.municipalityCode.startsWith('23'))).toBe(
      true,
    );
    expect(muniItems.every((p: { municipalityCode: string }) => p.municipalityCode === '2321')).toBe(true);
    expect(await list(viewer)).toEqual([]);
    const audit = await call(t.app, admin, {
      method: 'GET',
      url: '/api/audit?entityType=sot_point_list&action=read&pageSize=50',
    });
    const who = audit.body.items.map((a: { username: string }) => a.username);
    expect(who).toEqual(expect.arrayContaining(['admin', 'county23', 'muni2321', 'viewer2321']));
    const mine = audit.body.items.find((a: { username: string }) => a.username === 'muni2321');
    expect(mine.municipalityCode).toBe('2321');
    expect(mine.details.count).toBe(muniItems.length);
  });

  it('a viewer sees a point only after it is granted, and then cannot change it', async () => {
    const pair = await storeAndFuel(t.database.db, '2321', 60);
    const p = (
      await call(t.app, muni, { method: 'POST', url: '/api/sot/points', payload: { storeId: pair.storeId } })
    ).body;
    expect((await call(t.app, viewer, { method: 'GET', url: `/api/sot/points/${p.id}` })).status).toBe(404);
    expect(
      (await call(t.app, viewer, { method: 'GET', url: `/api/sot/points/${p.id}/checklist` })).status,
    ).toBe(404);
    const grants = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${p.id}/grants` });
    const viewerId = grants.body.candidates.find((u: { username: string }) => u.username === 'viewer2321').id;
    expect(
      (
        await call(t.app, muni, {
          method: 'PUT',
          url: `/api/sot/points/${p.id}/grants`,
          payload: { userIds: [viewerId] },
        })
      ).status,
    ).toBe(200);
    const seen = await call(t.app, viewer, { method: 'GET', url: `/api/sot/points/${p.id}` });
    expect(seen.status).toBe(200);
    expect(seen.body.access).toEqual({ read: true, write: false, personal: false, log: false });
    expect(
      (
        await call(t.app, viewer, {
          method: 'PATCH',
          url: `/api/sot/points/${p.id}`,
          payload: { version: 1, name: 'X' },
        })
      ).status,
    ).toBe(403);
    // Grants name viewers of the point's county only; an operator is not a viewer.
    const opId = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${p.id}/operators` })).body
      .candidates[0].id;
    const bad = await call(t.app, muni, {
      method: 'PUT',
      url: `/api/sot/points/${p.id}/grants`,
      payload: { userIds: [opId] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('userIds.0');
  });

  it('deletes a point with everything attached', async () => {
    const pair = await storeAndFuel(t.database.db, '2321', 70);
    const p = (
      await call(t.app, muni, { method: 'POST', url: '/api/sot/points', payload: { storeId: pair.storeId } })
    ).body;
    await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${p.id}/members`,
      payload: { name: 'Eva E', phone: '070-1' },
    });
    expect(
      (await call(t.app, muni, { method: 'DELETE', url: `/api/sot/points/${p.id}?version=${p.version + 5}` }))
        .status,
    ).toBe(409);
    expect((await call(t.app, muni, { method: 'DELETE', url: `/api/sot/points/${p.id}` })).status).toBe(204);
    expect((await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${p.id}` })).status).toBe(404);
  });
});
