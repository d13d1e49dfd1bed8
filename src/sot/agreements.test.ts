import { describe, expect, it } from 'vitest';
import { type RenewalFacts, renewalOf } from './agreements.js';

const base: RenewalFacts = {
  type: 'driftavtal_butik',
  status: 'signed',
  startDate: '2024-01-01',
  endDate: '2027-12-31',
  noticeMonths: 6,
  reminderDays: 90,
};

describe('renewalOf', () => {
  it('reminds reminderDays before the notice deadline (end − notice)', () => {
    const r = renewalOf(base, [base], '2027-04-01');
    expect(r.noticeDeadline).toBe('2027-06-30');
    expect(r.reminderDate).toBe('2027-04-01');
    expect(r.reminderDue).toBe(true);
    expect(r.inForce).toBe(true);
    expect(r.daysToEnd).toBe(274);
    expect(renewalOf(base, [base], '2027-03-31').reminderDue).toBe(false);
  });

  it('keeps reminding after expiry until the agreement is renewed', () => {
    const r = renewalOf(base, [base], '2028-02-01');
    expect(r).toMatchObject({ reminderDue: true, expired: true, inForce: false });
    expect(r.daysToEnd).toBeLessThan(0);
  });

  it('a later signed agreement of the same type supersedes it', () => {
    const renewal: RenewalFacts = { ...base, startDate: '2028-01-01', endDate: '2031-12-31' };
    const r = renewalOf(base, [base, renewal], '2027-10-01');
    expect(r.superseded).toBe(true);
    expect(r.reminderDue).toBe(false);
    // A draft renewal or another type does not.
    expect(renewalOf(base, [base, { ...renewal, status: 'draft' }], '2027-10-01').reminderDue).toBe(true);
    expect(renewalOf(base, [base, { ...renewal, type: 'underhall' }], '2027-10-01').reminderDue).toBe(true);
  });

  it('drafts, terminated and open-ended agreements never remind', () => {
    expect(renewalOf({ ...base, status: 'draft' }, [], '2027-10-01').reminderDue).toBe(false);
    expect(renewalOf({ ...base, status: 'terminated' }, [], '2027-10-01').reminderDue).toBe(false);
    const open = renewalOf({ ...base, endDate: null }, [], '2040-01-01');
    expect(open).toMatchObject({ reminderDue: false, noticeDeadline: null, expired: false, inForce: true });
  });

  it('a notice period of 0 and reminder of 0 remind on the end date itself', () => {
    const r = renewalOf({ ...base, noticeMonths: 0, reminderDays: 0 }, [], '2027-12-31');
    expect(r.reminderDate).toBe('2027-12-31');
    expect(r.reminderDue).toBe(true);
  });
});
