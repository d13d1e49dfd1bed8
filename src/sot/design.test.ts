import { describe, expect, it } from 'vitest';
import { designPower } from '../power/design.js';
import { KALL_EXAMPLE_ITEMS } from '../power/examples.js';
import { designInputOf, parseLoadInventory, powerFacts, specFilename } from './design.js';

const point = (genset: Record<string, unknown>, items = KALL_EXAMPLE_ITEMS, target = 72) => ({
  genset,
  loadInventory: { items } as Record<string, unknown>,
  targetAutonomyHours: target,
});

describe('power facts of a point', () => {
  it('maps the point onto the power module: installed rating, tank and target', () => {
    expect(
      designInputOf(point({ installed: true, kva: 70, fuelTankLitres: 1200 }, KALL_EXAMPLE_ITEMS, 96)),
    ).toMatchObject({
      installedGensetKva: 70,
      tankLitres: 1200,
      targetHours: 96,
    });
    expect(designInputOf({ genset: {}, loadInventory: null, targetAutonomyHours: 72 })).toBeNull();
  });

  it('the Kall case: 70 kVA covers store and pumps; the optional heater does not raise the requirement', () => {
    const f = powerFacts(point({ installed: true, kva: 70, fuelTankLitres: 1200 }));
    const withoutHeater = designPower({ items: KALL_EXAMPLE_ITEMS.filter((i) => i.mustRun !== false) });
    expect(f.requiredKva).toBeCloseTo(withoutHeater.recommendation.mustRun.requiredKva, 9);
    expect(f.requiredKva).toBeLessThanOrEqual(70);
    expect(f.coversFuel).toBe(true);
    expect(f.autonomyHours).toBeGreaterThan(0);
    expect(f.autonomyMet).toBe(f.autonomyHours! >= 72);
  });

  it('without a stated tank or rating there is no autonomy figure', () => {
    expect(powerFacts(point({ installed: false })).autonomyHours).toBeNull();
    expect(powerFacts(point({ installed: true, kva: 70 })).autonomyHours).toBeNull();
  });

  it('notices an inventory without fuel dispensers', () => {
    const storeOnly = KALL_EXAMPLE_ITEMS.filter(
      (i) => !['fuel_dispenser', 'submersible_pump'].includes(i.deviceType),
    );
    expect(powerFacts(point({ installed: true, kva: 70 }, storeOnly)).coversFuel).toBe(false);
    expect(powerFacts(point({ installed: true, kva: 70 }, [])).requiredKva).toBeNull();
  });

  it('reports inventory errors under loadInventory.*', () => {
    expect(() => parseLoadInventory({ items: [{ deviceType: 'teleporter', count: 1 }] })).toThrow(
      expect.objectContaining({
        details: [expect.objectContaining({ field: 'loadInventory.items.0.deviceType' })],
      }),
    );
  });

  it('makes ASCII file names for the specification', () => {
    expect(specFilename('SOT-punkt Kälarne Lanthandel', 'pdf')).toBe(
      'kravspecifikation-sot-punkt-kalarne-lanthandel.pdf',
    );
    expect(specFilename('åäö', 'md')).toBe('kravspecifikation-aao.md');
    expect(specFilename('!!!', 'md')).toBe('kravspecifikation-sot-punkt.md');
  });
});
