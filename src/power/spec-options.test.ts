import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REQUIREMENT_SPEC_DEFAULTS,
  requirementSpecOptionsSchema,
  requirementSpecQuerySchema,
  TRANSFER_SWITCHES,
} from './spec-options.js';

const NUMERIC = [
  'minTemperatureC',
  'snowDepthM',
  'noiseLimitDbAAt7m',
  'trainedOperators',
  'warrantyMonths',
] as const;

describe('kravspecifikation options', () => {
  it('default to the values docs/power-design.md documents', () => {
    expect(REQUIREMENT_SPEC_DEFAULTS).toEqual({
      minTemperatureC: -30,
      transferSwitch: 'either',
      noiseLimitDbAAt7m: 65,
      trainedOperators: 3,
      warrantyMonths: 24,
    });
  });

  it('are the same options as query parameters', () => {
    expect(Object.keys(requirementSpecQuerySchema.shape).sort()).toEqual(
      Object.keys(requirementSpecOptionsSchema.shape).sort(),
    );
    expect(requirementSpecQuerySchema.parse({})).toEqual({});
  });

  it('keep their limits', () => {
    const ok = (options: object) => requirementSpecOptionsSchema.safeParse(options).success;
    expect(ok({ minTemperatureC: -60 })).toBe(true);
    expect(ok({ minTemperatureC: -61 })).toBe(false);
    expect(ok({ minTemperatureC: 1 })).toBe(false);
    expect(ok({ minTemperatureC: -30.5 })).toBe(false);
    expect(ok({ snowDepthM: 1.25 })).toBe(true);
    expect(ok({ snowDepthM: 5.01 })).toBe(false);
    expect(ok({ snowDepthM: null })).toBe(true);
    expect(ok({ noiseLimitDbAAt7m: 39.9 })).toBe(false);
    expect(ok({ trainedOperators: 0 })).toBe(false);
    expect(ok({ warrantyMonths: 121 })).toBe(false);
    expect(ok({ transferSwitch: 'sometimes' })).toBe(false);
    expect(ok({ issuedDate: '2025-02-30' })).toBe(false);
    expect(ok({ reference: 'x'.repeat(101) })).toBe(false);
  });

  it('read a number from the query string exactly when the options accept the number', () => {
    const value = fc.oneof(
      fc.integer({ min: -200, max: 200 }),
      // -0 reads back as 0 from text; that difference does not matter here.
      fc.double({ min: -100, max: 150, noNaN: true }).filter((n) => !Object.is(n, -0)),
      fc.constantFrom(-60, -61, 0, 5, 40, 100, 1, 50, 12, 120),
    );
    fc.assert(
      fc.property(fc.constantFrom(...NUMERIC), value, (key, n) => {
        const options = requirementSpecOptionsSchema.safeParse({ [key]: n });
        const query = requirementSpecQuerySchema.safeParse({ [key]: String(n) });
        expect(query.success).toBe(options.success);
        if (options.success && query.success) expect(query.data[key]).toBe(options.data[key]);
      }),
    );
  });

  it('refuse what is not a number, and every transfer switch reads back', () => {
    for (const key of NUMERIC)
      expect(requirementSpecQuerySchema.safeParse({ [key]: 'kallt' }).success, key).toBe(false);
    for (const v of TRANSFER_SWITCHES)
      expect(requirementSpecQuerySchema.parse({ transferSwitch: v })).toEqual({ transferSwitch: v });
  });
});
