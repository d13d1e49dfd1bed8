import { describe, expect, it } from 'vitest';
import { KIND_LABELS, SERVICE_POINT_KINDS } from '../../../src/shared/kinds.js';
import { MESSAGES } from '../i18n.js';
import { importIssueText } from './import-issue-text.js';

describe('importIssueText', () => {
  it('translates a known code with its params', () => {
    const issue = { reason: "not a number: 'abc'", code: 'not_a_number', params: { value: 'abc' } };
    expect(importIssueText('sv', issue)).toBe("inte ett tal: 'abc'");
    expect(importIssueText('en', issue)).toBe("not a number: 'abc'");
    expect(
      importIssueText('sv', {
        reason: 'the point lies in municipality 9903, outside your territory',
        code: 'outside_territory',
        params: { code: '9903' },
      }),
    ).toBe('punkten ligger i kommun 9903, utanför ditt område');
  });

  it('names the allowed kinds by their labels', () => {
    const issue = {
      reason: "unknown kind 'okänd'; …",
      code: 'unknown_kind',
      params: { value: 'okänd', allowed: SERVICE_POINT_KINDS.join(', ') },
    };
    const sv = importIssueText('sv', issue);
    expect(sv).toMatch(/^okänd typ 'okänd'; tillåtna är Dagligvarubutik, Närbutik\/kiosk, /);
    for (const kind of SERVICE_POINT_KINDS) expect(sv).toContain(KIND_LABELS[kind].sv);
    expect(sv).not.toContain('grocery');
    expect(importIssueText('en', issue)).toContain('expected one of Grocery store, Convenience store, ');
  });

  it('formats numbers Swedish style but keeps ids and lines as they are', () => {
    expect(importIssueText('sv', { reason: '…', code: 'lat_out_of_range', params: { value: 95.5 } })).toBe(
      'latituden 95,5 ligger utanför -90…90',
    );
    expect(importIssueText('sv', { reason: '…', code: 'no_external_id', params: { n: 1200 } })).toMatch(
      /^1\s200 rader saknar externt id; /,
    );
    expect(importIssueText('sv', { reason: '…', code: 'duplicate_row', params: { ref: 'd1', at: 4 } })).toBe(
      'dubblettrad: externt id d1 med samma kedja, namn och koordinater som rad 4',
    );
    expect(
      importIssueText('en', {
        reason: '…',
        code: 'duplicate_external_id',
        params: { ref: 'd2', n: 2, at: '6, 7', stored: 'd2#x' },
      }),
    ).toBe('external id d2 is used by 2 rows (lines 6, 7); stored as d2#x');
    expect(
      importIssueText('sv', {
        reason: '…',
        code: 'external_id_collision',
        params: { ref: 'x', at: 'node/12' },
      }),
    ).toBe('externt id x används också av node/12');
  });

  it('falls back to the English reason for absent or unknown codes', () => {
    expect(importIssueText('sv', { reason: 'something new' })).toBe('something new');
    expect(importIssueText('sv', { reason: 'later', code: 'not_yet_translated' })).toBe('later');
    // A code that names another, non-issue message must not be picked up.
    expect(importIssueText('sv', { reason: 'r', code: '../import.title' })).toBe('r');
  });

  it('has a Swedish and an English text with the same placeholders for every code', () => {
    const keys = Object.keys(MESSAGES.sv).filter((k) => k.startsWith('importIssue.'));
    expect(keys.length).toBeGreaterThan(20);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of keys) {
      const k = key as keyof typeof MESSAGES.sv;
      expect(holes(MESSAGES.en[k]), key).toEqual(holes(MESSAGES.sv[k]));
    }
  });
});
