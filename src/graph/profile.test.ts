import { describe, expect, it } from 'vitest';
import { EdgeFlag, ROAD_CLASS_CODE } from './attributes.js';
import { parseDuration } from './duration.js';
import { parseMaxspeed } from './maxspeed.js';
import { carDirections, carWay, resolveCarProfile, SWEDISH_DEFAULT_SPEEDS } from './profile.js';

const car = resolveCarProfile();

describe('parseMaxspeed', () => {
  it.each([
    ['50', 50],
    ['70 km/h', 70],
    ['30 mph', 30 * 1.609344],
    ['10 knots', 18.52],
    ['SE:urban', 50],
    ['SE:rural', 70],
    ['SE:motorway', 110],
    ['walk', 7],
    ['60;50', 50],
    ['80,5', 80.5],
  ])('%s → %d km/h', (value, kmh) => {
    expect(parseMaxspeed(value)).toBeCloseTo(kmh, 6);
  });

  it.each(['none', 'signals', 'variable', 'XX:rural', '', 'fast', '0', '999', '50 furlongs'])(
    '%s falls back (undefined)',
    (value) => {
      expect(parseMaxspeed(value)).toBeUndefined();
    },
  );
});

describe('parseDuration', () => {
  it.each([
    ['00:20', 1200],
    ['1:05', 3900],
    ['01:02:03', 3723],
    ['45', 2700],
    ['7.5', 450],
    ['PT1H30M', 5400],
    ['PT20M', 1200],
    ['PT45S', 45],
    ['P1DT1H', 90000],
  ])('%s → %d s', (value, seconds) => {
    expect(parseDuration(value)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', 'soon', '1:75', '-5', '0', '00:00'])('%s is not a duration', (value) => {
    expect(parseDuration(value)).toBeUndefined();
  });
});

describe('carDirections', () => {
  it.each([
    [{ highway: 'residential' }, [true, true]],
    [{ highway: 'residential', oneway: 'yes' }, [true, false]],
    [{ highway: 'residential', oneway: '1' }, [true, false]],
    [{ highway: 'residential', oneway: 'true' }, [true, false]],
    [{ highway: 'residential', oneway: '-1' }, [false, true]],
    [{ highway: 'residential', oneway: 'no' }, [true, true]],
    [{ highway: 'primary', junction: 'roundabout' }, [true, false]],
    [{ highway: 'primary', junction: 'roundabout', oneway: 'no' }, [true, true]],
    [{ highway: 'motorway' }, [true, false]],
    [{ highway: 'motorway_link' }, [true, false]],
    [{ highway: 'motorway', oneway: 'no' }, [true, true]],
    [{ highway: 'residential', oneway: 'yes', 'oneway:motor_vehicle': 'no' }, [true, true]],
    [{ highway: 'tertiary', oneway: 'alternating' }, [true, true]],
    [{ highway: 'tertiary', oneway: 'bogus' }, [true, true]],
  ])('%o → %o', (tags, want) => {
    expect(carDirections(tags as Record<string, string>)).toEqual(want);
  });
});

describe('carWay', () => {
  it('uses the Swedish default table, slower on gravel', () => {
    expect(carWay({ highway: 'secondary' }, car)?.speedKmh).toBe(SWEDISH_DEFAULT_SPEEDS.secondary[0]);
    const gravel = carWay({ highway: 'unclassified', surface: 'gravel' }, car)!;
    expect(gravel.speedKmh).toBe(SWEDISH_DEFAULT_SPEEDS.unclassified[1]);
    expect(gravel.speedKmh).toBeLessThan(SWEDISH_DEFAULT_SPEEDS.unclassified[0]);
    expect(gravel.flags & EdgeFlag.unpaved).toBeTruthy();
    expect(carWay({ highway: 'track', tracktype: 'grade3' }, { ...car, includeTracks: true })?.flags).toBe(
      EdgeFlag.unpaved,
    );
  });

  it('uses maxspeed × factor, capped on unpaved roads, and zones from maxspeed:type', () => {
    expect(carWay({ highway: 'primary', maxspeed: '100' }, car)?.speedKmh).toBeCloseTo(90, 6);
    expect(carWay({ highway: 'tertiary', maxspeed: '90', surface: 'gravel' }, car)?.speedKmh).toBe(
      SWEDISH_DEFAULT_SPEEDS.tertiary[1],
    );
    expect(carWay({ highway: 'tertiary', 'maxspeed:type': 'SE:urban' }, car)?.speedKmh).toBeCloseTo(45, 6);
    expect(carWay({ highway: 'tertiary', maxspeed: 'signals' }, car)?.speedKmh).toBe(
      SWEDISH_DEFAULT_SPEEDS.tertiary[0],
    );
    expect(
      carWay({ highway: 'tertiary', 'maxspeed:forward': '60', 'maxspeed:backward': '40' }, car)?.speedKmh,
    ).toBeCloseTo(36, 6);
  });

  it('applies access restrictions, most specific tag first', () => {
    expect(carWay({ highway: 'residential', access: 'no' }, car)).toBeNull();
    expect(carWay({ highway: 'residential', access: 'private' }, car)).toBeNull();
    expect(
      carWay({ highway: 'residential', access: 'private' }, { ...car, includePrivate: true }),
    ).not.toBeNull();
    expect(carWay({ highway: 'residential', access: 'destination' }, car)).not.toBeNull();
    expect(carWay({ highway: 'residential', motor_vehicle: 'no' }, car)).toBeNull();
    expect(carWay({ highway: 'residential', access: 'no', motor_vehicle: 'yes' }, car)).not.toBeNull();
    expect(carWay({ highway: 'residential', motor_vehicle: 'yes', motorcar: 'no' }, car)).toBeNull();
    expect(carWay({ highway: 'service', vehicle: 'agricultural' }, car)).toBeNull();
    expect(carWay({ highway: 'residential', motor_vehicle: 'destination' }, car)).not.toBeNull();
  });

  it('refuses non-roads, areas, tracks by default and impassable ways', () => {
    const refused: Record<string, string>[] = [
      { highway: 'footway' },
      { highway: 'cycleway' },
      { highway: 'path' },
      { highway: 'construction' },
      { highway: 'proposed' },
      { highway: 'track' },
      { highway: 'service', area: 'yes' },
      { highway: 'residential', impassable: 'yes' },
      { building: 'yes' },
      { highway: 'toString' },
    ];
    for (const tags of refused) expect(carWay(tags, car), JSON.stringify(tags)).toBeNull();
    expect(carWay({ highway: 'track' }, { ...car, includeTracks: true })?.cls).toBe(ROAD_CLASS_CODE.track);
  });

  it('keeps bridge, tunnel and ford flags', () => {
    const w = carWay({ highway: 'primary', bridge: 'viaduct', tunnel: 'no', ford: 'yes' }, car)!;
    expect(w.flags).toBe(EdgeFlag.bridge | EdgeFlag.ford);
    expect(carWay({ highway: 'primary', tunnel: 'yes' }, car)!.flags).toBe(EdgeFlag.tunnel);
  });

  it('times ferries from duration plus boarding, else from the fallback speed plus boarding', () => {
    const timed = carWay({ route: 'ferry', duration: 'PT25M' }, car)!;
    expect(timed.cls).toBe(ROAD_CLASS_CODE.ferry);
    expect(timed.flags).toBe(EdgeFlag.ferry);
    expect(timed.fixedSeconds).toBe(25 * 60 + car.ferryBoardingSeconds);
    const untimed = carWay({ route: 'ferry' }, car)!;
    expect(untimed.fixedSeconds).toBeUndefined();
    expect(untimed.speedKmh).toBe(car.ferrySpeedKmh);
    expect(untimed.extraSeconds).toBe(car.ferryBoardingSeconds);
    expect(carWay({ route: 'ferry', motor_vehicle: 'no' }, car)).toBeNull();
    expect(carWay({ route: 'ferry', oneway: 'yes' }, car)).toMatchObject({ forward: true, backward: false });
  });
});
