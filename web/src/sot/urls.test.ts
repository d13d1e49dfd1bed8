import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../router.js';
import { boardQuery, EMPTY_BOARD_FILTER, readBoardFilter, readTab, sotApi } from './urls.js';

describe('SOT routes', () => {
  it('map the SOT paths to their pages and sections', () => {
    expect(matchRoute(paths.sot)).toEqual({ name: 'sot' });
    expect(matchRoute(paths.newSotPoint)).toEqual({ name: 'sotPoint', id: 'new', tab: null });
    expect(matchRoute(paths.sotPoint(12))).toEqual({ name: 'sotPoint', id: 12, tab: null });
    expect(matchRoute(paths.sotPoint(12, 'reservkraft'))).toEqual({
      name: 'sotPoint',
      id: 12,
      tab: 'reservkraft',
    });
    expect(matchRoute('/sot-punkter/12/reservkraft/')).toEqual({
      name: 'sotPoint',
      id: 12,
      tab: 'reservkraft',
    });
  });

  it('reject anything else', () => {
    expect(matchRoute('/sot-punkter/abc')).toEqual({ name: 'notFound' });
    expect(matchRoute('/sot-punkter/ny/avtal')).toEqual({ name: 'notFound' });
    expect(matchRoute('/sot-punkter/1/avtal/2')).toEqual({ name: 'notFound' });
  });

  it('fall back to the overview for unknown sections', () => {
    expect(readTab('provkorning')).toBe('provkorning');
    expect(readTab('nonsense')).toBe('oversikt');
    expect(readTab(null)).toBe('oversikt');
  });
});

describe('board filters', () => {
  it('read valid values from the address and ignore the rest', () => {
    const f = readBoardFilter(
      new URLSearchParams(
        'q=kall&municipality=2321&status=beviljad&failing=power&overdue=true&expiring=true',
      ),
    );
    expect(f).toEqual({
      q: 'kall',
      municipality: '2321',
      status: 'beviljad',
      failing: 'power',
      overdue: 'true',
      expiring: true,
      openFinancing: false,
    });
    const bad = readBoardFilter(new URLSearchParams('municipality=23&status=klar&failing=x&overdue=maybe'));
    expect(bad).toEqual(EMPTY_BOARD_FILTER);
  });

  it('round-trip through the query string and reach the export', () => {
    const f = { ...EMPTY_BOARD_FILTER, failing: 'store' as const, openFinancing: true };
    expect(boardQuery(f)).toEqual({
      q: undefined,
      municipality: undefined,
      status: undefined,
      failing: 'store',
      overdue: undefined,
      expiring: undefined,
      openFinancing: 'true',
    });
    const url = sotApi.boardExport(f, 'xlsx');
    expect(url).toBe('/api/sot/board/export?failing=store&openFinancing=true&format=xlsx');
    expect(readBoardFilter(new URL(url, 'http://x').searchParams)).toEqual(f);
  });
});
