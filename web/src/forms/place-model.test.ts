import { describe, expect, it } from 'vitest';
import { translate } from '../i18n.js';
import { checkPlaceForm, emptyPlaceForm, formFromPlace, placePayload } from './place-model.js';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('en', key, params);

describe('place form model', () => {
  it('turns blank populations into null and typed ones into numbers', () => {
    const form = { ...emptyPlaceForm(), name: 'Kall', population: '1 250', lat: '63,47', lon: '13,25' };
    expect(placePayload(form)).toEqual({
      name: 'Kall',
      placeType: 'locality',
      population: 1250,
      seasonalPopulation: null,
      lat: 63.47,
      lon: 13.25,
    });
    expect(checkPlaceForm(form, t).errors).toEqual({});
  });

  it('rejects negative and fractional populations', () => {
    const form = {
      ...emptyPlaceForm(),
      name: 'X',
      population: '-1',
      seasonalPopulation: '2.5',
      lat: '1',
      lon: '1',
    };
    const { errors } = checkPlaceForm(form, t, 1);
    expect(errors.population).toBe('The value must be at least 0.');
    expect(errors.seasonalPopulation).toBe('Enter a whole number.');
  });

  it('round-trips a stored place', () => {
    const form = formFromPlace({
      id: 1,
      name: 'Åre',
      placeType: 'town',
      population: 3200,
      seasonalPopulation: null,
      lat: 63.4,
      lon: 13.08,
      municipalityCode: '2321',
      externalIds: {},
      importBatchId: null,
      version: 2,
      createdAt: '',
      updatedAt: '',
    });
    expect(checkPlaceForm(form, t, 2).payload).toMatchObject({
      population: 3200,
      seasonalPopulation: null,
      version: 2,
    });
  });
});
