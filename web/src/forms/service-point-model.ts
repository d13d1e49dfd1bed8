/**
 * The service-point form as plain data: conversion from an API row to editable strings, back to
 * an API payload, and the client-side check with the shared zod schemas (the same ones the
 * server uses, so the two checks cannot disagree).
 */
import type { ServiceKind } from '../../../src/shared/kinds.js';
import {
  attributesSchemaByKind,
  type ServicePoint,
  servicePointCreateSchema,
  servicePointUpdateSchema,
} from '../../../src/shared/service-point.js';
import { type MessageKey, type Params, parseDecimal } from '../i18n.js';
import { type FieldErrors, issuePath, zodFieldErrors } from './validation.js';

/** Kinds whose attributes are the grocery set (assortment, fresh goods, premises…). */
export const GROCERY_LIKE: readonly ServiceKind[] = ['grocery', 'convenience'];

/** What the user edits: text inputs keep their raw text until the form is checked. */
export interface ServicePointForm {
  kind: ServiceKind;
  name: string;
  chain: string;
  operatorName: string;
  address: string;
  postcode: string;
  city: string;
  lat: string;
  lon: string;
  openingHours: string;
  powerType: 'grid' | 'backup';
  kva: string;
  fuelLitres: string;
  powerFuel: string;
  phone: string;
  website: string;
  note: string;
  yearRound: boolean | undefined;
  assortmentArticles: string;
  freshGroups: string[];
  fixedPremises: boolean | undefined;
  turnoverBand: string;
  staffingModel: string;
  fuels: string[];
  staffed: boolean | undefined;
  payment: string[];
  cardOnly: boolean | undefined;
  /** Attributes the form does not edit (from imports: `matchedTag`, `otherKinds`…), kept as they are. */
  otherAttributes: Record<string, unknown>;
}

/** Attribute keys the form edits, for every kind and per attribute group. */
export const COMMON_ATTRIBUTE_KEYS = ['phone', 'website', 'note', 'yearRound'] as const;
export const GROUP_ATTRIBUTE_KEYS = {
  grocery: ['assortmentArticles', 'freshGroups', 'fixedPremises', 'turnoverBand', 'staffingModel'],
  fuel: ['fuels', 'staffed', 'payment', 'cardOnly'],
  generic: ['staffed', 'payment', 'cardOnly'],
} as const;
const FORM_ATTRIBUTE_KEYS = new Set<string>([
  ...COMMON_ATTRIBUTE_KEYS,
  ...Object.values(GROUP_ATTRIBUTE_KEYS).flat(),
]);

/** Form field → API field path (used to put server errors on the right control). */
export const FORM_PATHS: Record<keyof ServicePointForm, string> = {
  kind: 'kind',
  name: 'name',
  chain: 'chain',
  operatorName: 'operatorName',
  address: 'address',
  postcode: 'postcode',
  city: 'city',
  lat: 'lat',
  lon: 'lon',
  openingHours: 'openingHours',
  powerType: 'power.type',
  kva: 'power.kva',
  fuelLitres: 'power.fuelLitres',
  powerFuel: 'power.fuel',
  phone: 'attributes.phone',
  website: 'attributes.website',
  note: 'attributes.note',
  yearRound: 'attributes.yearRound',
  assortmentArticles: 'attributes.assortmentArticles',
  freshGroups: 'attributes.freshGroups',
  fixedPremises: 'attributes.fixedPremises',
  turnoverBand: 'attributes.turnoverBand',
  staffingModel: 'attributes.staffingModel',
  fuels: 'attributes.fuels',
  staffed: 'attributes.staffed',
  payment: 'attributes.payment',
  cardOnly: 'attributes.cardOnly',
  otherAttributes: 'attributes',
};

/** The label key of each API field path the form shows (for the error summary). */
export const PATH_LABELS: Record<string, MessageKey> = {
  kind: 'sp.kind',
  name: 'sp.name',
  chain: 'sp.chain',
  operatorName: 'sp.operatorName',
  address: 'sp.address',
  postcode: 'sp.postcode',
  city: 'sp.city',
  lat: 'sp.lat',
  lon: 'sp.lon',
  openingHours: 'sp.openingHours',
  power: 'form.powerLegend',
  'power.type': 'form.powerLegend',
  'power.kva': 'power.kva',
  'power.fuelLitres': 'power.fuelLitres',
  'power.fuel': 'power.fuel',
  attributes: 'form.notOnForm',
  'attributes.phone': 'attr.phone',
  'attributes.website': 'attr.website',
  'attributes.cardOnly': 'attr.cardOnly',
  'attributes.assortmentArticles': 'attr.assortmentArticles',
  'attributes.freshGroups': 'attr.freshGroups',
  'attributes.yearRound': 'attr.yearRound',
  'attributes.fixedPremises': 'attr.fixedPremises',
  'attributes.turnoverBand': 'attr.turnoverBand',
  'attributes.staffingModel': 'attr.staffingModel',
  'attributes.fuels': 'attr.fuels',
  'attributes.staffed': 'attr.staffed',
  'attributes.payment': 'attr.payment',
  'attributes.note': 'attr.note',
};

/** Which attribute fields the form shows for a kind. */
export function attributeGroup(kind: ServiceKind): 'grocery' | 'fuel' | 'generic' {
  if (GROCERY_LIKE.includes(kind)) return 'grocery';
  if (kind === 'fuel') return 'fuel';
  return 'generic';
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
const list = <T extends string>(v: unknown) =>
  Array.isArray(v) ? (v.filter((x) => typeof x === 'string') as T[]) : [];

/** An empty form for a new point (optionally at a known position). */
export function emptyForm(kind: ServiceKind = 'grocery'): ServicePointForm {
  return {
    kind,
    name: '',
    chain: '',
    operatorName: '',
    address: '',
    postcode: '',
    city: '',
    lat: '',
    lon: '',
    openingHours: '',
    powerType: 'grid',
    kva: '',
    fuelLitres: '',
    powerFuel: '',
    phone: '',
    website: '',
    note: '',
    yearRound: undefined,
    assortmentArticles: '',
    freshGroups: [],
    fixedPremises: undefined,
    turnoverBand: '',
    staffingModel: '',
    fuels: [],
    staffed: undefined,
    payment: [],
    cardOnly: undefined,
    otherAttributes: {},
  };
}

/** The form for an existing point; coordinates keep full precision. */
export function formFromPoint(p: ServicePoint): ServicePointForm {
  const a = p.attributes ?? {};
  const power = p.power ?? {};
  return {
    kind: p.kind,
    name: p.name,
    chain: text(p.chain),
    operatorName: text(p.operatorName),
    address: text(p.address),
    postcode: text(p.postcode),
    city: text(p.city),
    lat: String(p.lat),
    lon: String(p.lon),
    openingHours: text(p.openingHours),
    powerType: power.type === 'backup' ? 'backup' : 'grid',
    kva: num(power.kva),
    fuelLitres: num(power.fuelLitres),
    powerFuel: text(power.fuel),
    phone: text(a.phone),
    website: text(a.website),
    note: text(a.note),
    yearRound: bool(a.yearRound),
    assortmentArticles: num(a.assortmentArticles),
    freshGroups: list(a.freshGroups),
    fixedPremises: bool(a.fixedPremises),
    turnoverBand: text(a.turnoverBand),
    staffingModel: text(a.staffingModel),
    fuels: list(a.fuels),
    staffed: bool(a.staffed),
    payment: list(a.payment),
    cardOnly: bool(a.cardOnly),
    otherAttributes: Object.fromEntries(Object.entries(a).filter(([key]) => !FORM_ATTRIBUTE_KEYS.has(key))),
  };
}

/** Blank optional text → null, so clearing a field clears it on the server. */
const optional = (v: string) => (v.trim() === '' ? null : v.trim());

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * The attributes object for the form's kind: attributes the form does not edit are carried
 * through, the common ones are added, and only the current kind's own group follows (fields of
 * another kind are dropped, since the server's strict schema would refuse them).
 */
export function attributesFromForm(f: ServicePointForm): Record<string, unknown> {
  const common = {
    phone: optional(f.phone) ?? undefined,
    website: optional(f.website) ?? undefined,
    note: optional(f.note) ?? undefined,
    yearRound: f.yearRound,
  };
  const lists = (values: string[]) => (values.length ? values : undefined);
  const groups = {
    grocery: {
      assortmentArticles: parseDecimal(f.assortmentArticles),
      freshGroups: lists(f.freshGroups),
      fixedPremises: f.fixedPremises,
      turnoverBand: f.turnoverBand || undefined,
      staffingModel: f.staffingModel || undefined,
    },
    fuel: { fuels: lists(f.fuels), staffed: f.staffed, payment: lists(f.payment), cardOnly: f.cardOnly },
    generic: { staffed: f.staffed, payment: lists(f.payment), cardOnly: f.cardOnly },
  };
  return withoutUndefined({ ...f.otherAttributes, ...common, ...groups[attributeGroup(f.kind)] });
}

/** The create/update body for the API (without `version`). Numbers typed badly become NaN. */
export function payloadFromForm(f: ServicePointForm): Record<string, unknown> {
  const power =
    f.powerType === 'backup'
      ? withoutUndefined({
          type: 'backup',
          kva: parseDecimal(f.kva),
          fuelLitres: parseDecimal(f.fuelLitres),
          fuel: f.powerFuel || undefined,
        })
      : { type: 'grid' };
  return {
    kind: f.kind,
    name: f.name.trim(),
    chain: optional(f.chain),
    operatorName: optional(f.operatorName),
    address: optional(f.address),
    postcode: optional(f.postcode),
    city: optional(f.city),
    lat: parseDecimal(f.lat),
    lon: parseDecimal(f.lon),
    openingHours: optional(f.openingHours),
    attributes: attributesFromForm(f),
    power,
  };
}

/** True when the form control behind an API path is blank (a missing value, not a wrong one). */
export function isBlank(f: ServicePointForm, path: string): boolean {
  const entry = Object.entries(FORM_PATHS).find(([, p]) => p === path);
  if (!entry) return false;
  const value = f[entry[0] as keyof ServicePointForm];
  return typeof value === 'string' && value.trim() === '';
}

/**
 * Checks the form with the shared schema. Attributes are also checked on their own, so their
 * errors show at once instead of only after every base field is valid.
 */
export function checkServicePointForm(
  f: ServicePointForm,
  t: (key: MessageKey, params?: Params) => string,
  version?: number,
): { payload: Record<string, unknown>; errors: FieldErrors } {
  const payload = payloadFromForm(f);
  const body = version === undefined ? payload : { ...payload, version };
  const schema = version === undefined ? servicePointCreateSchema : servicePointUpdateSchema;
  const result = schema.safeParse(body);
  const blank = (path: string) => isBlank(f, path);
  const errors = result.success ? {} : zodFieldErrors(result.error.issues, t, blank);
  const attrs = attributesSchemaByKind[f.kind].safeParse(payload.attributes);
  if (!attrs.success) {
    for (const issue of attrs.error.issues) {
      const path = ['attributes', issuePath(issue.path)].filter(Boolean).join('.');
      if (!(path in errors))
        errors[path] = zodFieldErrors([issue], t, () => blank(path))[issuePath(issue.path)];
    }
  }
  return { payload: body, errors };
}
