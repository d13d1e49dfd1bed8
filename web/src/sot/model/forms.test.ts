import { describe, expect, it } from 'vitest';
import { designPower } from '../../../../src/power/design.js';
import { KALL_EXAMPLE_ITEMS, KALL_GENSET_KVA } from '../../../../src/power/examples.js';
import { loadItemSchema } from '../../../../src/power/load.js';
import { translate } from '../../i18n.js';
import { bboxAround, byDistance } from '../components/PointPickers.js';
import { pointFixture } from '../test/fixtures.js';
import { zodErrors } from '../validation.js';
import { checkMaintenance, checkSchedule, checkTestRun, emptyTestRun } from './log-forms.js';
import { factLink } from './missing-facts.js';
import {
  agreementBody,
  checkAgreement,
  checkFinancing,
  emptyAgreement,
  emptyFinancing,
} from './money-forms.js';
import {
  checkMember,
  checkTraining,
  emptyMember,
  emptyTraining,
  trainingForm,
} from './organisation-forms.js';
import { checkCreate, checkPointPatch, formFromPoint } from './point-form.js';
import {
  checkPowerPatch,
  itemFromRow,
  liveDesign,
  newItemRow,
  powerFormFromPoint,
  rowFromItem,
} from './power-form.js';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('sv', key, params);

describe('overview form', () => {
  it('turns a point into a form and back into a body the server accepts', () => {
    const point = pointFixture();
    const form = formFromPoint(point);
    const { body, result } = checkPointPatch(form, point.version);
    expect(result.success).toBe(true);
    expect(body).toMatchObject({
      name: 'SOT-punkt Kall Handel',
      storeId: 11,
      fuelStationId: null,
      establishmentModel: 'pilotort',
      fuelMaxDistanceM: 300,
      communication: [
        { type: 'rakel', count: 1, independent: true, note: null },
        { type: 'notice_board', count: 1, note: null },
      ],
      activation: { text: 'Butiksägaren larmar.', documentRef: null, lastReviewed: null },
      version: 3,
    });
  });

  it('leaves "independent" to the server when the user keeps the type’s default', () => {
    const form = formFromPoint(pointFixture({ communication: [{ type: 'vhf_radio', count: 2 }] }));
    expect(form.communication[0].independent).toBe('');
    const { body } = checkPointPatch(form, 1);
    expect((body.communication as object[])[0]).toEqual({ type: 'vhf_radio', count: 2, note: null });
  });

  it('names the row of a bad count, and clears the activation when emptied', () => {
    const form = formFromPoint(pointFixture());
    form.communication[1].count = 'två';
    form.activationText = '  ';
    const { body, result } = checkPointPatch(form, 1);
    expect(body.activation).toBeNull();
    expect(result.success).toBe(false);
    if (!result.success)
      expect(zodErrors(result.error.issues, t)).toEqual({ 'communication.1.count': 'Ange ett tal.' });
  });

  it('needs a store to create a point', () => {
    const none = checkCreate({
      name: '',
      establishmentModel: '',
      store: null,
      fuel: null,
      fuelMaxDistanceM: '300',
    });
    expect(none.result.success).toBe(false);
    const store = pointFixture().store!;
    const ok = checkCreate({ name: '', establishmentModel: '', store, fuel: null, fuelMaxDistanceM: '250' });
    expect(ok.result.success).toBe(true);
    expect(ok.body).toEqual({
      storeId: 11,
      fuelStationId: null,
      establishmentModel: null,
      fuelMaxDistanceM: 250,
    });
  });
});

describe('backup-power form', () => {
  it('computes the Kall example live exactly as the power module does', () => {
    const items = KALL_EXAMPLE_ITEMS.map((i) => loadItemSchema.parse(i));
    const point = pointFixture({
      loadInventory: { items },
      genset: { installed: true, kva: KALL_GENSET_KVA, fuelTankLitres: 1000 },
    });
    const form = powerFormFromPoint(point);
    expect(form.items).toHaveLength(KALL_EXAMPLE_ITEMS.length);
    const live = liveDesign(form);
    const direct = designPower({ items, installedGensetKva: 70, tankLitres: 1000, targetHours: 72 });
    expect(live).toEqual(direct);
    // Hand-checked in docs/power-design.md §6: 40 kVA for the store, 6.48 l/h, 139 h, 20 ft.
    expect(live?.recommendation.mustRun.recommendedKva).toBe(40);
    expect(live?.fuel?.litresPerHour).toBeCloseTo(6.48, 2);
    expect(live?.autonomy?.hours).toBeCloseTo(138.9, 1);
    expect(live?.container?.size).toBe('20ft');
  });

  it('reads Swedish decimals in overrides and leaves empty ones to the library', () => {
    const row = { ...newItemRow('fridge_plugin'), count: '4', runningKw: '1,5', startGroup: '2' };
    expect(itemFromRow(row)).toEqual({
      deviceType: 'fridge_plugin',
      count: 4,
      mustRun: true,
      runningKw: 1.5,
      startGroup: 2,
    });
    expect(rowFromItem(itemFromRow(row))).toEqual(row);
    // Heating is optional by default: load management sheds it first.
    expect(newItemRow('hot_air_electric').mustRun).toBe(false);
  });

  it('shows no numbers while a row does not parse, and names the row', () => {
    const form = powerFormFromPoint(pointFixture());
    form.items = [newItemRow('checkout'), { ...newItemRow('custom'), count: '2' }];
    expect(liveDesign(form)).toBeNull();
    const { result } = checkPowerPatch(form, 3);
    expect(result.success).toBe(false);
    if (!result.success) {
      const errors = zodErrors(result.error.issues, t);
      expect(Object.keys(errors).sort()).toEqual([
        'loadInventory.items.1.label',
        'loadInventory.items.1.runningKw',
      ]);
    }
  });

  it('sends the genset, inventory and target together with the version', () => {
    const form = powerFormFromPoint(pointFixture());
    form.items = [{ ...newItemRow('submersible_pump'), count: '2' }];
    form.kva = '40';
    form.fuelTankLitres = '1 200';
    const { body, result } = checkPowerPatch(form, 3);
    expect(result.success).toBe(true);
    expect(body).toMatchObject({
      genset: { installed: true, kva: 40, fuelTankLitres: 1200, phases: 3 },
      loadInventory: {
        items: [{ deviceType: 'submersible_pump', count: 2, mustRun: true }],
        fuelScope: 'mustRun',
      },
      targetAutonomyHours: 72,
      version: 3,
    });
  });
});

describe('money, organisation and log forms', () => {
  it('parses amounts written with spaces and parties one per line', () => {
    const f = {
      ...emptyFinancing(),
      appliedAmount: '450 000',
      privateCofinancing: '30\u00a0000',
      totalEligibleCost: '',
    };
    const { body, result } = checkFinancing(f);
    expect(result.success).toBe(true);
    expect(body).toMatchObject({ appliedAmount: 450000, privateCofinancing: 30000, totalEligibleCost: null });
    expect(agreementBody({ ...emptyAgreement(), parties: 'Kommunen\n Kall Handel AB \n' }).parties).toEqual([
      'Kommunen',
      'Kall Handel AB',
    ]);
    expect(checkAgreement({ ...emptyAgreement(), startDate: '2024-13-01' }).result.success).toBe(false);
  });

  it('checks a member’s phone and e-mail like the server', () => {
    expect(checkMember({ ...emptyMember(), name: 'Anna', phone: '070-111 22 33' }).result.success).toBe(true);
    const bad = checkMember({ ...emptyMember(), name: 'Anna', phone: 'ring mig', email: 'anna@' });
    expect(bad.result.success).toBe(false);
    if (!bad.result.success)
      expect(Object.keys(zodErrors(bad.result.error.issues, t)).sort()).toEqual(['email', 'phone']);
  });

  it('adds a training record to a member, and changes one without moving it to another member', () => {
    const added = checkTraining({
      ...emptyTraining(7),
      completedOn: '2024-03-01',
      provider: ' MSB ',
      note: ' Repetition 2026 ',
    });
    expect(added.result.success).toBe(true);
    expect(added.body).toEqual({
      memberId: 7,
      course: 'frg_grundutbildning',
      title: null,
      completedOn: '2024-03-01',
      expiresOn: null,
      provider: 'MSB',
      note: 'Repetition 2026',
    });
    const form = trainingForm({
      id: 3,
      memberId: 7,
      course: 'rakel',
      title: 'Rakel för FRG',
      completedOn: '2020-03-01',
      expiresOn: '2023-03-01',
      provider: null,
      note: 'kvar',
      expired: true,
      expiresSoon: false,
    });
    expect(form).toMatchObject({
      memberId: '7',
      title: 'Rakel för FRG',
      expiresOn: '2023-03-01',
      provider: '',
      note: 'kvar',
    });
    // The PATCH body has no memberId (the server refuses it) and clears what was emptied.
    const changed = checkTraining({ ...form, expiresOn: '', title: '', note: '' }, true);
    expect(changed.result.success).toBe(true);
    expect(changed.body).toEqual({
      course: 'rakel',
      title: null,
      completedOn: '2020-03-01',
      expiresOn: null,
      provider: null,
      note: null,
    });
    const noDate = checkTraining({ ...form, completedOn: '' }, true);
    expect(noDate.result.success).toBe(false);
    if (!noDate.result.success)
      expect(Object.keys(zodErrors(noDate.result.error.issues, t))).toEqual(['completedOn']);
  });

  it('asks the operator for duration and result', () => {
    const empty = checkTestRun(emptyTestRun('2026-05-02'));
    expect(empty.result.success).toBe(false);
    if (!empty.result.success)
      expect(Object.keys(zodErrors(empty.result.error.issues, t)).sort()).toEqual([
        'durationHours',
        'passed',
      ]);
    const ok = checkTestRun({
      ...emptyTestRun('2026-05-02'),
      durationHours: '4,5',
      passed: 'true',
      fuelUsedLitres: '18',
    });
    expect(ok.result.success).toBe(true);
    expect(ok.body).toMatchObject({
      date: '2026-05-02',
      durationHours: 4.5,
      passed: true,
      fuelUsedLitres: 18,
      loadKw: null,
    });
    expect(checkMaintenance({ type: 'oil', date: '', note: '' }).body).toEqual({ type: 'oil', note: null });
    expect(checkSchedule({ monthlyHours: '4', yearlyFullLoadHours: '12,5' }).body).toEqual({
      monthlyHours: 4,
      yearlyFullLoadHours: 12.5,
    });
  });
});

describe('where missing facts are fixed', () => {
  it('sends store facts to the registry form and the rest to a section of the point', () => {
    expect(factLink('store.attributes.freshGroups', 7, 11, true).href).toBe('/servicepunkter/11');
    expect(factLink('store.attributes.freshGroups', 7, 11, false).href).toBeNull();
    expect(factLink('genset.kva', 7, 11, false).href).toBe('/sot-punkter/7/reservkraft#genset');
    expect(factLink('communication.notice_board', 7, 11, true).href).toBe('/sot-punkter/7#communication');
    expect(factLink('agreements', 7, null, true)).toEqual({
      label: 'crit.fact.agreements',
      href: '/sot-punkter/7/avtal',
    });
  });
});

describe('fuel stations near the store', () => {
  it('are sorted by distance and cut at the search radius', () => {
    const store = { lat: 63.47, lon: 13.25 };
    const stations = [
      { id: 1, lat: 63.48, lon: 13.25 }, // ≈ 1.1 km
      { id: 2, lat: 63.471, lon: 13.25 }, // ≈ 111 m
      { id: 3, lat: 63.6, lon: 13.25 }, // ≈ 14 km
    ];
    const near = byDistance(store, stations, 5000);
    expect(near.map((s) => s.id)).toEqual([2, 1]);
    expect(near[0].distanceM).toBeCloseTo(111.2, 0);
    const [minLon, minLat, maxLon, maxLat] = bboxAround(store.lat, store.lon, 5000);
    expect(maxLat - store.lat).toBeCloseTo(5000 / 111_320, 5);
    expect(store.lon - minLon).toBeGreaterThan(store.lat - minLat); // degrees of longitude are shorter up north
    expect(maxLon).toBeGreaterThan(store.lon);
  });
});
