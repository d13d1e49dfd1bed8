import { describe, expect, it } from 'vitest';
import { listQuerySchema } from '../../../src/shared/service-point.js';
import { exportUrl, listUrl, PAGE_SIZE, pageCount, readTableParams, tableSearch } from './table-query.js';

const params = (query: string, tab: 'points' | 'places' = 'points') =>
  readTableParams(new URLSearchParams(query), tab);

describe('table state in the address bar', () => {
  it('reads defaults from an empty query', () => {
    expect(params('')).toEqual({ q: '', kind: '', municipality: '', page: 1, sort: 'name', order: 'asc' });
  });

  it('drops values the API would refuse', () => {
    const p = params('page=-3&sort=drop table&order=sideways&municipality=23');
    expect(p.page).toBe(1);
    expect(p.sort).toBe('name');
    expect(p.order).toBe('asc');
    expect(p.municipality).toBe('');
    // Places have no kind, and can be sorted by population; points cannot.
    expect(params('kind=fuel&sort=population', 'places')).toMatchObject({ kind: '', sort: 'population' });
    expect(params('sort=population').sort).toBe('name');
  });

  it('round-trips through tableSearch, leaving defaults out', () => {
    const p = params('q=Kall%20Handel&kind=grocery&municipality=2321&page=3&sort=updatedAt&order=desc');
    expect(params(tableSearch(p).slice(1))).toEqual(p);
    expect(tableSearch(params(''))).toBe('');
  });

  it('builds list URLs the shared query schema accepts', () => {
    const p = params('q=kall&kind=fuel&municipality=2321&page=2&sort=kind&order=desc');
    const url = new URL(listUrl('points', p), 'http://x');
    expect(url.pathname).toBe('/api/service-points');
    const parsed = listQuerySchema.parse(Object.fromEntries(url.searchParams));
    expect(parsed).toMatchObject({
      q: 'kall',
      kinds: ['fuel'],
      municipality: '2321',
      page: 2,
      sort: 'kind',
      order: 'desc',
    });
    expect(parsed.pageSize).toBe(PAGE_SIZE);
  });

  it('exports the filtered selection, not just the page', () => {
    const url = new URL(exportUrl('places', params('q=by&page=4'), 'xlsx'), 'http://x');
    expect(url.pathname).toBe('/api/places/export');
    expect(url.searchParams.get('format')).toBe('xlsx');
    expect(url.searchParams.get('q')).toBe('by');
    expect(url.searchParams.has('page')).toBe(false);
  });

  it('counts pages', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(PAGE_SIZE)).toBe(1);
    expect(pageCount(PAGE_SIZE + 1)).toBe(2);
  });
});
