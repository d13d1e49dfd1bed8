import { describe, expect, it } from 'vitest';
import {
  classifyServiceTags,
  KIND_RULES,
  parseOsmInteger,
  placeTagValues,
  placeTypeOf,
  serviceTagValues,
  type TagIssue,
} from './registry-tags.js';

const kindOf = (tags: Record<string, string>) => classifyServiceTags(tags)?.kind ?? null;

describe('classifyServiceTags', () => {
  it.each([
    [{ amenity: 'pharmacy', 'pharmacy:type': 'agent' }, 'pharmacy_agent'],
    [{ healthcare: 'pharmacy', dispensing: 'no' }, 'pharmacy_agent'],
    [{ amenity: 'pharmacy', dispensing: 'yes' }, 'pharmacy'],
    [{ healthcare: 'pharmacy' }, 'pharmacy'],
    [{ shop: 'supermarket' }, 'grocery'],
    [{ shop: 'general' }, 'grocery'],
    [{ shop: 'grocery' }, 'grocery'],
    [{ shop: 'food' }, 'grocery'],
    [{ shop: 'convenience' }, 'convenience'],
    [{ shop: 'kiosk' }, 'convenience'],
    [{ amenity: 'fuel' }, 'fuel'],
    [{ amenity: 'parcel_locker' }, 'parcel_agent'],
    [{ shop: 'newsagent', post_office: 'post_partner' }, 'parcel_agent'],
    [{ amenity: 'post_office', post_office: 'post_partner' }, 'parcel_agent'],
    [{ amenity: 'post_office' }, 'post'],
    [{ amenity: 'atm' }, 'atm'],
    [{ amenity: 'bank' }, 'cash_service'],
    [{ amenity: 'bureau_de_change' }, 'cash_service'],
    [{ shop: 'alcohol' }, 'alcohol_store'],
    [{ shop: 'wine' }, 'alcohol_store'],
    [{ amenity: 'community_centre', community_centre: 'village_hall' }, 'community_hall'],
    [{ amenity: 'village_hall' }, 'community_hall'],
    [{ amenity: 'hospital' }, 'health_centre'],
    [{ amenity: 'clinic' }, 'health_centre'],
    [{ amenity: 'doctors' }, 'health_centre'],
    [{ healthcare: 'physiotherapist' }, 'health_centre'],
    [{ amenity: 'fire_station' }, 'rescue_station'],
    [{ amenity: 'school' }, 'school'],
  ])('%o → %s', (tags, kind) => {
    expect(kindOf(tags)).toBe(kind);
  });

  it.each([
    [{}],
    [{ shop: 'department_store' }],
    [{ shop: 'wholesale' }],
    [{ shop: 'greengrocer' }],
    [{ amenity: 'restaurant' }],
    [{ healthcare: 'no' }],
    [{ 'disused:shop': 'supermarket' }],
  ])('%o is not a service point', (tags) => {
    expect(kindOf(tags)).toBeNull();
  });

  it('lets the first rule win and keeps the other kinds', () => {
    expect(classifyServiceTags({ amenity: 'fuel', shop: 'convenience' })).toEqual({
      kind: 'fuel',
      matchedTag: 'amenity=fuel',
      otherKinds: ['convenience'],
    });
    expect(classifyServiceTags({ shop: 'supermarket', post_office: 'post_partner', atm: 'yes' })).toEqual({
      kind: 'grocery',
      matchedTag: 'shop=supermarket',
      otherKinds: ['parcel_agent'],
    });
    expect(classifyServiceTags({ amenity: 'pharmacy', healthcare: 'pharmacy' })?.otherKinds).toEqual([]);
    expect(classifyServiceTags({ amenity: 'pharmacy', dispensing: 'no' })?.matchedTag).toBe(
      'amenity=pharmacy + dispensing=no',
    );
  });

  it('documents every rule', () => {
    for (const r of KIND_RULES) expect(r.osm.length).toBeGreaterThan(5);
    expect(new Set(KIND_RULES.map((r) => r.kind)).size).toBe(KIND_RULES.length);
  });
});

describe('serviceTagValues', () => {
  it('maps name, chain, address, hours and fuel station attributes', () => {
    const tags = {
      amenity: 'fuel',
      name: 'Preem Kall',
      brand: 'Preem',
      operator: 'Kalls Handel AB',
      'addr:street': 'Kallvägen',
      'addr:housenumber': '12',
      'addr:postcode': '830 05',
      'addr:city': 'Järpen',
      opening_hours: '24/7',
      'fuel:diesel': 'yes',
      'fuel:octane_95': 'yes',
      'fuel:octane_98': 'no',
      'fuel:hvo100': 'yes',
      'fuel:e85': 'yes',
      'fuel:kerosene': 'yes',
      automated: 'yes',
      'payment:cash': 'no',
      'payment:visa': 'yes',
      'payment:mastercard': 'yes',
      backup_generator: 'yes',
      'backup_generator:kva': '70 kVA',
      'backup_generator:fuel': 'diesel',
    };
    const issues: TagIssue[] = [];
    const v = serviceTagValues(tags, classifyServiceTags(tags)!, issues);
    expect(issues).toEqual([]);
    expect(v).toEqual({
      name: 'Preem Kall',
      chain: 'Preem',
      address: 'Kallvägen 12',
      postcode: '830 05',
      city: 'Järpen',
      openingHours: '24/7',
      attributes: {
        matchedTag: 'amenity=fuel',
        fuels: ['diesel', 'e85', 'hvo100', 'kerosene', 'petrol_95'],
        payment: ['mastercard', 'visa'],
        cardOnly: true,
        staffed: false,
      },
      power: { type: 'backup', kva: 70, fuel: 'diesel' },
    });
  });

  it('falls back to operator, addr:place and nulls; reports a bad kVA', () => {
    const tags = {
      shop: 'general',
      operator: 'Byalaget',
      'addr:place': 'Valsjöbyn',
      'addr:housenumber': '3',
      self_service: 'no',
      seasonal: 'summer',
      backup_generator: 'yes',
      'backup_generator:kva': 'big',
    };
    const issues: TagIssue[] = [];
    const v = serviceTagValues(tags, classifyServiceTags(tags)!, issues);
    expect(v).toMatchObject({
      name: null,
      chain: 'Byalaget',
      address: 'Valsjöbyn 3',
      postcode: null,
      city: null,
    });
    expect(v.attributes).toMatchObject({ staffed: true, yearRound: false });
    expect(v.power).toEqual({ type: 'backup', kva: null });
    expect(issues).toEqual([{ field: 'backup_generator:kva', reason: 'not a number of kVA: "big"' }]);
    const grid = serviceTagValues(
      { shop: 'general', backup_generator: 'no' },
      classifyServiceTags({ shop: 'general' })!,
      [],
    );
    expect(grid.power).toEqual({ type: 'grid' });
    expect(grid.attributes.staffed).toBeUndefined();
  });
});

describe('places', () => {
  it('recognises the listed place types only', () => {
    expect(placeTypeOf({ place: 'village' })).toBe('village');
    expect(placeTypeOf({ place: 'isolated_dwelling' })).toBe('isolated_dwelling');
    expect(placeTypeOf({ place: 'country' })).toBeNull();
    expect(placeTypeOf({ place: 'island' })).toBeNull();
    expect(placeTypeOf({})).toBeNull();
  });

  it.each([
    ['1234', 1234],
    [' 987 ', 987],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['12,345', 12345],
    ['1.234.567', 1234567],
    ['0', 0],
    ['ca 300', null],
    ['1,5', null],
    ['1 23', null],
    ['1,234.5', null],
    ['-3', null],
    ['', null],
    ['12 345,678', null],
  ])('parseOsmInteger(%j) = %s', (raw, n) => {
    expect(parseOsmInteger(raw)).toBe(n);
  });

  it('keeps a place with an unparsable population and reports it', () => {
    const issues: TagIssue[] = [];
    expect(
      placeTagValues({ name: 'Åre', population: 'ca 1400', 'population:seasonal': '10 000' }, issues),
    ).toEqual({
      name: 'Åre',
      population: null,
      seasonalPopulation: 10000,
    });
    expect(issues).toEqual([{ field: 'population', reason: 'not a whole number: "ca 1400"' }]);
  });
});
