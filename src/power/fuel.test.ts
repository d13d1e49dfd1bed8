import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autonomy,
  dieselLitresPerHour,
  loadFraction,
  roundUpLitres,
  runtimeHours,
  tankLitresForHours,
} from './fuel.js';

describe('dieselLitresPerHour (hand-checked)', () => {
  it('is 0.05 l/h per rated kW plus 0.25 l per delivered kWh', () => {
    // 70 kVA = 56 kW rated: no-load 0.05 × 56 = 2.8 l/h; at 14.72 kW: 2.8 + 0.25 × 14.72 = 6.48 l/h
    expect(dieselLitresPerHour(70, 0)).toBeCloseTo(2.8, 9);
    expect(dieselLitresPerHour(70, 14.72)).toBeCloseTo(6.48, 9);
    // full load: 2.8 + 0.25 × 56 = 16.8 l/h (0.30 l/kWh)
    expect(dieselLitresPerHour(70, 56)).toBeCloseTo(16.8, 9);
  });

  it('stays within ±6 % of the generic 60 kW consumption chart it was fitted to', () => {
    // 75 kVA = 60 kW. Chart (l/h) at ¼, ½, ¾, full load: 6.8, 11.0, 14.4, 18.2.
    // Formula: 3 + 0.25 × (15, 30, 45, 60) = 6.75, 10.5, 14.25, 18.0
    const chart = [6.8, 11.0, 14.4, 18.2];
    [15, 30, 45, 60].forEach((kw, i) => {
      const lph = dieselLitresPerHour(75, kw);
      expect(Math.abs(lph - chart[i]) / chart[i]).toBeLessThan(0.06);
    });
  });

  it('accepts a custom curve', () => {
    // 50 kW genset (62.5 kVA) with HOMER's worked example curve F0 0.033, F1 0.273: at 25 kW ≈ 8.48 l/h
    const lph = dieselLitresPerHour(62.5, 25, {
      interceptLitresPerHourPerRatedKw: 0.033,
      slopeLitresPerKwh: 0.273,
    });
    expect(lph).toBeCloseTo(8.475, 3);
  });

  it('grows with load and with rating', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 250, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (kva, kw, more) => {
          expect(dieselLitresPerHour(kva, kw + more)).toBeGreaterThanOrEqual(dieselLitresPerHour(kva, kw));
          expect(dieselLitresPerHour(kva + more, kw)).toBeGreaterThanOrEqual(dieselLitresPerHour(kva, kw));
        },
      ),
    );
  });
});

describe('runtime and autonomy (hand-checked)', () => {
  it('uses 90 % of the tank by default', () => {
    // 1000 l × 0.9 / 6.48 l/h = 138.9 h
    expect(runtimeHours(1000, 6.48)).toBeCloseTo(138.89, 2);
    expect(runtimeHours(1000, 6.48, 1)).toBeCloseTo(154.32, 2);
    expect(runtimeHours(1000, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('sizes a tank for a target', () => {
    // 72 h × 6.48 l/h / 0.9 = 518.4 l → 600 l in 100 l steps
    expect(tankLitresForHours(72, 6.48)).toBeCloseTo(518.4, 9);
    expect(roundUpLitres(518.4)).toBe(600);
    expect(roundUpLitres(500)).toBe(500);
  });

  it('compares with the target', () => {
    // 400 l × 0.9 / 6.48 = 55.6 h < 72 h: short by 16.4 h
    const a = autonomy({ tankLitres: 400, litresPerHour: 6.48 });
    expect(a.targetHours).toBe(72);
    expect(a.meetsTarget).toBe(false);
    expect(a.hours).toBeCloseTo(55.56, 2);
    expect(a.shortfallHours).toBeCloseTo(16.44, 2);
    expect(a.requiredTankLitres).toBeCloseTo(518.4, 9);
    const b = autonomy({ tankLitres: 1000, litresPerHour: 6.48, targetHours: 120 });
    expect(b.meetsTarget).toBe(true);
    expect(b.shortfallHours).toBe(0);
  });

  it('computes load fraction against kW rating', () => {
    // 14.72 kW on 70 kVA (56 kW) = 26.3 %
    expect(loadFraction(70, 14.72)).toBeCloseTo(0.2629, 4);
  });
});

describe('runtime (properties)', () => {
  it('more tank gives more hours; more consumption gives fewer', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (tank, extra, lph) => {
          expect(runtimeHours(tank + extra, lph)).toBeGreaterThanOrEqual(runtimeHours(tank, lph));
          expect(runtimeHours(tank, lph + extra)).toBeLessThanOrEqual(runtimeHours(tank, lph));
        },
      ),
    );
  });

  it('a tank sized for the target meets it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (h, lph) => {
          const a = autonomy({
            tankLitres: roundUpLitres(tankLitresForHours(h, lph)),
            litresPerHour: lph,
            targetHours: h,
          });
          expect(a.meetsTarget).toBe(true);
        },
      ),
    );
  });
});
