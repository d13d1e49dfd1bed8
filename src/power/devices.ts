/**
 * Library of typical electrical devices at a SOT-punkt (store, fuel station, communications,
 * heater) with default values for backup-power sizing.
 *
 * Every value is a planning rule of thumb, not a measurement: the user overrides it per load item
 * when the nameplate or an electrician's measurement is known. The reasoning behind each value is
 * in `note` and in docs/power-design.md. Imports only zod so the web bundle can use it.
 */
import { z } from 'zod';

export const DEVICE_CATEGORIES = [
  'refrigeration',
  'freezer',
  'lighting',
  'checkout',
  'fuel_dispenser',
  'submersible_pump',
  'atm',
  'heating',
  'communications',
  'water_pump',
  'misc',
] as const;

export const deviceCategorySchema = z.enum(DEVICE_CATEGORIES);
export type DeviceCategory = z.infer<typeof deviceCategorySchema>;

/** Swedish and English labels per category. */
export const DEVICE_CATEGORY_LABELS: Record<DeviceCategory, { sv: string; en: string }> = {
  refrigeration: { sv: 'Kyla', en: 'Refrigeration' },
  freezer: { sv: 'Frys', en: 'Freezers' },
  lighting: { sv: 'Belysning', en: 'Lighting' },
  checkout: { sv: 'Kassa och betalterminaler', en: 'Checkout and payment terminals' },
  fuel_dispenser: { sv: 'Drivmedelsautomater', en: 'Fuel dispensers' },
  submersible_pump: { sv: 'Dränkbara drivmedelspumpar', en: 'Submersible fuel pumps' },
  atm: { sv: 'Uttagsautomat', en: 'ATM' },
  heating: { sv: 'Värme', en: 'Heating' },
  communications: { sv: 'Kommunikation', en: 'Communications' },
  water_pump: { sv: 'Vattenpump', en: 'Water pump' },
  misc: { sv: 'Övrigt', en: 'Miscellaneous' },
};

export const DEVICE_TYPE_IDS = [
  'fridge_plugin',
  'fridge_remote_unit',
  'cold_room',
  'freezer_chest',
  'freezer_room',
  'lighting_led_100m2',
  'lighting_outdoor',
  'checkout',
  'store_it',
  'fuel_payment_terminal',
  'fuel_dispenser',
  'fuel_dispenser_suction',
  'submersible_pump',
  'atm',
  'hot_air_electric',
  'hot_air_diesel_fired',
  'electric_heater',
  'rakel',
  'router',
  'satellite_phone',
  'vhf_radio',
  'charging_station',
  'water_pump',
  'water_heater',
  'bake_off_oven',
  'misc_sockets',
] as const;

export type DeviceTypeId = (typeof DEVICE_TYPE_IDS)[number];

/** A load item that matches no library entry; it must state its own running kW. */
export const CUSTOM_DEVICE_TYPE = 'custom' as const;

/** Any library id or `custom`. */
export const deviceTypeIdSchema = z.enum([...DEVICE_TYPE_IDS, CUSTOM_DEVICE_TYPE]);
export type LoadDeviceTypeId = z.infer<typeof deviceTypeIdSchema>;

/** The values a load item inherits from its device type unless it overrides them. */
export interface DeviceDefaults {
  /** Electrical input while running, per unit (kW). */
  runningKw: number;
  /** cos φ while running (0 < pf ≤ 1); kVA = kW / pf. */
  powerFactor: number;
  /** Starting kVA ÷ running kVA for one unit: ≈ 1 for resistive and electronic loads, 3–6 for motors. */
  startingMultiplier: number;
  /** Average fraction of time the unit draws its running power (thermostats, intermittent use). */
  dutyCycle: number;
  /** Supply phases of one unit. */
  phases: 1 | 3;
}

export interface DeviceType extends DeviceDefaults {
  id: DeviceTypeId;
  category: DeviceCategory;
  label: { sv: string; en: string };
  /** Why these values (English; shown as help text and in docs/power-design.md). */
  note: string;
}

// Shared rule-of-thumb parameter sets, so the same physics gets the same numbers.
// Hermetic refrigeration compressors started direct on line draw 4–6× rated current (locked-rotor
// current); 5 is the middle. Their power factor is 0.75–0.85; 0.8 is used. They cycle on
// thermostats: ≈ 60 % of the time for coolers, ≈ 70 % for freezers (long outages in summer raise
// this; set 1 for a worst-case fuel estimate).
const COOLER = { powerFactor: 0.8, startingMultiplier: 5, dutyCycle: 0.6 } as const;
const FREEZER = { powerFactor: 0.8, startingMultiplier: 5, dutyCycle: 0.7 } as const;
// Switch-mode electronics and LED drivers with power-factor correction: pf ≈ 0.9–0.95, no motor surge
// (capacitor inrush lasts milliseconds and does not load the alternator the way a motor start does).
const ELECTRONICS = { powerFactor: 0.9, startingMultiplier: 1, dutyCycle: 1 } as const;
// Resistive heating: pf 1, no surge.
const RESISTIVE = { powerFactor: 1, startingMultiplier: 1 } as const;

/** The library, keyed by id. Values are typical and user-overridable. */
export const DEVICE_LIBRARY: Record<DeviceTypeId, DeviceType> = {
  fridge_plugin: {
    id: 'fridge_plugin',
    category: 'refrigeration',
    label: { sv: 'Kylmöbel med inbyggt aggregat', en: 'Plug-in refrigerated display case' },
    runningKw: 1.2,
    ...COOLER,
    phases: 1,
    note: 'Plug-in multideck or counter, 1–2 kW incl. fans, lights and defrost average; DOL hermetic compressor.',
  },
  fridge_remote_unit: {
    id: 'fridge_remote_unit',
    category: 'refrigeration',
    label: { sv: 'Kylaggregat för kylmöbler (fjärrplacerat)', en: 'Remote condensing unit for cabinets' },
    runningKw: 4,
    ...COOLER,
    phases: 3,
    note: 'One condensing unit serving several remote cabinets in a small store; 3–6 kW. Soft starter lowers the multiplier to ≈ 3.',
  },
  cold_room: {
    id: 'cold_room',
    category: 'refrigeration',
    label: { sv: 'Kylrum (aggregat)', en: 'Walk-in cold room unit' },
    runningKw: 2.5,
    ...COOLER,
    phases: 3,
    note: 'Small walk-in cooler (5–15 m²), 1.5–3.5 kW condensing unit plus evaporator fans.',
  },
  freezer_chest: {
    id: 'freezer_chest',
    category: 'freezer',
    label: { sv: 'Frysbox/frysdisk med inbyggt aggregat', en: 'Plug-in freezer chest or island' },
    runningKw: 0.8,
    ...FREEZER,
    phases: 1,
    note: 'Plug-in freezer island or glass-lid chest, 0.5–1.2 kW.',
  },
  freezer_room: {
    id: 'freezer_room',
    category: 'freezer',
    label: { sv: 'Frysrum (aggregat)', en: 'Walk-in freezer unit' },
    runningKw: 3,
    ...FREEZER,
    phases: 3,
    note: 'Small walk-in freezer, 2–4 kW condensing unit; defrost heaters are averaged into the duty cycle.',
  },
  lighting_led_100m2: {
    id: 'lighting_led_100m2',
    category: 'lighting',
    label: { sv: 'Butiksbelysning LED (per 100 m²)', en: 'LED store lighting (per 100 m²)' },
    runningKw: 1,
    ...ELECTRONICS,
    phases: 1,
    note: '≈ 10 W/m² for LED retail lighting; count = sales area in 100 m² units.',
  },
  lighting_outdoor: {
    id: 'lighting_outdoor',
    category: 'lighting',
    label: { sv: 'Utebelysning och skyltar', en: 'Outdoor lighting and signs' },
    runningKw: 0.5,
    ...ELECTRONICS,
    phases: 1,
    note: 'Forecourt canopy and sign lighting (LED).',
  },
  checkout: {
    id: 'checkout',
    category: 'checkout',
    label: { sv: 'Kassaplats med kortterminal', en: 'Checkout with card terminal' },
    runningKw: 0.3,
    ...ELECTRONICS,
    phases: 1,
    note: 'POS terminal, scanner, receipt printer, card terminal and scale.',
  },
  store_it: {
    id: 'store_it',
    category: 'checkout',
    label: { sv: 'Butiksdator, nätverk och larm', en: 'Back-office PC, network and alarm' },
    runningKw: 0.3,
    ...ELECTRONICS,
    phases: 1,
    note: 'Back-office PC, switch, alarm panel and CCTV recorder.',
  },
  fuel_payment_terminal: {
    id: 'fuel_payment_terminal',
    category: 'checkout',
    label: { sv: 'Tankautomat/betalterminal utomhus', en: 'Outdoor fuel payment terminal' },
    runningKw: 0.5,
    ...ELECTRONICS,
    phases: 1,
    note: 'Outdoor payment terminal incl. its anti-condensation/cold heater (≈ 0.2–0.3 kW in winter).',
  },
  fuel_dispenser: {
    id: 'fuel_dispenser',
    category: 'fuel_dispenser',
    label: {
      sv: 'Drivmedelsautomat (elektronik, tryckt system)',
      en: 'Fuel dispenser electronics (pressure system)',
    },
    runningKw: 0.3,
    ...ELECTRONICS,
    phases: 1,
    note: 'Meter, display and valves of a dispenser fed by a submersible pump (count the pump separately).',
  },
  fuel_dispenser_suction: {
    id: 'fuel_dispenser_suction',
    category: 'fuel_dispenser',
    label: { sv: 'Drivmedelspump med inbyggd sugpump', en: 'Suction dispenser with built-in pump motor' },
    runningKw: 1.1,
    powerFactor: 0.8,
    startingMultiplier: 5,
    dutyCycle: 0.3,
    phases: 1,
    note: 'Older/smaller stations: each dispenser has its own 0.75–1.5 kW pump motor; runs only while fuelling.',
  },
  submersible_pump: {
    id: 'submersible_pump',
    category: 'submersible_pump',
    label: { sv: 'Dränkbar pump i cistern', en: 'Submersible turbine pump in tank' },
    runningKw: 1.1,
    powerFactor: 0.8,
    startingMultiplier: 6,
    dutyCycle: 0.3,
    phases: 3,
    note: 'Typical 1.5 hp (1.1 kW) submersible pump per product; DOL start ≈ 6×; runs only while fuelling.',
  },
  atm: {
    id: 'atm',
    category: 'atm',
    label: { sv: 'Uttagsautomat', en: 'ATM' },
    runningKw: 0.5,
    ...ELECTRONICS,
    phases: 1,
    note: 'Through-the-wall ATM, 0.2–0.6 kW incl. cold-climate heater.',
  },
  hot_air_electric: {
    id: 'hot_air_electric',
    category: 'heating',
    label: { sv: 'Varmluftsaggregat, el (50 kW)', en: 'Electric hot-air unit (50 kW)' },
    runningKw: 50,
    ...RESISTIVE,
    dutyCycle: 1,
    phases: 3,
    note: 'As in Kall: electric heater battery and fan in the container heating a nearby gathering place. Resistive; the fan motor is negligible. Duty 1 at design cold.',
  },
  hot_air_diesel_fired: {
    id: 'hot_air_diesel_fired',
    category: 'heating',
    label: {
      sv: 'Varmluftsaggregat, dieseleldat (fläkt och brännare)',
      en: 'Diesel-fired hot-air unit (fan and burner)',
    },
    runningKw: 0.6,
    powerFactor: 0.8,
    startingMultiplier: 4,
    dutyCycle: 1,
    phases: 1,
    note: 'The heat comes from its own burner; only the fan and burner control load the genset.',
  },
  electric_heater: {
    id: 'electric_heater',
    category: 'heating',
    label: { sv: 'Elradiator/värmefläkt 2 kW', en: 'Electric space heater 2 kW' },
    runningKw: 2,
    ...RESISTIVE,
    dutyCycle: 1,
    phases: 1,
    note: 'Portable heater for a room, e.g. the staff room or a warming corner in the store.',
  },
  rakel: {
    id: 'rakel',
    category: 'communications',
    label: { sv: 'Rakel-terminal med laddare', en: 'Rakel radio terminal with charger' },
    runningKw: 0.05,
    ...ELECTRONICS,
    phases: 1,
    note: 'Fixed or mobile Rakel terminal with power supply/charger.',
  },
  router: {
    id: 'router',
    category: 'communications',
    label: { sv: 'Router, wifi och bredbandsutrustning', en: 'Router, wifi and broadband equipment' },
    runningKw: 0.05,
    ...ELECTRONICS,
    phases: 1,
    note: 'Router, switch, wifi access point, fibre media converter.',
  },
  satellite_phone: {
    id: 'satellite_phone',
    category: 'communications',
    label: { sv: 'Satellittelefon (laddare)', en: 'Satellite phone charger' },
    runningKw: 0.02,
    ...ELECTRONICS,
    phases: 1,
    note: 'Charger or docking station.',
  },
  vhf_radio: {
    id: 'vhf_radio',
    category: 'communications',
    label: { sv: 'VHF-/jaktradio (bas och laddare)', en: 'VHF radio base station and chargers' },
    runningKw: 0.1,
    ...ELECTRONICS,
    phases: 1,
    note: 'Base station (≈ 25 W transmit) plus handheld chargers.',
  },
  charging_station: {
    id: 'charging_station',
    category: 'communications',
    label: { sv: 'Laddstation för mobiltelefoner', en: 'Public phone charging station' },
    runningKw: 0.3,
    ...ELECTRONICS,
    phases: 1,
    note: '≈ 20 USB ports at up to 15 W.',
  },
  water_pump: {
    id: 'water_pump',
    category: 'water_pump',
    label: { sv: 'Vattenpump/hydrofor', en: 'Water pump or pressure set' },
    runningKw: 1.1,
    powerFactor: 0.8,
    startingMultiplier: 5,
    dutyCycle: 0.3,
    phases: 1,
    note: 'Well pump or pressure booster for drinking-water distribution; cycles on a pressure switch.',
  },
  water_heater: {
    id: 'water_heater',
    category: 'misc',
    label: { sv: 'Varmvattenberedare', en: 'Water heater' },
    runningKw: 3,
    ...RESISTIVE,
    dutyCycle: 0.5,
    phases: 3,
    note: '100–300 l storage heater with a 3 kW element.',
  },
  bake_off_oven: {
    id: 'bake_off_oven',
    category: 'misc',
    label: { sv: 'Bake-off-ugn', en: 'Bake-off oven' },
    runningKw: 6,
    ...RESISTIVE,
    dutyCycle: 0.5,
    phases: 3,
    note: 'Small convection oven for fresh bread, 4–8 kW; usually optional in a crisis.',
  },
  misc_sockets: {
    id: 'misc_sockets',
    category: 'misc',
    label: { sv: 'Övriga uttag (kaffe, mikro, verktyg)', en: 'Misc sockets (coffee, microwave, tools)' },
    runningKw: 2,
    powerFactor: 0.95,
    startingMultiplier: 1,
    dutyCycle: 0.5,
    phases: 1,
    note: 'Coffee maker, microwave, hand tools; mostly resistive.',
  },
};

/** Library entry for an id, or undefined for `custom` and unknown ids. */
export function deviceType(id: string): DeviceType | undefined {
  return Object.hasOwn(DEVICE_LIBRARY, id) ? DEVICE_LIBRARY[id as DeviceTypeId] : undefined;
}

/** Library entries in a stable order (the order of DEVICE_TYPE_IDS), e.g. for a picker. */
export function listDeviceTypes(): DeviceType[] {
  return DEVICE_TYPE_IDS.map((id) => DEVICE_LIBRARY[id]);
}
