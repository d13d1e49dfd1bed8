/**
 * The backup-power form (genset facts and load inventory) as text fields, the PATCH body built
 * from it, and the design computed live in the browser with the same pure module the server
 * uses (src/power), so the numbers on screen are the numbers the server confirms.
 */
import { designPower, type PowerDesign } from '../../../../src/power/design.js';
import { DEVICE_LIBRARY, type LoadDeviceTypeId } from '../../../../src/power/devices.js';
import { type LoadItemInput, loadItemSchema } from '../../../../src/power/load.js';
import { gensetSchema, pointLoadInventorySchema, pointUpdateSchema } from '../../../../src/sot/schemas.js';
import { parseDecimal } from '../../i18n.js';
import { numberText } from '../format.js';
import type { SotPoint } from '../types.js';

export interface ItemRow {
  deviceType: LoadDeviceTypeId;
  label: string;
  count: string;
  /** Overrides of the library values; '' = use the library value. */
  runningKw: string;
  powerFactor: string;
  startingMultiplier: string;
  dutyCycle: string;
  mustRun: boolean;
  startGroup: string;
}

export interface PowerForm {
  installed: boolean;
  kva: string;
  phases: '' | '1' | '3';
  fuelTankLitres: string;
  installedDate: string;
  containerSize: '' | '10ft' | '20ft';
  fuel: '' | 'diesel' | 'hvo100' | 'other';
  manufacturer: string;
  gensetNote: string;
  targetAutonomyHours: string;
  items: ItemRow[];
  /** '' = decided by the inventory (a hot-air unit means yes). */
  heaterInContainer: '' | 'true' | 'false';
  fuelScope: 'mustRun' | 'all';
}

const num = (text: string): number | undefined => parseDecimal(text);
const optNum = (text: string): number | null => (text.trim() === '' ? null : (parseDecimal(text) ?? null));
const str = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** A new inventory row for a library device (or `custom`). */
export function newItemRow(deviceType: LoadDeviceTypeId): ItemRow {
  return {
    deviceType,
    label: '',
    count: '1',
    runningKw: '',
    powerFactor: '',
    startingMultiplier: '',
    dutyCycle: '',
    // Heating is optional by default: it is what load management sheds first.
    mustRun: deviceType === 'custom' ? true : DEVICE_LIBRARY[deviceType].category !== 'heating',
    startGroup: '',
  };
}

/** A row from a stored load item. */
export function rowFromItem(item: LoadItemInput): ItemRow {
  return {
    deviceType: item.deviceType,
    label: item.label ?? '',
    count: String(item.count),
    runningKw: numberText(item.runningKw),
    powerFactor: numberText(item.powerFactor),
    startingMultiplier: numberText(item.startingMultiplier),
    dutyCycle: numberText(item.dutyCycle),
    mustRun: item.mustRun ?? true,
    startGroup: item.startGroup == null ? '' : String(item.startGroup),
  };
}

/** The load item a row describes (unparseable numbers stay NaN so the schema reports them). */
export function itemFromRow(row: ItemRow): LoadItemInput {
  const item: LoadItemInput = {
    deviceType: row.deviceType,
    count: num(row.count) as number,
    mustRun: row.mustRun,
  };
  if (str(row.label)) item.label = str(row.label);
  const overrides = ['runningKw', 'powerFactor', 'startingMultiplier', 'dutyCycle'] as const;
  for (const key of overrides) {
    const value = optNum(row[key]);
    if (value !== null) item[key] = value;
  }
  if (optNum(row.startGroup) !== null) item.startGroup = optNum(row.startGroup);
  return item;
}

/** The form filled from a point. */
export function powerFormFromPoint(p: SotPoint): PowerForm {
  const g = p.genset;
  const inventory = pointLoadInventorySchema.safeParse(p.loadInventory ?? { items: [] });
  const inv = inventory.success
    ? inventory.data
    : { items: [], heaterInContainer: null, fuelScope: 'mustRun' as const };
  return {
    installed: g.installed === true,
    kva: numberText(g.kva),
    phases: g.phases === 1 ? '1' : g.phases === 3 ? '3' : '',
    fuelTankLitres: numberText(g.fuelTankLitres),
    installedDate: g.installedDate ?? '',
    containerSize: g.containerSize ?? '',
    fuel: g.fuel ?? '',
    manufacturer: g.manufacturer ?? '',
    gensetNote: g.note ?? '',
    targetAutonomyHours: numberText(p.targetAutonomyHours),
    items: inv.items.map(rowFromItem),
    heaterInContainer: inv.heaterInContainer == null ? '' : inv.heaterInContainer ? 'true' : 'false',
    fuelScope: inv.fuelScope,
  };
}

/** The genset object of the form. */
export function gensetBody(form: PowerForm): Record<string, unknown> {
  return {
    installed: form.installed,
    kva: optNum(form.kva),
    phases: form.phases === '' ? null : Number(form.phases),
    fuelTankLitres: optNum(form.fuelTankLitres),
    installedDate: str(form.installedDate),
    containerSize: form.containerSize || null,
    fuel: form.fuel || null,
    manufacturer: str(form.manufacturer),
    note: str(form.gensetNote),
  };
}

export function inventoryBody(form: PowerForm): Record<string, unknown> {
  return {
    items: form.items.map(itemFromRow),
    heaterInContainer: form.heaterInContainer === '' ? null : form.heaterInContainer === 'true',
    fuelScope: form.fuelScope,
  };
}

/** PATCH body: genset, load inventory and autonomy target. */
export function powerPatch(form: PowerForm, version: number): Record<string, unknown> {
  return {
    genset: gensetBody(form),
    loadInventory: inventoryBody(form),
    targetAutonomyHours: num(form.targetAutonomyHours),
    version,
  };
}

export function checkPowerPatch(form: PowerForm, version: number) {
  const body = powerPatch(form, version);
  return { body, result: pointUpdateSchema.safeParse(body) };
}

/**
 * The design of what the form says right now, or null while an item or a genset value does
 * not parse (the form shows those errors instead of stale numbers).
 */
export function liveDesign(form: PowerForm): PowerDesign | null {
  const items = form.items.map(itemFromRow);
  if (!items.every((i) => loadItemSchema.safeParse(i).success)) return null;
  const genset = gensetSchema.safeParse(gensetBody(form));
  const target = num(form.targetAutonomyHours);
  if (!genset.success || target === undefined || !(target > 0) || target > 2000) return null;
  const inv = inventoryBody(form);
  return designPower({
    items,
    installedGensetKva: genset.data.kva ?? null,
    tankLitres: genset.data.fuelTankLitres ?? null,
    targetHours: target,
    heaterInContainer: inv.heaterInContainer as boolean | null,
    fuelScope: form.fuelScope,
  });
}
