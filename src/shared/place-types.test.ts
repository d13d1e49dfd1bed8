import { describe, expect, it } from 'vitest';
import { PLACE_TYPES } from '../osm/registry-tags.js';
import {
  DEFAULT_PLACE_TYPE,
  isKnownPlaceType,
  KNOWN_PLACE_TYPES,
  PLACE_TYPE_LABELS,
  placeTypeLabel,
  placeTypeOptions,
} from './place-types.js';
import { placeCreateSchema } from './service-point.js';

describe('place types', () => {
  it('label every type the OSM importer keeps, and the schema default', () => {
    for (const type of PLACE_TYPES) expect(isKnownPlaceType(type), type).toBe(true);
    const parsed = placeCreateSchema.parse({ name: 'X', lat: 63, lon: 14 });
    expect(parsed.placeType).toBe(DEFAULT_PLACE_TYPE);
    expect(isKnownPlaceType(parsed.placeType)).toBe(true);
  });

  it('have distinct, non-empty labels in both languages', () => {
    for (const lang of ['sv', 'en'] as const) {
      const labels = KNOWN_PLACE_TYPES.map((type) => PLACE_TYPE_LABELS[type][lang]);
      for (const label of labels) expect(label.trim()).not.toBe('');
      expect(new Set(labels).size, lang).toBe(KNOWN_PLACE_TYPES.length);
    }
    expect(Object.keys(PLACE_TYPE_LABELS).sort()).toEqual([...KNOWN_PLACE_TYPES].sort());
  });

  it('show Swedish or English labels and unknown types as stored', () => {
    expect(placeTypeLabel('sv', 'village')).toBe('By');
    expect(placeTypeLabel('en', 'village')).toBe('Village');
    expect(placeTypeLabel('sv', 'town')).toBe('Tätort');
    expect(placeTypeLabel('sv', 'island')).toBe('island');
    expect(placeTypeLabel('en', '')).toBe('');
    // Inherited object keys are not place types.
    expect(isKnownPlaceType('toString')).toBe(false);
    expect(placeTypeLabel('sv', 'constructor')).toBe('constructor');
  });

  it('offer every known type, plus an unknown current value so it is not lost', () => {
    const known = placeTypeOptions('sv');
    expect(known.map((o) => o.value)).toEqual([...KNOWN_PLACE_TYPES]);
    expect(known.find((o) => o.value === 'hamlet')?.label).toBe('Småby');
    expect(placeTypeOptions('sv', 'village')).toEqual(known);
    const withIsland = placeTypeOptions('en', 'island');
    expect(withIsland).toHaveLength(KNOWN_PLACE_TYPES.length + 1);
    expect(withIsland.at(-1)).toEqual({ value: 'island', label: 'island' });
    expect(placeTypeOptions('sv', '')).toEqual(known);
  });
});
