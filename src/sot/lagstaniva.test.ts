import { describe, expect, it } from 'vitest';
import {
  agreementInForce,
  type ChecklistFacts,
  communicationCriterion,
  evaluateChecklist,
  fuelCriterion,
  organisationCriterion,
  powerCriterion,
  storeCriterion,
} from './lagstaniva.js';

const TODAY = '2026-06-15';

/** Facts meeting all five criteria; each test breaks one thing. */
function complete(): ChecklistFacts {
  return {
    today: TODAY,
    store: {
      kind: 'grocery',
      name: 'Kall Livs',
      attributes: {
        assortmentArticles: 1200,
        freshGroups: ['dairy', 'charcuterie', 'eggs', 'bread', 'fruit_vegetables'],
        yearRound: true,
        fixedPremises: true,
      },
    },
    fuel: { kind: 'fuel', name: 'Kall Bensin' },
    fuelDistanceM: 120,
    fuelMaxDistanceM: 300,
    genset: { installed: true, kva: 70 },
    requiredKva: 52.3,
    inventoryCoversFuel: true,
    communication: [
      { type: 'rakel', count: 1, independent: true },
      { type: 'notice_board', count: 1 },
    ],
    organisation: { name: 'FRG Kall' },
    agreements: [
      { type: 'driftavtal_butik', status: 'signed', startDate: '2025-01-01', endDate: '2029-12-31' },
    ],
    activation: { text: 'TiB ringer aktiveringsledaren.' },
    reachableMembers: 3,
    minMembers: 3,
  };
}

const withStore = (attributes: Record<string, unknown>, kind = 'grocery'): ChecklistFacts => ({
  ...complete(),
  store: { kind, name: 'Butiken', attributes },
});

describe('evaluateChecklist', () => {
  it('is "enligt lägstanivå" when all five criteria are met', () => {
    const c = evaluateChecklist(complete());
    expect(c.compliant).toBe(true);
    expect(c.status).toBe('met');
    expect(c.criteria.map((x) => [x.number, x.criterion, x.status])).toEqual([
      [1, 'store', 'met'],
      [2, 'fuel', 'met'],
      [3, 'power', 'met'],
      [4, 'communication', 'met'],
      [5, 'organisation', 'met'],
    ]);
    expect(c.criteria.every((x) => x.missing.length === 0)).toBe(true);
  });

  it('is not_met when one criterion fails, unknown when one is only unknown', () => {
    const failing = evaluateChecklist({ ...complete(), fuel: null });
    expect(failing).toMatchObject({ compliant: false, status: 'not_met', failing: ['fuel'], unknown: [] });
    const unknown = evaluateChecklist({ ...complete(), requiredKva: null });
    expect(unknown).toMatchObject({ compliant: false, status: 'unknown', failing: [], unknown: ['power'] });
  });
});

describe('criterion 1: grocery store', () => {
  it('fails without a store or with a store of another kind', () => {
    expect(storeCriterion({ ...complete(), store: null })).toMatchObject({
      status: 'not_met',
      missing: ['storeId'],
    });
    const pharmacy = storeCriterion(withStore({}, 'pharmacy'));
    expect(pharmacy.status).toBe('not_met');
    expect(pharmacy.reason.en).toMatch(/not a grocery store/);
  });

  it('accepts a convenience store with the facts of a varied assortment', () => {
    expect(storeCriterion(withStore(complete().store!.attributes, 'convenience')).status).toBe('met');
  });

  it('is unknown while articles, fresh groups, year-round or premises are missing', () => {
    const c = storeCriterion(withStore({}));
    expect(c.status).toBe('unknown');
    expect(c.missing).toEqual([
      'store.attributes.assortmentArticles',
      'store.attributes.freshGroups',
      'store.attributes.yearRound',
      'store.attributes.fixedPremises',
    ]);
  });

  it('fails below 1000 articles and names the shortfall', () => {
    const c = storeCriterion(withStore({ ...complete().store!.attributes, assortmentArticles: 999 }));
    expect(c.status).toBe('not_met');
    expect(c.reason.sv).toBe('999 artiklar, minst 1\u00a0000 krävs');
    expect(c.reason.en).toBe('999 articles, at least 1,000 required');
    expect(
      storeCriterion(withStore({ ...complete().store!.attributes, assortmentArticles: 1000 })).status,
    ).toBe('met');
  });

  it('fails when a fresh group is missing, listing it in Swedish', () => {
    const c = storeCriterion(
      withStore({ ...complete().store!.attributes, freshGroups: ['dairy', 'charcuterie', 'eggs', 'bread'] }),
    );
    expect(c.status).toBe('not_met');
    expect(c.reason.sv).toBe('saknar frukt och grönsaker');
    expect(c.missing).toEqual(['store.attributes.freshGroups']);
  });

  it('exempts stores with turnover under 2 MSEK from the assortment rule', () => {
    const c = storeCriterion(
      withStore({ turnoverBand: 'lt2', assortmentArticles: 400, yearRound: true, fixedPremises: true }),
    );
    expect(c.status).toBe('met');
    expect(c.reason.en).toMatch(/exempt/);
    // The exemption does not cover year-round opening or fixed premises.
    expect(
      storeCriterion(withStore({ turnoverBand: 'lt2', yearRound: false, fixedPremises: true })).status,
    ).toBe('not_met');
  });

  it('a definite failure outweighs missing facts', () => {
    const c = storeCriterion(withStore({ yearRound: false }));
    expect(c.status).toBe('not_met');
    expect(c.missing).toContain('store.attributes.yearRound');
    expect(c.missing).toContain('store.attributes.assortmentArticles');
  });

  it('fails without fixed premises', () => {
    const c = storeCriterion(withStore({ ...complete().store!.attributes, fixedPremises: false }));
    expect(c).toMatchObject({ status: 'not_met', missing: ['store.attributes.fixedPremises'] });
  });
});

describe('criterion 2: fuel station nearby', () => {
  it('fails without a fuel station, or with a linked point that is not one', () => {
    expect(fuelCriterion({ ...complete(), fuel: null }).status).toBe('not_met');
    expect(fuelCriterion({ ...complete(), fuel: { kind: 'grocery', name: 'Affären' } }).reason.en).toMatch(
      /not a fuel station/,
    );
  });

  it('compares the distance with the configured limit, inclusive', () => {
    expect(fuelCriterion({ ...complete(), fuelDistanceM: 300 }).status).toBe('met');
    const far = fuelCriterion({ ...complete(), fuelDistanceM: 301.4 });
    expect(far.status).toBe('not_met');
    expect(far.reason.sv).toBe('Kall Bensin ligger 301 m från butiken, högst 300 m');
    expect(fuelCriterion({ ...complete(), fuelDistanceM: 450, fuelMaxDistanceM: 500 }).status).toBe('met');
  });

  it('is unknown when the distance cannot be computed (store gone)', () => {
    expect(fuelCriterion({ ...complete(), fuelDistanceM: null }).status).toBe('unknown');
  });
});

describe('criterion 3: backup generator', () => {
  it('fails when no generator is installed', () => {
    expect(powerCriterion({ ...complete(), genset: { installed: false, kva: 70 } })).toMatchObject({
      status: 'not_met',
      missing: ['genset.installed'],
    });
  });

  it('is unknown without the rating or without a load inventory', () => {
    expect(powerCriterion({ ...complete(), genset: { installed: true } })).toMatchObject({
      status: 'unknown',
      missing: ['genset.kva'],
    });
    expect(powerCriterion({ ...complete(), requiredKva: null })).toMatchObject({
      status: 'unknown',
      missing: ['loadInventory'],
    });
  });

  it('fails when the rating is below what the load needs, met at or above it', () => {
    const small = powerCriterion({ ...complete(), genset: { installed: true, kva: 50 } });
    expect(small.status).toBe('not_met');
    expect(small.reason.en).toBe('50 kVA is not enough, the load needs 52.3 kVA');
    // Swedish reasons write numbers the Swedish way, like the rest of the interface.
    expect(small.reason.sv).toBe('50 kVA räcker inte, lasten kräver 52,3 kVA');
    expect(powerCriterion({ ...complete(), requiredKva: 70 }).status).toBe('met');
  });

  it('is unknown when the inventory leaves out the fuel dispensers', () => {
    expect(powerCriterion({ ...complete(), inventoryCoversFuel: false })).toMatchObject({
      status: 'unknown',
      missing: ['loadInventory.fuelDispensers'],
    });
  });
});

describe('criterion 4: information and communication hub', () => {
  it('needs a means independent of the public networks', () => {
    const c = communicationCriterion({
      ...complete(),
      communication: [
        { type: 'wifi_backup', count: 1 },
        { type: 'notice_board', count: 1 },
      ],
    });
    expect(c).toMatchObject({ status: 'not_met', missing: ['communication.independent'] });
  });

  it('uses the per-type default when an item does not say, and an explicit flag over it', () => {
    const satellite = communicationCriterion({
      ...complete(),
      communication: [
        { type: 'satellite_phone', count: 1 },
        { type: 'rakel', count: 1 },
        { type: 'notice_board', count: 1 },
      ],
    });
    expect(satellite.status).toBe('met');
    // Named by their labels, not their codes.
    expect(satellite.reason.sv).toContain('oberoende kommunikation: Satellittelefon, Rakel-terminal');
    expect(satellite.reason.en).toContain('independent communication: Satellite phone, Rakel radio terminal');
    expect(
      communicationCriterion({
        ...complete(),
        communication: [
          { type: 'wifi_backup', count: 1, independent: true },
          { type: 'notice_board', count: 1 },
        ],
      }).status,
    ).toBe('met');
    expect(
      communicationCriterion({
        ...complete(),
        communication: [
          { type: 'rakel', count: 1, independent: false },
          { type: 'notice_board', count: 1 },
        ],
      }).status,
    ).toBe('not_met');
  });

  it('needs a notice board, and counts of zero do not count', () => {
    expect(
      communicationCriterion({ ...complete(), communication: [{ type: 'rakel', count: 1 }] }).missing,
    ).toEqual(['communication.notice_board']);
    expect(
      communicationCriterion({
        ...complete(),
        communication: [
          { type: 'rakel', count: 0 },
          { type: 'notice_board', count: 1 },
        ],
      }).status,
    ).toBe('not_met');
  });
});

describe('criterion 5: formal organisation', () => {
  it('fails without an organisation', () => {
    expect(organisationCriterion({ ...complete(), organisation: null }).missing).toEqual(['organisation']);
  });

  it('needs a signed operating agreement in force today', () => {
    const f = complete();
    const withAgreement = (a: ChecklistFacts['agreements'][number]) =>
      organisationCriterion({ ...f, agreements: [a] }).status;
    expect(withAgreement({ type: 'avtal_frg', status: 'signed', startDate: null, endDate: null })).toBe(
      'met',
    );
    expect(withAgreement({ type: 'driftavtal_butik', status: 'draft', startDate: null, endDate: null })).toBe(
      'not_met',
    );
    expect(withAgreement({ type: 'underhall', status: 'signed', startDate: null, endDate: null })).toBe(
      'not_met',
    );
    expect(
      withAgreement({ type: 'driftavtal_butik', status: 'signed', startDate: '2026-06-16', endDate: null }),
    ).toBe('not_met');
    expect(
      withAgreement({ type: 'driftavtal_butik', status: 'signed', startDate: null, endDate: '2026-06-14' }),
    ).toBe('not_met');
    expect(
      withAgreement({ type: 'driftavtal_butik', status: 'terminated', startDate: null, endDate: null }),
    ).toBe('not_met');
  });

  it('needs an activation procedure as text or a document reference', () => {
    expect(organisationCriterion({ ...complete(), activation: null }).missing).toEqual(['activation']);
    expect(organisationCriterion({ ...complete(), activation: { text: '   ' } }).status).toBe('not_met');
    expect(organisationCriterion({ ...complete(), activation: { documentRef: 'Dnr 2024/1' } }).status).toBe(
      'met',
    );
  });

  it('needs the configured number of reachable members', () => {
    const c = organisationCriterion({ ...complete(), reachableMembers: 2 });
    expect(c.missing).toEqual(['members']);
    expect(c.reason.sv).toBe('2 nåbara medlemmar, minst 3 krävs');
    expect(organisationCriterion({ ...complete(), reachableMembers: 2, minMembers: 2 }).status).toBe('met');
  });

  it('lists every gap at once', () => {
    const c = organisationCriterion({
      ...complete(),
      organisation: null,
      agreements: [],
      activation: null,
      reachableMembers: 0,
    });
    expect(c.missing).toEqual(['organisation', 'agreements', 'activation', 'members']);
  });
});

describe('agreementInForce', () => {
  it('includes the first and last day of the term', () => {
    const a = { type: 'avtal_frg', status: 'signed', startDate: TODAY, endDate: TODAY };
    expect(agreementInForce(a, TODAY)).toBe(true);
    expect(agreementInForce(a, '2026-06-16')).toBe(false);
  });
});
