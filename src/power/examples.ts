/**
 * Worked example used by the tests, docs/power-design.md and the demo: a small rural store with a
 * fuel station and a 50 kW electric hot-air unit, modelled on the SOT-punkt in Kall (Åre), which has
 * a 70 kVA genset for store and fuel pumps plus a 50 kW hot-air heater that can warm the nearby
 * school. The store's equipment is not published: this inventory is a plausible small store
 * (≈ 300 m²) built from the library defaults, not Kall's actual list.
 */
import type { LoadItemInput } from './load.js';

/** Rating of the genset installed in Kall (kVA), from the Jämtland SOT final report. */
export const KALL_GENSET_KVA = 70;

/**
 * Start groups: 1 electronics and lighting, 2 coolers, 3 freezers, 4 fuel pumps, 5 the heater.
 * The heater is optional (mustRun: false): the store and fuel station come first.
 */
export const KALL_EXAMPLE_ITEMS: LoadItemInput[] = [
  { deviceType: 'lighting_led_100m2', count: 3, startGroup: 1 },
  { deviceType: 'lighting_outdoor', count: 1, startGroup: 1 },
  { deviceType: 'checkout', count: 2, startGroup: 1 },
  { deviceType: 'store_it', count: 1, startGroup: 1 },
  { deviceType: 'fuel_dispenser', count: 2, startGroup: 1 },
  { deviceType: 'fuel_payment_terminal', count: 1, startGroup: 1 },
  { deviceType: 'rakel', count: 1, startGroup: 1 },
  { deviceType: 'router', count: 1, startGroup: 1 },
  { deviceType: 'charging_station', count: 1, startGroup: 1 },
  { deviceType: 'fridge_plugin', count: 4, startGroup: 2 },
  { deviceType: 'cold_room', count: 1, startGroup: 2 },
  { deviceType: 'freezer_chest', count: 3, startGroup: 3 },
  { deviceType: 'freezer_room', count: 1, startGroup: 3 },
  { deviceType: 'submersible_pump', count: 2, startGroup: 4 },
  { deviceType: 'hot_air_electric', count: 1, mustRun: false, startGroup: 5 },
];
