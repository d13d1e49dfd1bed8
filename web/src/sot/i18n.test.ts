import { describe, expect, it } from 'vitest';
import { DEVICE_CATEGORIES } from '../../../src/power/devices.js';
import { type ChecklistFacts, evaluateChecklist } from '../../../src/sot/lagstaniva.js';
import { SOT_MESSAGES, type SotKey, sotTranslate } from './i18n.js';
import { factLabel } from './model/missing-facts.js';
import { POINT_TABS } from './urls.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('SOT dictionaries', () => {
  it('have the same keys in Swedish and English, none empty, with the same placeholders', () => {
    expect(Object.keys(SOT_MESSAGES.en).sort()).toEqual(Object.keys(SOT_MESSAGES.sv).sort());
    for (const key of Object.keys(SOT_MESSAGES.sv) as SotKey[]) {
      expect(SOT_MESSAGES.sv[key].trim(), key).not.toBe('');
      expect(SOT_MESSAGES.en[key].trim(), key).not.toBe('');
      expect(placeholders(SOT_MESSAGES.en[key]), key).toEqual(placeholders(SOT_MESSAGES.sv[key]));
    }
  });

  it('name every section, status mark, sizing driver and container reason', () => {
    const keys = [
      ...POINT_TABS.map((t) => `tab.${t}`),
      ...['met', 'not_met', 'unknown'].map((s) => `crit.status.${s}`),
      ...['met', 'not_met', 'unknown'].map((s) => `board.legend.${s}`),
      ...['running_kva', 'running_kw', 'starting_kva'].map((d) => `pw.driver.${d}`),
      ...[
        'genset_over_10ft_limit',
        'tank_over_10ft_limit',
        'heater_in_container',
        'tank_over_20ft_limit',
      ].map((r) => `pw.reason.${r}`),
    ];
    for (const key of keys) expect(Object.hasOwn(SOT_MESSAGES.sv, key), key).toBe(true);
    expect(DEVICE_CATEGORIES.length).toBeGreaterThan(0);
  });

  it('fills placeholders', () => {
    expect(sotTranslate('sv', 'board.autonomy', { hours: '139', target: '72' })).toBe('139 h av 72 h');
    expect(sotTranslate('en', 'pick.within', { max: 300 })).toBe('within 300 m');
  });
});

describe('missing facts of the checklist', () => {
  it('have a label for every fact the server can name', () => {
    // Facts that fail everything, and facts that leave things unknown, between them name every path.
    const empty: ChecklistFacts = {
      today: '2026-06-15',
      store: { kind: 'grocery', name: 'Butik', attributes: {} },
      fuel: { kind: 'fuel', name: 'Mack' },
      fuelDistanceM: null,
      fuelMaxDistanceM: 300,
      genset: { installed: true },
      requiredKva: 20,
      inventoryCoversFuel: false,
      communication: [],
      organisation: null,
      agreements: [],
      activation: null,
      reachableMembers: 0,
      minMembers: 3,
    };
    const none: ChecklistFacts = {
      ...empty,
      store: null,
      fuel: null,
      genset: { installed: false },
      requiredKva: null,
    };
    const unknownLoad: ChecklistFacts = { ...empty, requiredKva: null };
    const facts = new Set(
      [empty, none, unknownLoad].flatMap((f) => evaluateChecklist(f).criteria.flatMap((c) => c.missing)),
    );
    expect(facts.size).toBeGreaterThanOrEqual(15);
    for (const fact of facts) expect(factLabel(fact), fact).not.toBe('crit.fact.other');
  });
});
