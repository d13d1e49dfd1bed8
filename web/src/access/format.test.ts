import { describe, expect, it } from 'vitest';
import type { AccessSummaryRow, WeightedSummary } from '../../../src/shared/access.js';
import {
  BAND_COLORS,
  bandOf,
  CATEGORY_COLORS,
  catchmentLegend,
  cumulativeShares,
  exportFilename,
  HIDDEN_COLOR,
  minText,
  pctText,
  serviceLabel,
  summaryCells,
  summaryCsv,
  summaryXlsxUrl,
} from './format.js';
import { ACCESS_MESSAGES } from './i18n.js';

function summary(minutes: number[], population: number): WeightedSummary {
  const share = { people: 0, share: 0 };
  return {
    population,
    points: 1,
    within: {},
    bands: { lt5: 0.5, m5to10: 0.25, m10to30: 0, gt30: 0.25 },
    medianMin: 4.96,
    p90Min: null,
    meanMin: 5,
    noSecondWithin30: { people: 10, share: 0.125 },
    bridgeDependent: share,
    singleLinkDependent: share,
    unreachable: share,
    unsnapped: share,
    minutes,
    beyond: 0,
  };
}

describe('access format helpers', () => {
  it('puts times into bands with inclusive upper limits like the summary', () => {
    expect(bandOf(null)).toBe('none');
    expect(bandOf(300)).toBe('lt5');
    expect(bandOf(301)).toBe('m5to10');
    expect(bandOf(600)).toBe('m5to10');
    expect(bandOf(1800)).toBe('m10to30');
    expect(bandOf(1801)).toBe('gt30');
  });

  it('accumulates the per-minute histogram into shares of everyone', () => {
    const minutes = Array.from({ length: 120 }, () => 0);
    minutes[0] = 20;
    minutes[3] = 30;
    minutes[40] = 25;
    // 25 people have no route: the curve stops at 75 %.
    const shares = cumulativeShares(summary(minutes, 100)) as number[];
    expect(shares).toHaveLength(120);
    expect(shares[0]).toBeCloseTo(0.2);
    expect(shares[4]).toBeCloseTo(0.5);
    expect(shares[119]).toBeCloseTo(0.75);
    expect(cumulativeShares(summary(minutes, 0))).toBeNull();
  });

  const row: AccessSummaryRow = {
    level: 'municipality',
    code: '2321',
    name: 'Åre; test',
    group: 'grocery',
    resident: summary(
      Array.from({ length: 120 }, () => 0),
      80,
    ),
    seasonal: {
      ...summary(
        Array.from({ length: 120 }, () => 0),
        1250.4,
      ),
      bands: { lt5: 0.8, m5to10: 0.1, m10to30: 0.1, gt30: 0 },
      medianMin: 3,
      p90Min: 12.25,
      noSecondWithin30: { people: 0, share: 0 },
    },
  };

  it('writes the summary as semicolon CSV in the chosen weighting, named on every row', () => {
    const csv = summaryCsv([row], ['a', 'b'], 'resident', 'folkbokförd; befolkning').split('\r\n');
    expect(csv[0]).toBe('a;b');
    expect(csv[1]).toBe('municipality;2321;"Åre; test";80;50;25;0;25;5;;12,5;0;"folkbokförd; befolkning"');
    const seasonal = summaryCsv([row], ['a'], 'seasonal', 'säsong', (l) =>
      l === 'municipality' ? 'Kommun' : 'Län',
    );
    expect(seasonal.split('\r\n')[1]).toBe('Kommun;2321;"Åre; test";1250;80;10;10;0;3;12,3;0;0;säsong');
  });

  it('formats the table cells of the chosen weighting in Swedish', () => {
    expect(pctText(0.125)).toBe('12,5 %');
    expect(pctText(null)).toBe('–');
    expect(pctText(undefined)).toBe('–');
    expect(minText(null)).toBe('–');
    expect(minText(12.25)).toBe('12,3');
    // Swedish digit grouping is a no-break space.
    expect(summaryCells(row.resident)).toEqual([
      '80',
      '50 %',
      '25 %',
      '0 %',
      '25 %',
      '5',
      '–',
      '12,5 %',
      '0 %',
    ]);
    expect(summaryCells(row.seasonal)).toEqual([
      '1\u00a0250',
      '80 %',
      '10 %',
      '10 %',
      '0 %',
      '3',
      '12,3',
      '0 %',
      '0 %',
    ]);
  });

  it('names the weighting in export file names and the XLSX address', () => {
    expect(exportFilename('grocery', 'seasonal', 'csv')).toBe('tillganglighet-grocery-sasong.csv');
    expect(exportFilename('fuel', 'resident', 'csv')).toBe('tillganglighet-fuel-folkbokforda.csv');
    expect(summaryXlsxUrl(12, 'grocery', 'seasonal')).toBe(
      '/api/access/runs/12/summary.xlsx?group=grocery&weight=seasonal',
    );
    expect(summaryXlsxUrl(3, 'cash', 'resident')).toBe(
      '/api/access/runs/3/summary.xlsx?group=cash&weight=resident',
    );
    expect(summaryXlsxUrl(3, 'cash', 'resident', '2321')).toBe(
      '/api/access/runs/3/summary.xlsx?group=cash&weight=resident&municipality=2321',
    );
  });

  it('lists catchments by name, with hidden SOT-punkter as one entry of their own colour', () => {
    const texts = { hidden: 'SOT-punkt (annan kommun)', none: 'Nås inte' };
    const legend = catchmentLegend(
      [
        { nearestId: 9, nearestName: 'Östra', nearestHidden: false },
        { nearestId: 2, nearestName: 'Alby', nearestHidden: false },
        { nearestId: 9, nearestName: 'Östra', nearestHidden: false },
        { nearestId: null, nearestName: null, nearestHidden: true },
        { nearestId: null, nearestName: null, nearestHidden: true },
        { nearestId: null, nearestName: null, nearestHidden: false },
      ],
      texts,
    );
    expect(legend).toEqual([
      { key: '2', color: CATEGORY_COLORS[2], text: 'Alby' },
      { key: '9', color: CATEGORY_COLORS[1], text: 'Östra' },
      { key: 'hidden', color: HIDDEN_COLOR, text: 'SOT-punkt (annan kommun)' },
      { key: 'none', color: BAND_COLORS.none, text: 'Nås inte' },
    ]);
    expect(new Set([...CATEGORY_COLORS, BAND_COLORS.none]).has(HIDDEN_COLOR)).toBe(false);
    // Nothing hidden: no such entry.
    expect(catchmentLegend([{ nearestId: 3, nearestName: null, nearestHidden: false }], texts)).toEqual([
      { key: '3', color: CATEGORY_COLORS[3], text: '#3' },
      { key: 'none', color: BAND_COLORS.none, text: 'Nås inte' },
    ]);
  });

  it('names a reached service, or says that a SOT-punkt is not shown', () => {
    expect(serviceLabel({ id: 4, name: 'Butik', hidden: false }, 'dold')).toBe('Butik');
    expect(serviceLabel({ id: 4, name: null, hidden: false }, 'dold')).toBe('#4');
    expect(serviceLabel({ id: null, name: null, hidden: true }, 'SOT-punkt i annan kommun')).toBe(
      'SOT-punkt i annan kommun',
    );
  });

  it('has every text in both languages', () => {
    expect(Object.keys(ACCESS_MESSAGES.en).sort()).toEqual(Object.keys(ACCESS_MESSAGES.sv).sort());
    for (const text of Object.values(ACCESS_MESSAGES.en)) expect(text.trim()).not.toBe('');
  });
});
