/**
 * The overview form of a SOT-punkt as text fields, and the conversion to the PATCH body the
 * server's own schema (src/sot/schemas.ts) accepts — checked with that schema before sending.
 */
import {
  type CommType,
  type EstablishmentModel,
  type LocalFunctionType,
  pointCreateSchema,
  pointUpdateSchema,
} from '../../../../src/sot/schemas.js';
import { parseDecimal } from '../../i18n.js';
import type { PickedPoint } from '../components/PointPickers.js';
import type { SotPoint } from '../types.js';

export interface CommRow {
  type: CommType;
  count: string;
  /** '' = by type (the server's default), else explicit. */
  independent: '' | 'true' | 'false';
  note: string;
}

export interface LocalFunctionRow {
  type: LocalFunctionType;
  description: string;
}

export interface PointForm {
  name: string;
  establishmentModel: EstablishmentModel | '';
  store: PickedPoint | null;
  fuel: PickedPoint | null;
  fuelMaxDistanceM: string;
  minMembers: string;
  communication: CommRow[];
  localFunctions: LocalFunctionRow[];
  activationText: string;
  activationRef: string;
  activationReviewed: string;
  note: string;
}

const num = (text: string): number | undefined => parseDecimal(text);
const str = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The form filled from a point as the API returns it. */
export function formFromPoint(p: SotPoint): PointForm {
  return {
    name: p.name,
    establishmentModel: p.establishmentModel ?? '',
    store: p.store,
    fuel: p.fuelStation,
    fuelMaxDistanceM: String(p.fuelMaxDistanceM),
    minMembers: String(p.minMembers),
    communication: p.communication.map((c) => ({
      type: (c.type ?? 'other') as CommType,
      count: String(c.count ?? 1),
      independent:
        c.independent === undefined || c.independent === null ? '' : c.independent ? 'true' : 'false',
      note: c.note ?? '',
    })),
    localFunctions: p.localFunctions.map((f) => ({
      type: (f.type ?? 'other') as LocalFunctionType,
      description: f.description ?? '',
    })),
    activationText: p.activation?.text ?? '',
    activationRef: p.activation?.documentRef ?? '',
    activationReviewed: p.activation?.lastReviewed ?? '',
    note: p.note ?? '',
  };
}

/** The PATCH body for the form (everything the form shows, plus the version read). */
export function pointPatch(form: PointForm, version: number): Record<string, unknown> {
  const activation =
    str(form.activationText) || str(form.activationRef) || str(form.activationReviewed)
      ? {
          text: str(form.activationText),
          documentRef: str(form.activationRef),
          lastReviewed: str(form.activationReviewed),
        }
      : null;
  return {
    name: form.name.trim(),
    establishmentModel: form.establishmentModel || null,
    storeId: form.store?.id,
    fuelStationId: form.fuel?.id ?? null,
    fuelMaxDistanceM: num(form.fuelMaxDistanceM),
    minMembers: num(form.minMembers),
    communication: form.communication.map((c) => ({
      type: c.type,
      count: num(c.count),
      ...(c.independent === '' ? {} : { independent: c.independent === 'true' }),
      note: str(c.note),
    })),
    localFunctions: form.localFunctions.map((f) => ({ type: f.type, description: str(f.description) })),
    activation,
    note: str(form.note),
    version,
  };
}

/** The body and its problems by field path (checked with the server's schema). */
export function checkPointPatch(form: PointForm, version: number) {
  const body = pointPatch(form, version);
  return { body, result: pointUpdateSchema.safeParse(body) };
}

/** The create form: store, fuel station, name and how the place was chosen. */
export interface CreateForm {
  name: string;
  establishmentModel: EstablishmentModel | '';
  store: PickedPoint | null;
  fuel: PickedPoint | null;
  fuelMaxDistanceM: string;
}

export function createBody(form: CreateForm): Record<string, unknown> {
  return {
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    storeId: form.store?.id,
    fuelStationId: form.fuel?.id ?? null,
    establishmentModel: form.establishmentModel || null,
    fuelMaxDistanceM: num(form.fuelMaxDistanceM),
  };
}

export function checkCreate(form: CreateForm) {
  const body = createBody(form);
  return { body, result: pointCreateSchema.safeParse(body) };
}
