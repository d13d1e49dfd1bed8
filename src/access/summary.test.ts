import { describe, expect, it } from 'vitest';
import { type SummaryItem, summarise } from './summary.js';

const ok = (
  weight: number,
  time1: number,
  time2: number | null,
  extra: Partial<SummaryItem> = {},
): SummaryItem => ({
  weight,
  time1,
  time2,
  status: 'ok',
  bridge: false,
  singleLink: false,
  ...extra,
});

describe('summarise', () => {
  // Worked by hand: 205 people in 7 points.
  const items: SummaryItem[] = [
    ok(100, 120, 400), // 2 min
    ok(50, 420, 2000), // 7 min, second beyond 30
    ok(30, 900, null), // 15 min, no second at all
    ok(10, 2400, 3000, { bridge: true, singleLink: true }), // 40 min
    { weight: 10, time1: null, time2: null, status: 'unreachable', bridge: false, singleLink: false },
    ok(0, 60, 60), // a place without population: listed, weighs nothing
    { weight: 5, time1: null, time2: null, status: 'unsnapped', bridge: false, singleLink: false },
  ];
  const s = summarise(items);

  it('counts everyone in the denominator and shares within each threshold', () => {
    expect(s.population).toBe(205);
    expect(s.points).toBe(7);
    expect(s.within['5']).toBeCloseTo(100 / 205, 12);
    expect(s.within['10']).toBeCloseTo(150 / 205, 12);
    expect(s.within['20']).toBeCloseTo(180 / 205, 12);
    expect(s.within['30']).toBeCloseTo(180 / 205, 12);
    expect(s.within['45']).toBeCloseTo(190 / 205, 12);
    expect(s.within['60']).toBeCloseTo(190 / 205, 12);
  });

  it('puts unreachable and unsnapped people in the > 30 band so the bands sum to one', () => {
    expect(s.bands.lt5).toBeCloseTo(100 / 205, 12);
    expect(s.bands.m5to10).toBeCloseTo(50 / 205, 12);
    expect(s.bands.m10to30).toBeCloseTo(30 / 205, 12);
    expect(s.bands.gt30).toBeCloseTo(25 / 205, 12);
    const sum = Object.values(s.bands).reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(s.unreachable).toEqual({ people: 10, share: 10 / 205 });
    expect(s.unsnapped).toEqual({ people: 5, share: 5 / 205 });
  });

  it('takes weighted lower quantiles: median 7 min (cumulative 150 ≥ 102.5), p90 40 min (190 ≥ 184.5)', () => {
    expect(s.medianMin).toBe(7);
    expect(s.p90Min).toBe(40);
    expect(s.meanMin).toBeCloseTo(84000 / 190 / 60, 12);
  });

  it('counts people without a second service within 30 min, and bridge-dependent people', () => {
    // 50 (second at 33 min) + 30 (none) + 10 (50 min) + 10 unreachable + 5 unsnapped.
    expect(s.noSecondWithin30.people).toBe(105);
    expect(s.bridgeDependent).toEqual({ people: 10, share: 10 / 205 });
    expect(s.singleLinkDependent.people).toBe(10);
  });

  it('keeps a per-minute distribution', () => {
    expect(s.minutes).toHaveLength(120);
    expect(s.minutes[2]).toBe(100);
    expect(s.minutes[7]).toBe(50);
    expect(s.minutes[15]).toBe(30);
    expect(s.minutes[40]).toBe(10);
    expect(s.minutes.reduce((a, b) => a + b, 0)).toBe(190);
    expect(s.beyond).toBe(15);
  });

  it('gives null percentiles when they fall among people with no route, and nulls for nobody', () => {
    const far = summarise([ok(10, 60, 60), { ...ok(90, 0, null), time1: null, status: 'unreachable' }]);
    expect(far.medianMin).toBeNull();
    expect(far.within['5']).toBeCloseTo(0.1, 12);
    const none = summarise([]);
    expect(none.population).toBe(0);
    expect(none.within['5']).toBeNull();
    expect(none.medianMin).toBeNull();
  });

  it('treats the band limits as inclusive: exactly 5 min is within 5 and in the first band', () => {
    const edge = summarise([ok(1, 300, 300), ok(1, 600, 600), ok(1, 1800, 1800), ok(1, 1800.1, 1801)]);
    expect(edge.bands).toEqual({ lt5: 0.25, m5to10: 0.25, m10to30: 0.25, gt30: 0.25 });
    expect(edge.noSecondWithin30.people).toBe(1);
  });
});
