import { describe, expect, it } from 'vitest';
import { canAudit, canEdit, normaliseTerritories, territoryName, unionBBox } from './session.js';
import type { User } from './types.js';

const user = (over: Partial<User>): User => ({
  userId: 1,
  username: 'u',
  role: 'viewer',
  countyCode: null,
  municipalityCode: null,
  ...over,
});

describe('session helpers', () => {
  it('mirror the server’s role rules for what the UI offers', () => {
    expect(canEdit(user({ role: 'municipality' }))).toBe(true);
    expect(canEdit(user({ role: 'operator' }))).toBe(false);
    expect(canEdit(user({ role: 'viewer' }))).toBe(false);
    expect(canAudit(user({ role: 'county' }))).toBe(true);
    expect(canAudit(user({ role: 'municipality' }))).toBe(false);
  });

  it('normalise territories and name the user’s own', () => {
    const territories = normaliseTerritories({
      counties: [{ code: '23', name: 'Jämtlands län', bbox: [12, 61, 17, 65] }],
      municipalities: [
        { code: '2380', name: 'Östersund', countyCode: '23', bbox: [13.5, 62.8, 15.3, 63.6] },
        { code: '2321', name: 'Åre', countyCode: '23', minLon: 12, minLat: 62.9, maxLon: 14.2, maxLat: 63.9 },
      ],
    });
    expect(territories.municipalities.map((m) => m.code)).toEqual(['2321', '2380']);
    expect(territories.municipalities[0].bbox).toEqual([12, 62.9, 14.2, 63.9]);
    expect(territoryName(user({ municipalityCode: '2321' }), territories)).toBe('Åre (2321)');
    expect(territoryName(user({ role: 'county', countyCode: '23' }), territories)).toBe('Jämtlands län (23)');
    expect(territoryName(user({ role: 'admin' }), territories)).toBeNull();
  });

  it('unite bounding boxes, skipping missing ones', () => {
    expect(unionBBox([[13, 63, 13.5, 63.5], null, [14, 62, 14.5, 63.2]])).toEqual([13, 62, 14.5, 63.5]);
    expect(unionBBox([null, undefined])).toBeNull();
  });
});
