import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectedKw,
  type LoadItemInput,
  loadInventorySchema,
  loadItemSchema,
  resolveInventory,
  resolveLoadItem,
  runningKva,
  runningKw,
  startSteps,
  summariseLoad,
  worstCaseStartingKva,
} from './load.js';
import { inventoryArb, resolvedArb } from './test-arbitraries.js';

const parse = (items: LoadItemInput[]) => loadInventorySchema.parse({ items }).items;

// Small hand-checked inventory.
//   0: 2 × plug-in cooler, library 1.2 kW, pf 0.8, ×5, duty 0.6, group 1
//   1: custom compressor 4 kW, pf 0.8, ×6 (duty default 1), group 2
//   2: 2 × LED lighting per 100 m², library 1.0 kW, pf 0.9, no group
//   3: bake-off oven, library 6 kW, pf 1, optional, group 1
const SMALL: LoadItemInput[] = [
  { deviceType: 'fridge_plugin', count: 2, startGroup: 1 },
  {
    deviceType: 'custom',
    label: 'Kompressor',
    count: 1,
    runningKw: 4,
    powerFactor: 0.8,
    startingMultiplier: 6,
    startGroup: 2,
  },
  { deviceType: 'lighting_led_100m2', count: 2 },
  { deviceType: 'bake_off_oven', count: 1, mustRun: false, startGroup: 1 },
];

describe('loadItemSchema', () => {
  it('defaults mustRun to true and accepts null overrides', () => {
    const item = loadItemSchema.parse({ deviceType: 'atm', count: 1, runningKw: null });
    expect(item.mustRun).toBe(true);
    expect(resolveLoadItem(item).runningKw).toBe(0.5);
  });

  it('requires running kW and a label for custom items', () => {
    const r = loadItemSchema.safeParse({ deviceType: 'custom', count: 1 });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('runningKw');
    expect(paths).toContain('label');
  });

  it('rejects impossible values', () => {
    for (const bad of [
      { deviceType: 'atm', count: 0 },
      { deviceType: 'atm', count: 1.5 },
      { deviceType: 'atm', count: 1, powerFactor: 0 },
      { deviceType: 'atm', count: 1, powerFactor: 1.2 },
      { deviceType: 'atm', count: 1, startingMultiplier: 0.5 },
      { deviceType: 'atm', count: 1, runningKw: -1 },
      { deviceType: 'atm', count: 1, phases: 2 },
      { deviceType: 'toaster', count: 1 },
    ])
      expect(loadItemSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('resolveLoadItem', () => {
  it('fills library defaults and records overrides', () => {
    const [fridge, custom, light] = resolveInventory(parse(SMALL));
    expect(fridge).toMatchObject({
      label: 'Kylmöbel med inbyggt aggregat',
      runningKw: 1.2,
      powerFactor: 0.8,
      startingMultiplier: 5,
      dutyCycle: 0.6,
      category: 'refrigeration',
      overridden: [],
    });
    // Custom items take pf/multiplier from the item and duty 1 from CUSTOM_DEFAULTS.
    expect(custom).toMatchObject({ label: 'Kompressor', runningKw: 4, dutyCycle: 1, category: 'misc' });
    expect(custom.overridden).toEqual(['runningKw', 'startingMultiplier']);
    expect(light.startGroup).toBeNull();
    const override = resolveLoadItem(
      loadItemSchema.parse({ deviceType: 'fridge_plugin', count: 1, powerFactor: 0.7 }),
    );
    expect(override.powerFactor).toBe(0.7);
    expect(override.overridden).toEqual(['powerFactor']);
  });
});

describe('load sums (hand-checked)', () => {
  const items = resolveInventory(parse(SMALL));

  it('sums running kW and kVA per scope', () => {
    // must-run kW = 2×1.2 + 4 + 2×1.0 = 8.4
    expect(runningKw(items, 'mustRun')).toBeCloseTo(8.4, 9);
    // must-run kVA = 2×1.2/0.8 + 4/0.8 + 2×1.0/0.9 = 3 + 5 + 2.2222 = 10.2222
    expect(runningKva(items, 'mustRun')).toBeCloseTo(10.2222, 4);
    // all adds the 6 kW oven at pf 1: 14.4 kW, 16.2222 kVA
    expect(runningKw(items, 'all')).toBeCloseTo(14.4, 9);
    expect(runningKva(items, 'all')).toBeCloseTo(16.2222, 4);
  });

  it('weights expected kW by duty cycle', () => {
    // 2.4×0.6 + 4×1 + 2×1 = 1.44 + 4 + 2 = 7.44
    expect(expectedKw(items, 'mustRun')).toBeCloseTo(7.44, 9);
  });

  it('steps through start groups, ungrouped items last', () => {
    const steps = startSteps(items, 'mustRun');
    expect(steps.map((s) => s.group)).toEqual([1, 2, null]);
    // Step 1: coolers 3.0 kVA; one cooler starting adds (5−1)×1.5 = 6.0 → 9.0
    expect(steps[0].peakKva).toBeCloseTo(9, 9);
    expect(steps[0].largestSurgeItem).toBe(0);
    // Step 2: 3.0 running + compressor 5.0 + (6−1)×5.0 = 25 → 33.0
    expect(steps[1].runningBeforeKva).toBeCloseTo(3, 9);
    expect(steps[1].peakKva).toBeCloseTo(33, 9);
    expect(steps[1].largestSurgeItem).toBe(1);
    // Last step: 8.0 + lighting 2.2222, no surge → 10.2222
    expect(steps[2].peakKva).toBeCloseTo(10.2222, 4);
    expect(steps[2].largestSurgeItem).toBeNull();
    expect(worstCaseStartingKva(items, 'mustRun')).toBeCloseTo(33, 9);
  });

  it('includes optional loads in their group for the all scope', () => {
    // Step 1: coolers 3.0 + oven 6.0 + cooler surge 6.0 = 15; step 2: 9 + 5 + 25 = 39; last: 16.2222
    const steps = startSteps(items, 'all');
    expect(steps.map((s) => Number(s.peakKva.toFixed(4)))).toEqual([15, 39, 16.2222]);
    expect(worstCaseStartingKva(items, 'all')).toBeCloseTo(39, 9);
  });

  it('without groups assumes the largest motor starts last with everything else running', () => {
    const flat = resolveInventory(parse(SMALL.map(({ startGroup: _, ...rest }) => rest)));
    // 10.2222 running + 25 (compressor surge) = 35.2222
    expect(startSteps(flat, 'mustRun')).toHaveLength(1);
    expect(worstCaseStartingKva(flat, 'mustRun')).toBeCloseTo(35.2222, 4);
  });

  it('gives zeros for an empty scope', () => {
    const onlyOptional = resolveInventory(parse([{ deviceType: 'bake_off_oven', count: 1, mustRun: false }]));
    expect(summariseLoad(onlyOptional, 'mustRun')).toMatchObject({
      runningKw: 0,
      runningKva: 0,
      expectedKw: 0,
      startingKva: 0,
      steps: [],
    });
  });
});

describe('load sums (properties)', () => {
  it('starting kVA ≥ running kVA, and all ≥ must-run', () => {
    fc.assert(
      fc.property(resolvedArb(), (items) => {
        for (const scope of ['mustRun', 'all'] as const)
          expect(worstCaseStartingKva(items, scope)).toBeGreaterThanOrEqual(runningKva(items, scope) - 1e-9);
        expect(runningKva(items, 'all')).toBeGreaterThanOrEqual(runningKva(items, 'mustRun') - 1e-9);
        expect(worstCaseStartingKva(items, 'all')).toBeGreaterThanOrEqual(
          worstCaseStartingKva(items, 'mustRun') - 1e-9,
        );
      }),
    );
  });

  it('kVA ≥ kW and expected kW ≤ running kW', () => {
    fc.assert(
      fc.property(resolvedArb(), (items) => {
        expect(runningKva(items, 'all')).toBeGreaterThanOrEqual(runningKw(items, 'all') - 1e-9);
        expect(expectedKw(items, 'all')).toBeLessThanOrEqual(runningKw(items, 'all') + 1e-9);
      }),
    );
  });

  it('staggering never raises the worst case above the ungrouped one', () => {
    fc.assert(
      fc.property(inventoryArb(), (raw) => {
        const grouped = resolveInventory(raw);
        const flat = resolveInventory(raw.map((r) => ({ ...r, startGroup: null })));
        expect(worstCaseStartingKva(grouped, 'all')).toBeLessThanOrEqual(
          worstCaseStartingKva(flat, 'all') + 1e-9,
        );
      }),
    );
  });

  it('adding an item never lowers any sum', () => {
    fc.assert(
      fc.property(inventoryArb(), inventoryArb(1), (raw, extra) => {
        const before = resolveInventory(raw);
        const after = resolveInventory([...raw, ...extra]);
        for (const scope of ['mustRun', 'all'] as const) {
          expect(runningKva(after, scope)).toBeGreaterThanOrEqual(runningKva(before, scope) - 1e-9);
          expect(worstCaseStartingKva(after, scope)).toBeGreaterThanOrEqual(
            worstCaseStartingKva(before, scope) - 1e-9,
          );
        }
      }),
    );
  });
});
