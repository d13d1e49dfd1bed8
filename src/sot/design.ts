/**
 * The backup-power design of a point, computed by src/power from the load inventory and genset
 * facts stored on the point. This module only maps the point onto the power module's input and
 * picks out the numbers the checklist and the readiness board need.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { municipalities } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { zodDetails } from '../domain/registry-common.js';
import { validationError } from '../errors.js';
import { designPower, type PowerDesign, type PowerDesignInput } from '../power/design.js';
import { deviceType } from '../power/devices.js';
import {
  buildRequirementSpec,
  type RequirementSpecOptionsInput,
  type SpecDocument,
} from '../power/kravspecifikation.js';
import { loadPoint, type SotPointRow } from './access.js';
import { linkedServicePoints } from './points.js';
import { type Genset, type PointLoadInventory, pointLoadInventorySchema } from './schemas.js';

/** Validates a load inventory; 400 with fields like `loadInventory.items.2.count`. */
export function parseLoadInventory(raw: unknown): PointLoadInventory {
  const result = pointLoadInventorySchema.safeParse(raw);
  if (!result.success)
    throw validationError(
      'Invalid load inventory',
      zodDetails(result.error).map((d) => ({
        ...d,
        field: d.field ? `loadInventory.${d.field}` : 'loadInventory',
      })),
    );
  return result.data;
}

const FUEL_CATEGORIES = new Set(['fuel_dispenser', 'submersible_pump']);

/** The power module's input for a point, or null when it has no load inventory. */
export function designInputOf(
  point: Pick<SotPointRow, 'loadInventory' | 'genset' | 'targetAutonomyHours'>,
): PowerDesignInput | null {
  if (!point.loadInventory) return null;
  const parsed = pointLoadInventorySchema.safeParse(point.loadInventory);
  if (!parsed.success) return null;
  const genset = point.genset as Partial<Genset>;
  return {
    items: parsed.data.items,
    installedGensetKva: genset.kva ?? null,
    tankLitres: genset.fuelTankLitres ?? null,
    targetHours: point.targetAutonomyHours,
    heaterInContainer: parsed.data.heaterInContainer ?? null,
    fuelScope: parsed.data.fuelScope,
  };
}

/** The full design of a point, or null without a load inventory. */
export function pointDesign(
  point: Pick<SotPointRow, 'loadInventory' | 'genset' | 'targetAutonomyHours'>,
): PowerDesign | null {
  const input = designInputOf(point);
  return input ? designPower(input) : null;
}

/** The few design numbers the checklist and the board use. */
export interface PowerFacts {
  /** Rating the must-run load needs, margin and starting included (kVA); null without loads. */
  requiredKva: number | null;
  /** Smallest standard size ≥ requiredKva. */
  recommendedKva: number | null;
  /** The inventory has fuel dispensers or pumps that must run; null without loads. */
  coversFuel: boolean | null;
  /** Autonomy on the stated tank at the expected load; null without tank, genset rating or loads. */
  autonomyHours: number | null;
  targetHours: number;
  autonomyMet: boolean | null;
}

export function powerFacts(
  point: Pick<SotPointRow, 'loadInventory' | 'genset' | 'targetAutonomyHours'>,
): PowerFacts {
  const design = pointDesign(point);
  const genset = point.genset as Partial<Genset>;
  const none: PowerFacts = {
    requiredKva: null,
    recommendedKva: null,
    coversFuel: null,
    autonomyHours: null,
    targetHours: point.targetAutonomyHours,
    autonomyMet: null,
  };
  if (!design || design.items.length === 0) return none;
  const required = design.recommendation.mustRun;
  const coversFuel = design.items.some(
    (i) => i.mustRun && FUEL_CATEGORIES.has(deviceType(i.deviceType)?.category ?? i.category),
  );
  // Autonomy only from a tank someone stated: a tank the design sized itself meets the target by construction.
  const stated = genset.kva != null && genset.fuelTankLitres != null && design.autonomy !== null;
  return {
    requiredKva: required.requiredKva,
    recommendedKva: required.recommendedKva,
    coversFuel,
    autonomyHours: stated && design.autonomy ? design.autonomy.hours : null,
    targetHours: point.targetAutonomyHours,
    autonomyMet: stated && design.autonomy ? design.autonomy.meetsTarget : null,
  };
}

/** GET …/design: the stored input, the computed design and the facts the checklist uses. */
export interface PointDesignView {
  pointId: number;
  input: PowerDesignInput | null;
  design: PowerDesign | null;
  facts: PowerFacts;
}

export async function getDesign(db: DbOrTx, actor: Actor, pointId: number): Promise<PointDesignView> {
  const { row } = await loadPoint(db, actor, pointId);
  const input = designInputOf(row);
  return { pointId, input, design: input ? designPower(input) : null, facts: powerFacts(row) };
}

/** The kravspecifikation of a point's backup power, built from its design. */
export async function getRequirementSpec(
  db: DbOrTx,
  actor: Actor,
  pointId: number,
  options: RequirementSpecOptionsInput = {},
): Promise<{ doc: SpecDocument; pointName: string }> {
  const { row } = await loadPoint(db, actor, pointId);
  const design = pointDesign(row);
  if (!design || design.items.length === 0)
    throw validationError('The point has no load inventory to specify a generator from', [
      { field: 'loadInventory', reason: 'add the loads (PATCH the point with loadInventory) first' },
    ]);
  const linked = await linkedServicePoints(db, [row.storeId, row.fuelStationId]);
  const store = row.storeId !== null ? linked.get(row.storeId) : undefined;
  const fuel = row.fuelStationId !== null ? linked.get(row.fuelStationId) : undefined;
  const [m] = await db
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.code, row.municipalityCode));
  const doc = buildRequirementSpec({
    point: {
      name: row.name,
      municipality: m?.name ?? row.municipalityCode,
      locality: store?.city ?? null,
      storeName: store?.name ?? null,
      fuelStationName: fuel?.name ?? null,
    },
    design,
    options,
  });
  return { doc, pointName: row.name };
}

/** A file name for the specification: `kravspecifikation-<point>.<ext>`, ASCII only. */
export function specFilename(pointName: string, ext: 'md' | 'pdf'): string {
  const slug = pointName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `kravspecifikation-${slug || 'sot-punkt'}.${ext}`;
}
