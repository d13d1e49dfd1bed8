/**
 * The whole backup-power design of one SOT-punkt in one call: load sums, recommended and checked
 * genset, fuel, tank, autonomy, container and warnings. Pure and JSON-serialisable, so the API can
 * return it as-is and the kravspecifikation can be built from it.
 */
import { z } from 'zod';
import { deviceType } from './devices.js';
import { formatEn, formatSv } from './format.js';
import {
  type Autonomy,
  autonomy,
  DEFAULT_FUEL_CURVE,
  DEFAULT_TARGET_HOURS,
  DEFAULT_USABLE_TANK_FRACTION,
  dieselLitresPerHour,
  type FuelCurve,
  LOW_LOAD_FRACTION,
  loadFraction,
  roundUpLitres,
  tankLitresForHours,
} from './fuel.js';
import {
  type LoadScope,
  type LoadSummary,
  loadItemSchema,
  type ResolvedLoadItem,
  resolveInventory,
  summariseLoad,
} from './load.js';
import {
  type ContainerChoice,
  type ContainerRule,
  checkGenset,
  chooseContainer,
  DEFAULT_CONTAINER_RULE,
  DEFAULT_SIZING,
  type GensetCheck,
  type GensetRequirement,
  gensetRatedKw,
  ratedCurrentA,
  recommendGensetKva,
  type SizingOptions,
} from './sizing.js';

/** What the user states about a point's backup power. */
export const powerDesignInputSchema = z.object({
  items: z.array(loadItemSchema).max(300),
  /** Rating of the installed or procured genset; absent = use the recommended size. */
  installedGensetKva: z.number().positive().max(5000).nullish(),
  /** Tank volume; absent = size it for the target. */
  tankLitres: z.number().positive().max(100_000).nullish(),
  targetHours: z.number().positive().max(2000).default(DEFAULT_TARGET_HOURS),
  /** Is a hot-air unit placed in the genset container? Absent = yes when the inventory has a hot-air unit. */
  heaterInContainer: z.boolean().nullish(),
  /** Which loads the fuel estimate assumes are connected. */
  fuelScope: z.enum(['mustRun', 'all']).default('mustRun'),
});
export type PowerDesignInput = z.input<typeof powerDesignInputSchema>;
export type PowerDesignParams = z.output<typeof powerDesignInputSchema>;

/** Engineering assumptions; every field has a documented default. */
export interface PowerDesignOptions {
  sizing: SizingOptions;
  fuelCurve: FuelCurve;
  usableTankFraction: number;
  containerRule: ContainerRule;
  /** Sized tanks are rounded up to this many litres. */
  tankStepLitres: number;
}

export const DEFAULT_DESIGN_OPTIONS: PowerDesignOptions = {
  sizing: DEFAULT_SIZING,
  fuelCurve: DEFAULT_FUEL_CURVE,
  usableTankFraction: DEFAULT_USABLE_TANK_FRACTION,
  containerRule: DEFAULT_CONTAINER_RULE,
  tankStepLitres: 100,
};

export type PowerWarningCode =
  | 'empty_inventory'
  | 'beyond_standard_sizes'
  | 'genset_overloaded'
  | 'genset_below_margin'
  | 'starting_exceeds_capability'
  | 'optional_loads_exceed_genset'
  | 'low_load'
  | 'autonomy_below_target'
  | 'external_tank';

export interface PowerWarning {
  code: PowerWarningCode;
  sv: string;
  en: string;
}

export interface GensetDesign {
  kva: number;
  /** `installed`: the user's genset; `recommended`: the standard size for the must-run load. */
  source: 'installed' | 'recommended';
  ratedKw: number;
  /** Per phase at 400 V. */
  ratedCurrentA: number;
  mustRun: GensetCheck;
  all: GensetCheck;
}

export interface FuelDesign {
  scope: LoadScope;
  /** Expected (duty-weighted) load the genset delivers (kW). */
  loadKw: number;
  loadFraction: number;
  litresPerHour: number;
  /** Consumption at the genset's full rating, for the annual full-load test run. */
  fullLoadLitresPerHour: number;
}

export interface PowerDesign {
  items: ResolvedLoadItem[];
  loads: { mustRun: LoadSummary; all: LoadSummary };
  recommendation: { mustRun: GensetRequirement; all: GensetRequirement };
  /** Null only when there is no installed genset and no standard size fits (or nothing to size). */
  genset: GensetDesign | null;
  fuel: FuelDesign | null;
  tank: { litres: number; source: 'given' | 'sized' } | null;
  autonomy: Autonomy | null;
  container: ContainerChoice | null;
  /**
   * Heating in the inventory: electric kW drawn from the genset (all heating items), whether a
   * hot-air unit stands in the container, and whether one burns its own diesel.
   */
  heater: { kw: number; inContainer: boolean; dieselFired: boolean };
  targetHours: number;
  warnings: PowerWarning[];
  assumptions: PowerDesignOptions;
}

const HOT_AIR_TYPES = new Set(['hot_air_electric', 'hot_air_diesel_fired']);

/**
 * Computes the design. `input` is validated with powerDesignInputSchema (throws ZodError on bad
 * input; parse it first at the API boundary to report field errors).
 */
export function designPower(input: PowerDesignInput, options: Partial<PowerDesignOptions> = {}): PowerDesign {
  const params = powerDesignInputSchema.parse(input);
  const o: PowerDesignOptions = { ...DEFAULT_DESIGN_OPTIONS, ...options };
  const items = resolveInventory(params.items);
  const mustRun = summariseLoad(items, 'mustRun');
  const all = summariseLoad(items, 'all');
  const recommendation = {
    mustRun: recommendGensetKva(mustRun, o.sizing),
    all: recommendGensetKva(all, o.sizing),
  };
  const heaterItems = items.filter((r) => deviceType(r.deviceType)?.category === 'heating');
  const heater = {
    kw: heaterItems.reduce((a, r) => a + r.count * r.runningKw, 0),
    inContainer: params.heaterInContainer ?? items.some((r) => HOT_AIR_TYPES.has(r.deviceType)),
    dieselFired: items.some((r) => r.deviceType === 'hot_air_diesel_fired'),
  };
  const warnings: PowerWarning[] = [];
  const warn = (code: PowerWarningCode, sv: string, en: string) => warnings.push({ code, sv, en });
  const sv = formatSv;
  const en = formatEn;

  if (items.length === 0)
    warn('empty_inventory', 'Lastförteckningen är tom.', 'The load inventory is empty.');
  if (recommendation.mustRun.recommendedKva === null)
    warn(
      'beyond_standard_sizes',
      `Nödvändig last kräver ${sv(recommendation.mustRun.requiredKva)} kVA, mer än största standardstorlek.`,
      `The must-run load needs ${en(recommendation.mustRun.requiredKva)} kVA, more than the largest standard size.`,
    );

  const gensetKva =
    params.installedGensetKva ?? (items.length > 0 ? recommendation.mustRun.recommendedKva : null) ?? null;
  let genset: GensetDesign | null = null;
  if (gensetKva !== null) {
    genset = {
      kva: gensetKva,
      source: params.installedGensetKva != null ? 'installed' : 'recommended',
      ratedKw: gensetRatedKw(gensetKva),
      ratedCurrentA: ratedCurrentA(gensetKva),
      mustRun: checkGenset(gensetKva, mustRun, o.sizing),
      all: checkGenset(gensetKva, all, o.sizing),
    };
    const m = genset.mustRun;
    if (!m.carriesRunning)
      warn(
        'genset_overloaded',
        `Aggregatet (${sv(gensetKva, 0)} kVA / ${sv(m.ratedKw)} kW) klarar inte nödvändig last (${sv(mustRun.runningKva)} kVA / ${sv(mustRun.runningKw)} kW).`,
        `The genset (${en(gensetKva, 0)} kVA / ${en(m.ratedKw)} kW) cannot carry the must-run load (${en(mustRun.runningKva)} kVA / ${en(mustRun.runningKw)} kW).`,
      );
    else if (!m.withinMargin)
      warn(
        'genset_below_margin',
        `Aggregatet klarar nödvändig last men utan dimensioneringsmarginalen ×${sv(o.sizing.runningMargin, 2)}.`,
        `The genset carries the must-run load but without the ×${en(o.sizing.runningMargin, 2)} sizing margin.`,
      );
    if (!m.handlesStarting)
      warn(
        'starting_exceeds_capability',
        `Startlasten ${sv(mustRun.startingKva)} kVA överstiger vad aggregatet klarar momentant (${sv(gensetKva * o.sizing.surgeCapability)} kVA): sprid starterna eller använd mjukstartare.`,
        `Starting load ${en(mustRun.startingKva)} kVA exceeds the genset's momentary capability (${en(gensetKva * o.sizing.surgeCapability)} kVA): stagger the starts or use soft starters.`,
      );
    const optionalKw = all.runningKw - mustRun.runningKw;
    if (optionalKw > 0 && !genset.all.carriesRunning)
      warn(
        'optional_loads_exceed_genset',
        `Valfria laster (${sv(optionalKw)} kW, t.ex. värmeaggregat) ryms inte fullt ut samtidigt med nödvändig last: högst ${sv(m.headroomKw)} kW kan tas ut (${sv(m.headroomWithMarginKw)} kW med marginal). Styr dem med effektvakt/laststyrning eller välj ${recommendation.all.recommendedKva ?? '–'} kVA.`,
        `Optional loads (${en(optionalKw)} kW, e.g. a heater) cannot all run together with the must-run load: at most ${en(m.headroomKw)} kW is available (${en(m.headroomWithMarginKw)} kW with margin). Control them with load management or choose ${recommendation.all.recommendedKva ?? '–'} kVA.`,
      );
  }

  let fuel: FuelDesign | null = null;
  let tank: PowerDesign['tank'] = null;
  let auto: Autonomy | null = null;
  let container: ContainerChoice | null = null;
  if (genset) {
    const scopeLoad = params.fuelScope === 'all' ? all : mustRun;
    const loadKw = Math.min(scopeLoad.expectedKw, genset.ratedKw);
    fuel = {
      scope: params.fuelScope,
      loadKw,
      loadFraction: loadFraction(genset.kva, loadKw),
      litresPerHour: dieselLitresPerHour(genset.kva, loadKw, o.fuelCurve),
      fullLoadLitresPerHour: dieselLitresPerHour(genset.kva, genset.ratedKw, o.fuelCurve),
    };
    if (items.length > 0 && fuel.loadFraction < LOW_LOAD_FRACTION)
      warn(
        'low_load',
        `Förväntad last är bara ${sv(fuel.loadFraction * 100, 0)} % av aggregatets effekt: långvarig lågbelastning sotar motorn. Belasta med lastbank vid provkörning eller koppla in värmeaggregatet.`,
        `Expected load is only ${en(fuel.loadFraction * 100, 0)} % of the genset rating: long low-load running fouls the engine. Use a load bank in test runs or connect the heater.`,
      );
    tank =
      params.tankLitres != null
        ? { litres: params.tankLitres, source: 'given' }
        : {
            litres: roundUpLitres(
              tankLitresForHours(params.targetHours, fuel.litresPerHour, o.usableTankFraction),
              o.tankStepLitres,
            ),
            source: 'sized',
          };
    auto = autonomy({
      tankLitres: tank.litres,
      litresPerHour: fuel.litresPerHour,
      targetHours: params.targetHours,
      usableFraction: o.usableTankFraction,
    });
    if (!auto.meetsTarget)
      warn(
        'autonomy_below_target',
        `Tanken räcker ${sv(auto.hours, 0)} h, målet är ${sv(auto.targetHours, 0)} h: minst ${sv(roundUpLitres(auto.requiredTankLitres, o.tankStepLitres), 0)} l behövs.`,
        `The tank lasts ${en(auto.hours, 0)} h against a ${en(auto.targetHours, 0)} h target: at least ${en(roundUpLitres(auto.requiredTankLitres, o.tankStepLitres), 0)} l is needed.`,
      );
    container = chooseContainer(
      { gensetKva: genset.kva, tankLitres: tank.litres, heaterInContainer: heater.inContainer },
      o.containerRule,
    );
    if (container.externalTank)
      warn(
        'external_tank',
        `En tank på ${sv(tank.litres, 0)} l ryms inte i containern: planera en separat tank.`,
        `A ${en(tank.litres, 0)} l tank does not fit in the container: plan a separate tank.`,
      );
  }

  return {
    items,
    loads: { mustRun, all },
    recommendation,
    genset,
    fuel,
    tank,
    autonomy: auto,
    container,
    heater,
    targetHours: params.targetHours,
    warnings,
    assumptions: o,
  };
}
