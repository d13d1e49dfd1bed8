/**
 * Genset sizing and container choice from load sums. Pure; rules and their reasons in
 * docs/power-design.md §3–4.
 */

/** Standard genset ratings offered by most Swedish suppliers (kVA, prime rating at cos φ 0.8). */
export const STANDARD_GENSET_SIZES_KVA: readonly number[] = [
  20, 30, 40, 50, 60, 70, 80, 100, 125, 150, 200, 250,
];

/**
 * Gensets are rated in kVA at cos φ 0.8: the engine delivers at most 0.8 × kVA in kW. A resistive
 * heater therefore meets the kW limit before the kVA limit.
 */
export const GENSET_RATED_POWER_FACTOR = 0.8;

/**
 * Running load × 1.25 ≤ rating: keeps continuous load at ≤ 80 % of the prime rating (common
 * practice for long runs) and leaves room for growth and for loads forgotten in the inventory.
 */
export const DEFAULT_RUNNING_MARGIN = 1.25;

/**
 * Momentary kVA a genset can supply during a motor start with an acceptable voltage dip, as a
 * multiple of its rating. 2.0 is a middle value (self-excited alternators ≈ 1.5, PMG/AREP
 * excitation 2.5–3); for a lone DOL motor it reproduces the classic rule "genset kVA ≥ 3 × motor kW".
 */
export const DEFAULT_SURGE_CAPABILITY = 2;

export interface SizingOptions {
  runningMargin: number;
  surgeCapability: number;
  standardSizesKva: readonly number[];
}

export const DEFAULT_SIZING: SizingOptions = {
  runningMargin: DEFAULT_RUNNING_MARGIN,
  surgeCapability: DEFAULT_SURGE_CAPABILITY,
  standardSizesKva: STANDARD_GENSET_SIZES_KVA,
};

/** The load figures sizing needs. */
export interface SizingLoad {
  runningKw: number;
  runningKva: number;
  startingKva: number;
}

/** Which requirement sets the size. */
export type SizingDriver = 'running_kva' | 'running_kw' | 'starting_kva';

export interface GensetRequirement {
  /** runningKva × margin. */
  forRunningKva: number;
  /** runningKw × margin / 0.8: the engine's kW limit expressed in kVA. */
  forRunningKwKva: number;
  /** startingKva / surgeCapability. */
  forStartingKva: number;
  /** The largest of the three (kVA). */
  requiredKva: number;
  driver: SizingDriver;
  /** Smallest standard size ≥ requiredKva, or null when even the largest is too small. */
  recommendedKva: number | null;
}

/** Rated kW of a genset: kVA × 0.8. */
export const gensetRatedKw = (ratedKva: number): number => ratedKva * GENSET_RATED_POWER_FACTOR;

/** Rated current per phase (A) of a three-phase genset: kVA × 1000 / (√3 × line voltage). */
export function ratedCurrentA(ratedKva: number, lineVoltageV = 400): number {
  return (ratedKva * 1000) / (Math.sqrt(3) * lineVoltageV);
}

/**
 * Required rating = max(running kVA × margin, running kW × margin / 0.8, starting kVA / surge
 * capability), rounded up to the next standard size.
 */
export function recommendGensetKva(
  load: SizingLoad,
  options: Partial<SizingOptions> = {},
): GensetRequirement {
  const o = { ...DEFAULT_SIZING, ...options };
  const forRunningKva = load.runningKva * o.runningMargin;
  const forRunningKwKva = (load.runningKw * o.runningMargin) / GENSET_RATED_POWER_FACTOR;
  const forStartingKva = load.startingKva / o.surgeCapability;
  let driver: SizingDriver = 'running_kva';
  let requiredKva = forRunningKva;
  if (forRunningKwKva > requiredKva) {
    driver = 'running_kw';
    requiredKva = forRunningKwKva;
  }
  if (forStartingKva > requiredKva) {
    driver = 'starting_kva';
    requiredKva = forStartingKva;
  }
  const sizes = [...o.standardSizesKva].sort((a, b) => a - b);
  // A hair of tolerance so that 25.6 × 1.25 = 32.000000000000004 does not jump a size.
  const recommendedKva = sizes.find((s) => s >= requiredKva - 1e-9) ?? null;
  return { forRunningKva, forRunningKwKva, forStartingKva, requiredKva, driver, recommendedKva };
}

/** How a given genset copes with a load. */
export interface GensetCheck {
  ratedKva: number;
  ratedKw: number;
  /** Running kVA ≤ rated kVA and running kW ≤ rated kW: it carries the load at all. */
  carriesRunning: boolean;
  /** The same with the running margin: it carries the load at ≤ 1 / margin of its rating. */
  withinMargin: boolean;
  /** Starting kVA ≤ rated kVA × surge capability. */
  handlesStarting: boolean;
  /** max(running kVA / rated kVA, running kW / rated kW): how much of the rating the load uses. */
  utilisation: number;
  /**
   * Resistive (cos φ 1) power that can still be added: min(rated kW − running kW, rated kVA −
   * running kVA), not below 0. E.g. how much a heater may take.
   */
  headroomKw: number;
  /** The same against rating / margin. */
  headroomWithMarginKw: number;
}

/** Checks an installed or proposed genset against a load. */
export function checkGenset(
  ratedKva: number,
  load: SizingLoad,
  options: Partial<SizingOptions> = {},
): GensetCheck {
  const o = { ...DEFAULT_SIZING, ...options };
  const ratedKw = gensetRatedKw(ratedKva);
  const eps = 1e-9;
  const headroom = (kva: number, kw: number) =>
    Math.max(0, Math.min(kw - load.runningKw, kva - load.runningKva));
  return {
    ratedKva,
    ratedKw,
    carriesRunning: load.runningKva <= ratedKva + eps && load.runningKw <= ratedKw + eps,
    withinMargin:
      load.runningKva * o.runningMargin <= ratedKva + eps &&
      load.runningKw * o.runningMargin <= ratedKw + eps,
    handlesStarting: load.startingKva <= ratedKva * o.surgeCapability + eps,
    utilisation: ratedKva > 0 ? Math.max(load.runningKva / ratedKva, load.runningKw / ratedKw) : Infinity,
    headroomKw: headroom(ratedKva, ratedKw),
    headroomWithMarginKw: headroom(ratedKva / o.runningMargin, ratedKw / o.runningMargin),
  };
}

/** Container rule thresholds. */
export interface ContainerRule {
  /** Largest genset that fits a 10 ft container with tank, switchgear and a service aisle. */
  max10ftGensetKva: number;
  /** Largest tank that fits a 10 ft container beside the genset. */
  max10ftTankLitres: number;
  /** Above this the tank should stand outside the container (or in a separate tank container). */
  max20ftTankLitres: number;
}

/**
 * Planning thresholds from typical containerised genset layouts: a 10 ft container (≈ 2.8 × 2.35 m
 * inside) holds a genset up to ≈ 60 kVA with a ≈ 1 m³ tank; larger sets, larger tanks or a hot-air
 * unit in the container need a 20 ft (≈ 5.9 × 2.35 m), whose tank space ends at ≈ 3 m³.
 */
export const DEFAULT_CONTAINER_RULE: ContainerRule = {
  max10ftGensetKva: 60,
  max10ftTankLitres: 1000,
  max20ftTankLitres: 3000,
};

export type ContainerSize = '10ft' | '20ft';
export type ContainerReason =
  | 'genset_over_10ft_limit'
  | 'tank_over_10ft_limit'
  | 'heater_in_container'
  | 'tank_over_20ft_limit';

export interface ContainerChoice {
  size: ContainerSize;
  /** Why a 20 ft was chosen, and whether the tank should go outside; empty for a plain 10 ft. */
  reasons: ContainerReason[];
  /** True when the tank is larger than a 20 ft container holds: plan an external tank. */
  externalTank: boolean;
}

/**
 * 10 ft when genset ≤ 60 kVA, tank ≤ 1000 l and no heater in the container; otherwise 20 ft. A tank
 * over 3000 l is additionally flagged for placement outside the container (a separate tank).
 */
export function chooseContainer(
  input: { gensetKva: number; tankLitres: number; heaterInContainer: boolean },
  rule: ContainerRule = DEFAULT_CONTAINER_RULE,
): ContainerChoice {
  const reasons: ContainerReason[] = [];
  if (input.gensetKva > rule.max10ftGensetKva) reasons.push('genset_over_10ft_limit');
  if (input.tankLitres > rule.max10ftTankLitres) reasons.push('tank_over_10ft_limit');
  if (input.heaterInContainer) reasons.push('heater_in_container');
  const size: ContainerSize = reasons.length > 0 ? '20ft' : '10ft';
  const externalTank = input.tankLitres > rule.max20ftTankLitres;
  if (externalTank) reasons.push('tank_over_20ft_limit');
  return { size, reasons, externalTank };
}
