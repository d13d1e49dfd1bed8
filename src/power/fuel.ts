/**
 * Diesel consumption, tank runtime and autonomy. Pure; model and sources in docs/power-design.md §5.
 *
 * Fuel model: the affine ("Willans line") fuel curve used by generator simulation tools such as
 * HOMER: litres/h = F0 × rated kW + F1 × load kW. The defaults F0 = 0.05 l/h per rated kW (no-load
 * consumption) and F1 = 0.25 l/kWh (marginal consumption) are a fit to the generic diesel generator
 * consumption charts suppliers publish, e.g. a 60 kW set at ¼, ½, ¾ and full load: 6.8, 11.0, 14.4 and
 * 18.2 l/h, versus 6.75, 10.5, 14.25 and 18.0 from the formula. Modern engines often burn 10–25 %
 * less: the default errs towards carrying more fuel.
 */
import { GENSET_RATED_POWER_FACTOR } from './sizing.js';

export interface FuelCurve {
  /** F0: no-load consumption per kW of rating (l/h per kW rated). */
  interceptLitresPerHourPerRatedKw: number;
  /** F1: additional consumption per kW delivered (l/kWh). */
  slopeLitresPerKwh: number;
}

export const DEFAULT_FUEL_CURVE: FuelCurve = {
  interceptLitresPerHourPerRatedKw: 0.05,
  slopeLitresPerKwh: 0.25,
};

/**
 * Tank volume that can actually be drawn: the pick-up sits above the bottom (water and sediment)
 * and nobody lets a crisis genset run dry. 90 % is a common planning figure.
 */
export const DEFAULT_USABLE_TANK_FRACTION = 0.9;

/** Default autonomy target (h); set per point. Three days of running without refuelling. */
export const DEFAULT_TARGET_HOURS = 72;

/**
 * Below ≈ 30 % load for long periods a diesel engine does not reach its working temperature: unburnt
 * fuel and soot build up ("wet stacking"). Flag it so the design or the test runs compensate (load
 * bank, heater as dump load).
 */
export const LOW_LOAD_FRACTION = 0.3;

/** Fraction of the genset's kW rating used by a load: loadKw / (kVA × 0.8). */
export function loadFraction(gensetKva: number, loadKw: number): number {
  return loadKw / (gensetKva * GENSET_RATED_POWER_FACTOR);
}

/**
 * Diesel use (l/h) of a genset of `gensetKva` delivering `loadKw`:
 * F0 × gensetKva × 0.8 + F1 × loadKw. Not capped at the rating: the caller checks overload.
 */
export function dieselLitresPerHour(
  gensetKva: number,
  loadKw: number,
  curve: FuelCurve = DEFAULT_FUEL_CURVE,
): number {
  const ratedKw = gensetKva * GENSET_RATED_POWER_FACTOR;
  return curve.interceptLitresPerHourPerRatedKw * ratedKw + curve.slopeLitresPerKwh * loadKw;
}

/** Hours a tank lasts: tankLitres × usableFraction / litresPerHour (Infinity at 0 l/h). */
export function runtimeHours(
  tankLitres: number,
  litresPerHour: number,
  usableFraction = DEFAULT_USABLE_TANK_FRACTION,
): number {
  if (litresPerHour <= 0) return Number.POSITIVE_INFINITY;
  return (tankLitres * usableFraction) / litresPerHour;
}

/** Tank volume (l) that lasts `hours`: hours × litresPerHour / usableFraction. */
export function tankLitresForHours(
  hours: number,
  litresPerHour: number,
  usableFraction = DEFAULT_USABLE_TANK_FRACTION,
): number {
  return (hours * litresPerHour) / usableFraction;
}

/** Rounds a tank volume up to whole `step` litres (tanks are sold in such steps). */
export function roundUpLitres(litres: number, step = 100): number {
  return Math.ceil(litres / step - 1e-9) * step;
}

export interface Autonomy {
  tankLitres: number;
  litresPerHour: number;
  /** Hours the usable part of the tank lasts. */
  hours: number;
  targetHours: number;
  meetsTarget: boolean;
  /** max(0, target − hours). */
  shortfallHours: number;
  /** Tank volume that would just meet the target (unrounded). */
  requiredTankLitres: number;
}

/** Hours of autonomy on a full tank compared with a target. */
export function autonomy(input: {
  tankLitres: number;
  litresPerHour: number;
  targetHours?: number;
  usableFraction?: number;
}): Autonomy {
  const targetHours = input.targetHours ?? DEFAULT_TARGET_HOURS;
  const usable = input.usableFraction ?? DEFAULT_USABLE_TANK_FRACTION;
  const hours = runtimeHours(input.tankLitres, input.litresPerHour, usable);
  return {
    tankLitres: input.tankLitres,
    litresPerHour: input.litresPerHour,
    hours,
    targetHours,
    meetsTarget: hours >= targetHours - 1e-9,
    shortfallHours: Math.max(0, targetHours - hours),
    requiredTankLitres: tankLitresForHours(targetHours, input.litresPerHour, usable),
  };
}
