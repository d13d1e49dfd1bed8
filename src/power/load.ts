/**
 * Load inventory of a SOT-punkt and the load sums that size its genset: running kW/kVA, expected
 * (duty-weighted) kW and worst-case starting kVA with staggered starts. Pure; imports only zod and
 * the device library so server, CLI and web compute the same numbers.
 *
 * Formulas (docs/power-design.md §2):
 *   running kVA of an item   = count × runningKw / powerFactor
 *   starting kVA of one unit = startingMultiplier × runningKw / powerFactor
 *   step peak (start group g) = running kVA of every item in groups ≤ g
 *                               + max over units in g of (startingMultiplier − 1) × unit running kVA
 *   worst-case starting kVA  = max over steps of the step peak
 * kVA of different items is added arithmetically (ignoring phase-angle differences), which
 * overstates the vector sum slightly: a conservative simplification.
 */
import { z } from 'zod';
import {
  CUSTOM_DEVICE_TYPE,
  type DeviceCategory,
  type DeviceDefaults,
  deviceType,
  deviceTypeIdSchema,
  type LoadDeviceTypeId,
} from './devices.js';

const override = (schema: z.ZodNumber) => schema.nullish();

/**
 * One line of the inventory: a device type, how many, and optional overrides of the library
 * defaults (null or absent = use the library value). `custom` items must give `runningKw` and
 * `label`; their other values default to pf 0.8, no surge, duty 1, 1 phase.
 */
export const loadItemSchema = z
  .object({
    deviceType: deviceTypeIdSchema,
    label: z.string().trim().min(1).max(120).nullish(),
    count: z.number().int().min(1).max(999),
    runningKw: override(z.number().min(0).max(2000)),
    powerFactor: override(z.number().min(0.1).max(1)),
    startingMultiplier: override(z.number().min(1).max(10)),
    dutyCycle: override(z.number().min(0).max(1)),
    phases: z.union([z.literal(1), z.literal(3)]).nullish(),
    /** Must the genset carry this load in an outage? Optional loads (e.g. a heater) are shown separately. */
    mustRun: z.boolean().default(true),
    /** Start step after transfer to the genset (1 = first). Items without a group start last. */
    startGroup: z.number().int().min(1).max(20).nullish(),
  })
  .superRefine((item, ctx) => {
    if (item.deviceType !== CUSTOM_DEVICE_TYPE) return;
    if (item.runningKw == null)
      ctx.addIssue({ code: 'custom', path: ['runningKw'], message: 'A custom item needs its running kW' });
    if (item.label == null)
      ctx.addIssue({ code: 'custom', path: ['label'], message: 'A custom item needs a label' });
  });

/** A load item as submitted (mustRun may be omitted). */
export type LoadItemInput = z.input<typeof loadItemSchema>;
/** A validated load item. */
export type LoadItem = z.output<typeof loadItemSchema>;

export const loadInventorySchema = z.object({ items: z.array(loadItemSchema).max(300) });
export type LoadInventory = z.output<typeof loadInventorySchema>;

/** Which items a sum covers: only the must-run ones, or every item including optional loads. */
export type LoadScope = 'mustRun' | 'all';

/** Values assumed for `custom` items that do not give them: pf 0.8 is a cautious guess for unknown loads. */
export const CUSTOM_DEFAULTS: DeviceDefaults = {
  runningKw: 0,
  powerFactor: 0.8,
  startingMultiplier: 1,
  dutyCycle: 1,
  phases: 1,
};

/** A load item with every value filled in from its overrides or the library. */
export interface ResolvedLoadItem extends DeviceDefaults {
  /** Position in the submitted inventory (for messages and UI highlighting). */
  index: number;
  deviceType: LoadDeviceTypeId;
  category: DeviceCategory;
  /** The user's label, else the library's Swedish label. */
  label: string;
  labelEn: string;
  count: number;
  mustRun: boolean;
  startGroup: number | null;
  /** Which values the user overrode. */
  overridden: (keyof DeviceDefaults)[];
}

/** Fills in library defaults. */
export function resolveLoadItem(item: LoadItem, index = 0): ResolvedLoadItem {
  const lib = deviceType(item.deviceType);
  const defaults: DeviceDefaults = lib ?? CUSTOM_DEFAULTS;
  const overridden: (keyof DeviceDefaults)[] = [];
  const pick = <K extends keyof DeviceDefaults>(key: K): DeviceDefaults[K] => {
    const v = item[key] as DeviceDefaults[K] | null | undefined;
    if (v == null) return defaults[key];
    if (v !== defaults[key]) overridden.push(key);
    return v;
  };
  // Pick only the numeric defaults: spreading the library entry would drag its label along.
  const values: DeviceDefaults = {
    runningKw: pick('runningKw'),
    powerFactor: pick('powerFactor'),
    startingMultiplier: pick('startingMultiplier'),
    dutyCycle: pick('dutyCycle'),
    phases: pick('phases'),
  };
  return {
    index,
    deviceType: item.deviceType,
    category: lib?.category ?? 'misc',
    label: item.label ?? lib?.label.sv ?? item.deviceType,
    labelEn: item.label ?? lib?.label.en ?? item.deviceType,
    count: item.count,
    mustRun: item.mustRun,
    startGroup: item.startGroup ?? null,
    ...values,
    overridden,
  };
}

/** Resolves every item, keeping its inventory index. */
export function resolveInventory(items: readonly LoadItem[]): ResolvedLoadItem[] {
  return items.map((item, i) => resolveLoadItem(item, i));
}

/** Running kVA of one unit: kW / pf. */
export const unitRunningKva = (r: DeviceDefaults): number => r.runningKw / r.powerFactor;
/** Running kW of an item: count × kW. */
export const itemRunningKw = (r: ResolvedLoadItem): number => r.count * r.runningKw;
/** Running kVA of an item: count × kW / pf. */
export const itemRunningKva = (r: ResolvedLoadItem): number => r.count * unitRunningKva(r);
/** Extra kVA while one unit starts, on top of its running kVA: (multiplier − 1) × kW / pf. */
export const unitSurgeExtraKva = (r: DeviceDefaults): number =>
  (r.startingMultiplier - 1) * unitRunningKva(r);

const inScope = (items: readonly ResolvedLoadItem[], scope: LoadScope) =>
  scope === 'all' ? items : items.filter((r) => r.mustRun);

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Σ count × runningKw over the scope (kW). */
export function runningKw(items: readonly ResolvedLoadItem[], scope: LoadScope): number {
  return sum(inScope(items, scope).map(itemRunningKw));
}

/** Σ count × runningKw / powerFactor over the scope (kVA). */
export function runningKva(items: readonly ResolvedLoadItem[], scope: LoadScope): number {
  return sum(inScope(items, scope).map(itemRunningKva));
}

/**
 * Average electrical load over a long outage: Σ count × runningKw × dutyCycle (kW). This, not the
 * running sum, drives fuel use: compressors and pumps are off part of the time.
 */
export function expectedKw(items: readonly ResolvedLoadItem[], scope: LoadScope): number {
  return sum(inScope(items, scope).map((r) => itemRunningKw(r) * r.dutyCycle));
}

/** One step of the start sequence after the load is transferred to the genset. */
export interface StartStep {
  /** Start group number, or null for the items without a group (they start last). */
  group: number | null;
  /** Running kVA already on before this step. */
  runningBeforeKva: number;
  /** Running kVA the step adds. */
  stepRunningKva: number;
  /** Index of the item whose unit has the largest surge in this step, or null if nothing surges. */
  largestSurgeItem: number | null;
  /** Extra kVA of that unit's start above its running kVA. */
  surgeExtraKva: number;
  /** runningBeforeKva + stepRunningKva + surgeExtraKva: the momentary demand of the step. */
  peakKva: number;
}

/**
 * The start sequence: items grouped by start group (ascending), the ungrouped ones last. Within a
 * step all loads come on and, at the worst moment, the unit with the largest surge starts while the
 * rest of the step already runs (units of one step are assumed not to start at the very same
 * instant — compressor restart delays, which the kravspecifikation requires). Without any start
 * groups this is "the largest motor starts last with everything else running".
 */
export function startSteps(items: readonly ResolvedLoadItem[], scope: LoadScope): StartStep[] {
  const byGroup = new Map<number | null, ResolvedLoadItem[]>();
  for (const r of inScope(items, scope)) {
    const list = byGroup.get(r.startGroup) ?? [];
    list.push(r);
    byGroup.set(r.startGroup, list);
  }
  const groups = [...byGroup.keys()].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  const steps: StartStep[] = [];
  let runningBefore = 0;
  for (const group of groups) {
    const members = byGroup.get(group)!;
    const stepRunning = sum(members.map(itemRunningKva));
    let largest: ResolvedLoadItem | null = null;
    let extra = 0;
    for (const r of members) {
      const e = unitSurgeExtraKva(r);
      if (e > extra) {
        extra = e;
        largest = r;
      }
    }
    steps.push({
      group,
      runningBeforeKva: runningBefore,
      stepRunningKva: stepRunning,
      largestSurgeItem: largest ? largest.index : null,
      surgeExtraKva: extra,
      peakKva: runningBefore + stepRunning + extra,
    });
    runningBefore += stepRunning;
  }
  return steps;
}

/** Worst-case momentary kVA during the start sequence (0 for an empty scope). */
export function worstCaseStartingKva(items: readonly ResolvedLoadItem[], scope: LoadScope): number {
  return Math.max(0, ...startSteps(items, scope).map((s) => s.peakKva));
}

/** All load sums for one scope. */
export interface LoadSummary {
  scope: LoadScope;
  runningKw: number;
  runningKva: number;
  expectedKw: number;
  startingKva: number;
  steps: StartStep[];
}

/** Running, expected and starting sums for one scope. */
export function summariseLoad(items: readonly ResolvedLoadItem[], scope: LoadScope): LoadSummary {
  const steps = startSteps(items, scope);
  return {
    scope,
    runningKw: runningKw(items, scope),
    runningKva: runningKva(items, scope),
    expectedKw: expectedKw(items, scope),
    startingKva: Math.max(0, ...steps.map((s) => s.peakKva)),
    steps,
  };
}
