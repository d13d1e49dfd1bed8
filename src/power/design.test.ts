import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designPower, powerDesignInputSchema } from './design.js';
import { KALL_EXAMPLE_ITEMS, KALL_GENSET_KVA } from './examples.js';
import { inventoryArb } from './test-arbitraries.js';

/*
 * The Kall case (seed report: 70 kVA genset for store and fuel pumps plus a 50 kW hot-air heater),
 * with the example store of examples.ts and the library defaults:
 *
 *   group 1  lighting 3×1.0, outdoor 0.5, checkouts 2×0.3, back office 0.3, dispensers 2×0.3,
 *            payment terminal 0.5, Rakel 0.05, router 0.05, charging 0.3      = 5.9 kW, pf 0.9 → 6.5556 kVA
 *   group 2  coolers 4×1.2 + cold room 2.5                                      = 7.3 kW, pf 0.8 → 9.125 kVA
 *   group 3  freezer chests 3×0.8 + freezer room 3.0                            = 5.4 kW, pf 0.8 → 6.75 kVA
 *   group 4  submersible pumps 2×1.1                                            = 2.2 kW, pf 0.8 → 2.75 kVA
 *   must-run total                                                              = 20.8 kW        → 25.1806 kVA
 *   group 5  hot-air unit (optional)                                            = 50 kW, pf 1    → 50 kVA
 *   all                                                                         = 70.8 kW        → 75.1806 kVA
 *
 *   expected must-run kW = 5.9 + 4.8×0.6 + 2.5×0.6 + 2.4×0.7 + 3.0×0.7 + 2.2×0.3
 *                        = 5.9 + 2.88 + 1.5 + 1.68 + 2.1 + 0.66 = 14.72 kW
 *
 *   start steps (peak = running so far + step + largest unit surge above running):
 *     g1: 0 + 6.5556 + 0                          =  6.5556
 *     g2: 6.5556 + 9.125 + (5−1)×2.5/0.8 = 12.5   = 28.1806
 *     g3: 15.6806 + 6.75 + (5−1)×3.0/0.8 = 15     = 37.4306  ← worst for must-run
 *     g4: 22.4306 + 2.75 + (6−1)×1.1/0.8 = 6.875  = 32.0556
 *     g5: 25.1806 + 50 + 0                        = 75.1806  ← worst for all
 */
describe('Kall case: 70 kVA genset, store + fuel pumps, 50 kW hot-air heater', () => {
  const design = designPower({
    items: KALL_EXAMPLE_ITEMS,
    installedGensetKva: KALL_GENSET_KVA,
    tankLitres: 1000,
  });

  it('sums the loads', () => {
    expect(design.loads.mustRun.runningKw).toBeCloseTo(20.8, 9);
    expect(design.loads.mustRun.runningKva).toBeCloseTo(25.1806, 4);
    expect(design.loads.mustRun.expectedKw).toBeCloseTo(14.72, 9);
    expect(design.loads.all.runningKw).toBeCloseTo(70.8, 9);
    expect(design.loads.all.runningKva).toBeCloseTo(75.1806, 4);
    expect(design.loads.mustRun.steps.map((s) => Number(s.peakKva.toFixed(4)))).toEqual([
      6.5556, 28.1806, 37.4306, 32.0556,
    ]);
    expect(design.loads.mustRun.startingKva).toBeCloseTo(37.4306, 4);
    expect(design.loads.all.startingKva).toBeCloseTo(75.1806, 4);
  });

  it('recommends 40 kVA for store + fuel and 125 kVA with the heater at full power', () => {
    // must-run: max(25.18×1.25 = 31.48, 20.8×1.25/0.8 = 32.5, 37.43/2 = 18.7) = 32.5 → 40 kVA
    expect(design.recommendation.mustRun.requiredKva).toBeCloseTo(32.5, 9);
    expect(design.recommendation.mustRun.driver).toBe('running_kw');
    expect(design.recommendation.mustRun.recommendedKva).toBe(40);
    // all: max(75.18×1.25 = 93.98, 70.8×1.25/0.8 = 110.6, 75.18/2 = 37.6) = 110.6 → 125 kVA
    expect(design.recommendation.all.requiredKva).toBeCloseTo(110.625, 9);
    expect(design.recommendation.all.recommendedKva).toBe(125);
  });

  it('finds that 70 kVA covers store + fuel but not the heater at full power on top', () => {
    const g = design.genset!;
    expect(g).toMatchObject({ kva: 70, source: 'installed', ratedKw: 56 });
    // must-run: 25.18 ≤ 70 kVA and 20.8 ≤ 56 kW, also with ×1.25 (31.5 ≤ 70, 26 ≤ 56); start 37.4 ≤ 140
    expect(g.mustRun).toMatchObject({ carriesRunning: true, withinMargin: true, handlesStarting: true });
    expect(g.mustRun.utilisation).toBeCloseTo(20.8 / 56, 9);
    // heater room: min(56 − 20.8, 70 − 25.18) = 35.2 kW; with margin min(44.8 − 20.8, 56 − 25.18) = 24 kW
    expect(g.mustRun.headroomKw).toBeCloseTo(35.2, 9);
    expect(g.mustRun.headroomWithMarginKw).toBeCloseTo(24, 9);
    // all: 70.8 kW > 56 kW (and 75.2 kVA > 70 kVA) → the 50 kW heater cannot run at full power with all store loads
    expect(g.all.carriesRunning).toBe(false);
    expect(design.warnings.map((w) => w.code)).toContain('optional_loads_exceed_genset');
    expect(design.warnings.find((w) => w.code === 'optional_loads_exceed_genset')!.sv).toContain('35,2 kW');
  });

  it('computes fuel, autonomy and container', () => {
    // 0.05 × 56 + 0.25 × 14.72 = 2.8 + 3.68 = 6.48 l/h at 26 % load → low-load warning
    expect(design.fuel!.litresPerHour).toBeCloseTo(6.48, 9);
    expect(design.fuel!.fullLoadLitresPerHour).toBeCloseTo(16.8, 9);
    expect(design.fuel!.loadFraction).toBeCloseTo(0.2629, 4);
    expect(design.warnings.map((w) => w.code)).toContain('low_load');
    // 1000 l × 0.9 / 6.48 = 138.9 h ≥ 72 h; 72 h would need 518.4 l
    expect(design.tank).toEqual({ litres: 1000, source: 'given' });
    expect(design.autonomy!.hours).toBeCloseTo(138.89, 2);
    expect(design.autonomy!.meetsTarget).toBe(true);
    expect(design.autonomy!.requiredTankLitres).toBeCloseTo(518.4, 9);
    // 70 kVA > 60 and the heater sits in the container → 20 ft
    expect(design.container).toEqual({
      size: '20ft',
      reasons: ['genset_over_10ft_limit', 'heater_in_container'],
      externalTank: false,
    });
    expect(design.heater).toEqual({ kw: 50, inContainer: true, dieselFired: false });
  });

  it('caps the fuel estimate at the rating when the heater is counted', () => {
    // expected all = 14.72 + 50 = 64.72 kW > 56 kW → the genset can only deliver 56 kW: 16.8 l/h
    const withHeater = designPower({
      items: KALL_EXAMPLE_ITEMS,
      installedGensetKva: KALL_GENSET_KVA,
      tankLitres: 1000,
      fuelScope: 'all',
    });
    expect(withHeater.fuel!.loadKw).toBe(56);
    expect(withHeater.fuel!.litresPerHour).toBeCloseTo(16.8, 9);
    // 900 / 16.8 = 53.6 h < 72 h
    expect(withHeater.autonomy!.hours).toBeCloseTo(53.57, 2);
    expect(withHeater.warnings.map((w) => w.code)).toContain('autonomy_below_target');
  });

  it('sizes genset, tank and container itself when nothing is installed', () => {
    const d = designPower({ items: KALL_EXAMPLE_ITEMS, heaterInContainer: false });
    // 40 kVA = 32 kW: 0.05 × 32 + 0.25 × 14.72 = 1.6 + 3.68 = 5.28 l/h; 72 × 5.28 / 0.9 = 422.4 → 500 l
    expect(d.genset).toMatchObject({ kva: 40, source: 'recommended' });
    expect(d.fuel!.litresPerHour).toBeCloseTo(5.28, 9);
    expect(d.tank).toEqual({ litres: 500, source: 'sized' });
    expect(d.autonomy!.meetsTarget).toBe(true);
    // 40 ≤ 60 kVA, 500 ≤ 1000 l, heater not in the container → 10 ft
    expect(d.container!.size).toBe('10ft');
    // 40 kVA leaves min(32 − 20.8, 40 − 25.18) = 11.2 kW for the heater
    expect(d.genset!.mustRun.headroomKw).toBeCloseTo(11.2, 9);
  });
});

describe('designPower edge cases', () => {
  it('has no genset for an empty inventory', () => {
    const d = designPower({ items: [] });
    expect(d.genset).toBeNull();
    expect(d.fuel).toBeNull();
    expect(d.warnings.map((w) => w.code)).toEqual(['empty_inventory']);
  });

  it('flags an overloaded installed genset', () => {
    const d = designPower({ items: [{ deviceType: 'hot_air_electric', count: 1 }], installedGensetKva: 50 });
    // 50 kW on a 50 kVA (40 kW) genset
    expect(d.genset!.mustRun.carriesRunning).toBe(false);
    expect(d.warnings.map((w) => w.code)).toContain('genset_overloaded');
  });

  it('flags a load beyond the standard sizes', () => {
    const d = designPower({ items: [{ deviceType: 'hot_air_electric', count: 5 }] });
    // 250 kW × 1.25 / 0.8 = 390.6 kVA > 250
    expect(d.genset).toBeNull();
    expect(d.warnings.map((w) => w.code)).toContain('beyond_standard_sizes');
  });

  it('rejects invalid input', () => {
    expect(powerDesignInputSchema.safeParse({ items: [{ deviceType: 'atm', count: 0 }] }).success).toBe(
      false,
    );
    expect(() => designPower({ items: [], installedGensetKva: -5 })).toThrow();
  });

  it('a recommended design always carries its must-run load and meets its target', () => {
    fc.assert(
      fc.property(inventoryArb(), fc.integer({ min: 1, max: 240 }), (items, targetHours) => {
        const d = designPower({ items, targetHours });
        if (!d.genset) return;
        expect(d.genset.mustRun.withinMargin).toBe(true);
        expect(d.genset.mustRun.handlesStarting).toBe(true);
        expect(d.autonomy!.meetsTarget).toBe(true);
        expect(JSON.parse(JSON.stringify(d)).genset.kva).toBe(d.genset.kva);
      }),
    );
  });
});
