import { describe, expect, it } from 'vitest';
import { ROLES, SERVICE_POINT_KINDS } from '../../src/shared/kinds.js';
import {
  FRESH_GROUPS,
  FUELS,
  PAYMENTS,
  STAFFING_MODELS,
  TURNOVER_BANDS,
} from '../../src/shared/service-point.js';
import {
  enumLabel,
  formatDateTime,
  formatNumber,
  initialLang,
  isMessageKey,
  kindLabel,
  MESSAGES,
  parseDecimal,
  translate,
} from './i18n.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys in Swedish and English, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.sv).sort());
    for (const lang of ['sv', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(MESSAGES.sv) as (keyof typeof MESSAGES.sv)[]) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES.sv[key]));
    }
  });

  it('label every value of the shared lists and every role', () => {
    const lists: [string, readonly string[]][] = [
      ['fresh', FRESH_GROUPS],
      ['turnover', TURNOVER_BANDS],
      ['staffing', STAFFING_MODELS],
      ['fuel', FUELS],
      ['payment', PAYMENTS],
      ['role', ROLES],
    ];
    for (const [prefix, values] of lists) {
      for (const value of values) expect(isMessageKey(`${prefix}.${value}`), `${prefix}.${value}`).toBe(true);
    }
    for (const kind of SERVICE_POINT_KINDS) {
      expect(kindLabel('sv', kind)).not.toBe(kind);
      expect(kindLabel('en', kind)).not.toBe(kindLabel('sv', kind));
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('sv', 'table.page', { page: 2, pages: 5 })).toBe('Sida 2 av 5');
    expect(translate('en', 'table.page', { page: 2 })).toBe('Page 2 of {pages}');
  });

  it('falls back to the raw value for labels of unknown values', () => {
    expect(enumLabel('sv', 'fuel', 'diesel')).toBe('Diesel');
    expect(enumLabel('sv', 'fuel', 'lpg')).toBe('lpg');
    expect(kindLabel('en', 'spaceport')).toBe('spaceport');
  });
});

describe('Swedish formatting', () => {
  it('groups digits with a no-break space and uses a decimal comma', () => {
    expect(formatNumber(12345)).toBe('12\u00a0345');
    expect(formatNumber(63.1942, true)).toBe('63,1942');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
  });

  it('formats timestamps as date and time', () => {
    expect(formatDateTime('2026-03-05T10:07:00Z')).toMatch(/^2026-03-0[45] \d{2}:\d{2}$/);
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime(null)).toBe('–');
  });

  it('parses numbers typed the Swedish or the English way', () => {
    expect(parseDecimal('63,5')).toBe(63.5);
    expect(parseDecimal(' 63.5 ')).toBe(63.5);
    expect(parseDecimal('1 500')).toBe(1500);
    expect(parseDecimal('1\u00a0500')).toBe(1500);
    expect(parseDecimal('−3,25')).toBe(-3.25);
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('12abc')).toBeNaN();
    expect(parseDecimal('1,2,3')).toBeNaN();
  });
});

describe('initial language', () => {
  it('is Swedish unless English was chosen', () => {
    expect(initialLang(null)).toBe('sv');
    expect(initialLang('de')).toBe('sv');
    expect(initialLang('en')).toBe('en');
    expect(initialLang('sv')).toBe('sv');
  });
});
