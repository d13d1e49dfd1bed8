/**
 * The place (locality) form as plain data, checked with the shared place schemas.
 */
import { type Place, placeCreateSchema, placeUpdateSchema } from '../../../src/shared/service-point.js';
import { type MessageKey, type Params, parseDecimal } from '../i18n.js';
import { type FieldErrors, zodFieldErrors } from './validation.js';

export interface PlaceForm {
  name: string;
  placeType: string;
  population: string;
  seasonalPopulation: string;
  lat: string;
  lon: string;
}

/** Label keys of the API field paths of a place. */
export const PLACE_PATH_LABELS: Record<string, MessageKey> = {
  name: 'place.name',
  placeType: 'place.placeType',
  population: 'place.population',
  seasonalPopulation: 'place.seasonalPopulation',
  lat: 'sp.lat',
  lon: 'sp.lon',
};

export function emptyPlaceForm(): PlaceForm {
  return { name: '', placeType: 'locality', population: '', seasonalPopulation: '', lat: '', lon: '' };
}

export function formFromPlace(p: Place): PlaceForm {
  return {
    name: p.name,
    placeType: p.placeType,
    population: p.population === null ? '' : String(p.population),
    seasonalPopulation: p.seasonalPopulation === null ? '' : String(p.seasonalPopulation),
    lat: String(p.lat),
    lon: String(p.lon),
  };
}

/** The API body; blank population fields become null (unknown). */
export function placePayload(f: PlaceForm): Record<string, unknown> {
  return {
    name: f.name.trim(),
    placeType: f.placeType.trim() || 'locality',
    population: parseDecimal(f.population) ?? null,
    seasonalPopulation: parseDecimal(f.seasonalPopulation) ?? null,
    lat: parseDecimal(f.lat),
    lon: parseDecimal(f.lon),
  };
}

/** Checks the form with the shared schema (update schema when `version` is given). */
export function checkPlaceForm(
  f: PlaceForm,
  t: (key: MessageKey, params?: Params) => string,
  version?: number,
): { payload: Record<string, unknown>; errors: FieldErrors } {
  const payload = placePayload(f);
  const body = version === undefined ? payload : { ...payload, version };
  const result = (version === undefined ? placeCreateSchema : placeUpdateSchema).safeParse(body);
  const blank = (path: string) => {
    const v = (f as unknown as Record<string, unknown>)[path];
    return typeof v === 'string' && v.trim() === '';
  };
  return { payload: body, errors: result.success ? {} : zodFieldErrors(result.error.issues, t, blank) };
}
