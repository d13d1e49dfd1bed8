import { describe, expect, it } from 'vitest';
import { type FinancingFacts, financingChecks } from './financing.js';

const grant: FinancingFacts = {
  programme: 'landsbygdsprogrammet_7_4_6b',
  status: 'beviljad',
  appliedAmount: 765_000,
  grantedAmount: 765_000,
  totalEligibleCost: 850_000,
  privateCofinancing: 85_000,
  publicCofinancing: null,
  payoutStatus: 'ej_utbetalt',
};

describe('financingChecks', () => {
  it('accepts exactly 10 % private co-financing for 7.4/6b', () => {
    const c = financingChecks(grant);
    expect(c.privateShare).toBeCloseTo(0.1, 10);
    expect(c.requiredPrivateShare).toBe(0.1);
    expect(c.privateShareOk).toBe(true);
    expect(c.gap).toBe(0);
    expect(c.flags).toEqual([]);
  });

  it('flags a private share below 10 %', () => {
    const c = financingChecks({ ...grant, privateCofinancing: 84_999, publicCofinancing: 1 });
    expect(c.privateShareOk).toBe(false);
    expect(c.flags.map((f) => f.code)).toEqual(['private_share_below_required']);
    expect(c.flags[0].message.sv).toBe('privat andel 10 %, minst 10 % krävs');
    const low = financingChecks({ ...grant, privateCofinancing: 50_000, publicCofinancing: 35_000 });
    expect(low.flags[0].message.en).toBe('private share 5.9 %, at least 10 % required');
  });

  it('asks for the facts when the share cannot be computed', () => {
    const c = financingChecks({ ...grant, totalEligibleCost: null });
    expect(c.privateShare).toBeNull();
    expect(c.privateShareOk).toBeNull();
    expect(c.flags.map((f) => f.code)).toEqual(['private_share_unknown']);
  });

  it('other programmes have no private-share requirement', () => {
    const c = financingChecks({ ...grant, programme: 'forordning_2000_284', privateCofinancing: 0 });
    expect(c.requiredPrivateShare).toBeNull();
    expect(c.privateShareOk).toBeNull();
    expect(c.flags.map((f) => f.code)).toEqual(['financing_gap']);
    expect(c.gap).toBe(85_000);
  });

  it('flags a grant above the amount applied for', () => {
    expect(financingChecks({ ...grant, appliedAmount: 700_000 }).flags.map((f) => f.code)).toContain(
      'granted_exceeds_applied',
    );
  });

  it('is open while awaiting a decision or until paid out', () => {
    expect(financingChecks({ ...grant, status: 'ansokt' }).open).toBe(true);
    expect(financingChecks(grant).open).toBe(true);
    expect(financingChecks({ ...grant, payoutStatus: 'delvis' }).open).toBe(true);
    expect(financingChecks({ ...grant, payoutStatus: 'utbetalt' }).open).toBe(false);
    expect(financingChecks({ ...grant, status: 'avslagen' }).open).toBe(false);
    expect(financingChecks({ ...grant, status: 'utkast' }).open).toBe(false);
  });
});
