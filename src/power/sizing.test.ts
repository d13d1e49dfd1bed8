import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summariseLoad } from './load.js';
import {
  checkGenset,
  chooseContainer,
  DEFAULT_RUNNING_MARGIN,
  gensetRatedKw,
  ratedCurrentA,
  recommendGensetKva,
  STANDARD_GENSET_SIZES_KVA,
} from './sizing.js';
import { resolvedArb } from './test-arbitraries.js';

describe('recommendGensetKva (hand-checked)', () => {
  it('sizes on running kVA × 1.25 for a mixed store load', () => {
    // 25 kVA × 1.25 = 31.25; 20 kW × 1.25 / 0.8 = 31.25 (tie, kVA wins); 30 / 2 = 15 → 31.25 → 40
    const r = recommendGensetKva({ runningKw: 20, runningKva: 25, startingKva: 30 });
    expect(r.forRunningKva).toBeCloseTo(31.25, 9);
    expect(r.forRunningKwKva).toBeCloseTo(31.25, 9);
    expect(r.forStartingKva).toBeCloseTo(15, 9);
    expect(r.driver).toBe('running_kva');
    expect(r.recommendedKva).toBe(40);
  });

  it('lets the engine kW limit decide for resistive load', () => {
    // 40 kW heater: 40 kVA × 1.25 = 50, but 40 kW × 1.25 / 0.8 = 62.5 kVA → 70
    const r = recommendGensetKva({ runningKw: 40, runningKva: 40, startingKva: 40 });
    expect(r.driver).toBe('running_kw');
    expect(r.requiredKva).toBeCloseTo(62.5, 9);
    expect(r.recommendedKva).toBe(70);
  });

  it('lets a lone DOL compressor start decide (the "3 × motor kW" rule)', () => {
    // 5 kW, pf 0.8, ×5: running 6.25 kVA, starting 31.25 kVA → 31.25 / 2 = 15.6 > 6.25 × 1.25 = 7.8
    const r = recommendGensetKva({ runningKw: 5, runningKva: 6.25, startingKva: 31.25 });
    expect(r.driver).toBe('starting_kva');
    expect(r.requiredKva).toBeCloseTo(15.625, 9);
    expect(r.recommendedKva).toBe(20);
  });

  it('does not jump a size on floating-point noise at a boundary', () => {
    // 32 kVA × 1.25 = 40 exactly; 25.6 kW × 1.25 / 0.8 = 40 (40.000000000000004 in floating point)
    expect(recommendGensetKva({ runningKw: 25.6, runningKva: 32, startingKva: 0 }).recommendedKva).toBe(40);
  });

  it('returns null beyond the largest standard size and honours custom options', () => {
    expect(
      recommendGensetKva({ runningKw: 240, runningKva: 300, startingKva: 300 }).recommendedKva,
    ).toBeNull();
    // margin 1.0 and a custom size list: 33 kVA → 35
    const r = recommendGensetKva(
      { runningKw: 20, runningKva: 33, startingKva: 33 },
      { runningMargin: 1, standardSizesKva: [15, 35, 25] },
    );
    expect(r.recommendedKva).toBe(35);
  });
});

describe('checkGenset (hand-checked)', () => {
  it('reports carrying, margin, starting, utilisation and headroom', () => {
    // 40 kVA = 32 kW. Load 30 kW / 35 kVA, starting 90 kVA.
    const c = checkGenset(40, { runningKw: 30, runningKva: 35, startingKva: 90 });
    expect(c.ratedKw).toBe(32);
    expect(c.carriesRunning).toBe(true); // 35 ≤ 40, 30 ≤ 32
    expect(c.withinMargin).toBe(false); // 35 × 1.25 = 43.75 > 40
    expect(c.handlesStarting).toBe(false); // 90 > 40 × 2
    expect(c.utilisation).toBeCloseTo(0.9375, 9); // max(35/40, 30/32)
    expect(c.headroomKw).toBeCloseTo(2, 9); // min(32 − 30, 40 − 35)
    expect(c.headroomWithMarginKw).toBe(0); // min(25.6 − 30, 32 − 35) < 0 → 0
  });

  it('gives rated current at 400 V', () => {
    // 70 000 VA / (√3 × 400 V) = 101.0 A
    expect(ratedCurrentA(70)).toBeCloseTo(101.04, 2);
    expect(gensetRatedKw(70)).toBe(56);
  });
});

describe('chooseContainer (hand-checked)', () => {
  it('applies the 10/20 ft rule', () => {
    expect(chooseContainer({ gensetKva: 60, tankLitres: 1000, heaterInContainer: false })).toEqual({
      size: '10ft',
      reasons: [],
      externalTank: false,
    });
    expect(chooseContainer({ gensetKva: 70, tankLitres: 500, heaterInContainer: false }).reasons).toEqual([
      'genset_over_10ft_limit',
    ]);
    expect(chooseContainer({ gensetKva: 40, tankLitres: 1200, heaterInContainer: false }).size).toBe('20ft');
    expect(chooseContainer({ gensetKva: 40, tankLitres: 500, heaterInContainer: true })).toMatchObject({
      size: '20ft',
      reasons: ['heater_in_container'],
    });
    expect(chooseContainer({ gensetKva: 40, tankLitres: 3500, heaterInContainer: false })).toEqual({
      size: '20ft',
      reasons: ['tank_over_10ft_limit', 'tank_over_20ft_limit'],
      externalTank: true,
    });
  });

  it('never shrinks the container when genset or tank grows', () => {
    const rank = (s: string) => (s === '10ft' ? 0 : 1);
    fc.assert(
      fc.property(
        fc.constantFrom(...STANDARD_GENSET_SIZES_KVA),
        fc.constantFrom(...STANDARD_GENSET_SIZES_KVA),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.boolean(),
        (k1, k2, t1, t2, heater) => {
          const small = chooseContainer({
            gensetKva: Math.min(k1, k2),
            tankLitres: Math.min(t1, t2),
            heaterInContainer: heater,
          });
          const big = chooseContainer({
            gensetKva: Math.max(k1, k2),
            tankLitres: Math.max(t1, t2),
            heaterInContainer: heater,
          });
          expect(rank(big.size)).toBeGreaterThanOrEqual(rank(small.size));
        },
      ),
    );
  });
});

describe('sizing (properties)', () => {
  it('recommends the smallest standard size that carries the load with margin and starts it', () => {
    fc.assert(
      fc.property(resolvedArb(), (items) => {
        const load = summariseLoad(items, 'all');
        const r = recommendGensetKva(load);
        expect(r.requiredKva).toBeGreaterThanOrEqual(load.runningKva * DEFAULT_RUNNING_MARGIN - 1e-9);
        if (r.recommendedKva === null) {
          expect(r.requiredKva).toBeGreaterThan(Math.max(...STANDARD_GENSET_SIZES_KVA));
          return;
        }
        expect(r.recommendedKva).toBeGreaterThanOrEqual(load.runningKva * DEFAULT_RUNNING_MARGIN - 1e-6);
        const c = checkGenset(r.recommendedKva, load);
        expect(c.withinMargin && c.handlesStarting && c.carriesRunning).toBe(true);
        const smaller = STANDARD_GENSET_SIZES_KVA.filter((s) => s < r.recommendedKva!);
        for (const s of smaller) {
          const cs = checkGenset(s, load);
          expect(cs.withinMargin && cs.handlesStarting).toBe(false);
        }
      }),
    );
  });
});
