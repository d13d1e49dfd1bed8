/** fast-check generators for power tests. */
import fc from 'fast-check';
import { DEVICE_TYPE_IDS } from './devices.js';
import { type LoadItem, loadItemSchema, type ResolvedLoadItem, resolveInventory } from './load.js';

/** A valid library-based load item, sometimes with overrides. */
export const loadItemArb: fc.Arbitrary<LoadItem> = fc
  .record({
    deviceType: fc.constantFrom(...DEVICE_TYPE_IDS),
    count: fc.integer({ min: 1, max: 20 }),
    mustRun: fc.boolean(),
    startGroup: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    runningKw: fc.option(fc.double({ min: 0.01, max: 60, noNaN: true }), { nil: null }),
    powerFactor: fc.option(fc.double({ min: 0.5, max: 1, noNaN: true }), { nil: null }),
    startingMultiplier: fc.option(fc.double({ min: 1, max: 8, noNaN: true }), { nil: null }),
  })
  .map((r) => loadItemSchema.parse(r));

export const inventoryArb = (maxLength = 15): fc.Arbitrary<LoadItem[]> =>
  fc.array(loadItemArb, { minLength: 1, maxLength });

export const resolvedArb = (maxLength = 15): fc.Arbitrary<ResolvedLoadItem[]> =>
  inventoryArb(maxLength).map(resolveInventory);
