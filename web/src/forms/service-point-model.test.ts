import { describe, expect, it } from 'vitest';
import { type ServicePoint, servicePointCreateSchema } from '../../../src/shared/service-point.js';
import { translate } from '../i18n.js';
import {
  checkServicePointForm,
  emptyForm,
  FORM_PATHS,
  formFromPoint,
  PATH_LABELS,
  payloadFromForm,
} from './service-point-model.js';
import { serverFieldErrors } from './validation.js';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('sv', key, params);

function point(over: Partial<ServicePoint> = {}): ServicePoint {
  return {
    id: 7,
    kind: 'fuel',
    name: 'Kall Drivmedel',
    chain: 'Ok',
    operatorName: null,
    address: 'Byvägen 1',
    postcode: '830 05',
    city: 'Kall',
    lat: 63.4712345,
    lon: 13.2512345,
    municipalityCode: '2321',
    attributes: { fuels: ['diesel', 'lpg'], staffed: false, matchedTag: 'amenity=fuel', yearRound: true },
    power: { type: 'backup', kva: 70, fuelLitres: 1200, fuel: 'diesel' },
    openingHours: null,
    externalIds: { osm: 'node/1' },
    importBatchId: null,
    version: 3,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    ...over,
  };
}

describe('service-point form model', () => {
  it('round-trips a point without losing anything the form does not show', () => {
    const p = point();
    const payload = payloadFromForm(formFromPoint(p));
    expect(payload).toMatchObject({
      kind: 'fuel',
      name: 'Kall Drivmedel',
      chain: 'Ok',
      operatorName: null,
      lat: 63.4712345,
      lon: 13.2512345,
      power: { type: 'backup', kva: 70, fuelLitres: 1200, fuel: 'diesel' },
    });
    // Imported extras (an OSM fuel code, the matched tag) survive an edit in the form.
    expect(payload.attributes).toEqual(p.attributes);
    expect(servicePointCreateSchema.safeParse(payload).success).toBe(true);
  });

  it('drops the old kind’s attributes when the kind changes', () => {
    const form = { ...formFromPoint(point()), kind: 'grocery' as const, assortmentArticles: '1 200' };
    const attributes = payloadFromForm(form).attributes as Record<string, unknown>;
    expect(attributes).toEqual({ assortmentArticles: 1200, yearRound: true, matchedTag: 'amenity=fuel' });
    expect(checkServicePointForm(form, t).errors).toEqual({});
  });

  it('reports missing, out-of-range and malformed values per field, in Swedish', () => {
    const form = {
      ...emptyForm('grocery'),
      lat: '95',
      lon: 'öster',
      assortmentArticles: '12,5',
      chain: 'x'.repeat(201),
    };
    const { errors } = checkServicePointForm(form, t);
    expect(errors.name).toBe('Fyll i fältet.');
    expect(errors.lat).toBe('Värdet får vara högst 90.');
    expect(errors.lon).toBe('Ange ett tal.');
    expect(errors.chain).toBe('Högst 200 tecken.');
    // Attribute errors show together with the base errors, not only after they are fixed.
    expect(errors['attributes.assortmentArticles']).toBe('Ange ett heltal.');
  });

  it('asks for a positive generator size', () => {
    const form = { ...formFromPoint(point()), kva: '0' };
    expect(checkServicePointForm(form, t, 3).errors['power.kva']).toBe('Värdet måste vara större än 0.');
  });

  it('sends the version on updates only', () => {
    const form = formFromPoint(point());
    expect(checkServicePointForm(form, t, 3).payload.version).toBe(3);
    expect('version' in checkServicePointForm(form, t).payload).toBe(false);
  });

  it('has a label and a form field for every path it can report', () => {
    for (const path of Object.values(FORM_PATHS)) expect(PATH_LABELS[path], path).toBeDefined();
  });
});

describe('server errors', () => {
  it('land on the form’s field paths', () => {
    expect(
      serverFieldErrors([
        { field: 'lat', reason: 'latitude must be ≤ 90' },
        { field: 'attributes.fuels.1', reason: 'must be a lower-case identifier' },
        { reason: 'point outside your municipality' },
      ]),
    ).toEqual({
      lat: 'latitude must be ≤ 90',
      'attributes.fuels': 'must be a lower-case identifier',
      '': 'point outside your municipality',
    });
  });
});
