/**
 * The table's state lives in the address bar (`/tabell?q=kall&kind=fuel&page=2`), so a reload,
 * the back button or a shared link shows the same rows. These pure helpers translate between
 * that query string and the list/export API URLs.
 */
import { queryString } from '../api.js';

export type TableTab = 'points' | 'places';

export interface TableParams {
  q: string;
  kind: string;
  municipality: string;
  page: number;
  sort: string;
  order: 'asc' | 'desc';
}

/** Rows per page in the table. */
export const PAGE_SIZE = 50;

const POINT_SORTS = new Set(['name', 'kind', 'municipalityCode', 'updatedAt', 'id']);
const PLACE_SORTS = new Set(['name', 'municipalityCode', 'updatedAt', 'id', 'population']);

/** Reads the table state from the address bar, with safe defaults for anything odd. */
export function readTableParams(search: URLSearchParams, tab: TableTab): TableParams {
  const sorts = tab === 'points' ? POINT_SORTS : PLACE_SORTS;
  const sort = search.get('sort') ?? 'name';
  const page = Number(search.get('page') ?? '1');
  return {
    q: search.get('q') ?? '',
    kind: tab === 'points' ? (search.get('kind') ?? '') : '',
    municipality: /^\d{4}$/.test(search.get('municipality') ?? '')
      ? (search.get('municipality') as string)
      : '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    sort: sorts.has(sort) ? sort : 'name',
    order: search.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

/** The address-bar query for a table state (defaults left out to keep links short). */
export function tableSearch(p: TableParams): string {
  return queryString({
    q: p.q.trim() || undefined,
    kind: p.kind || undefined,
    municipality: p.municipality || undefined,
    page: p.page > 1 ? p.page : undefined,
    sort: p.sort !== 'name' ? p.sort : undefined,
    order: p.order !== 'asc' ? p.order : undefined,
  });
}

function filters(p: TableParams) {
  return {
    q: p.q.trim() || undefined,
    kinds: p.kind || undefined,
    municipality: p.municipality || undefined,
  };
}

const base = (tab: TableTab) => (tab === 'points' ? '/api/service-points' : '/api/places');

/** The list API URL for one page of the table. */
export function listUrl(tab: TableTab, p: TableParams): string {
  return `${base(tab)}${queryString({ ...filters(p), page: p.page, pageSize: PAGE_SIZE, sort: p.sort, order: p.order })}`;
}

/** The export URL for the rows matching the current filters (all pages). */
export function exportUrl(tab: TableTab, p: TableParams, format: 'csv' | 'geojson' | 'xlsx'): string {
  return `${base(tab)}/export${queryString({ format, ...filters(p), sort: p.sort, order: p.order })}`;
}

/** Number of pages for `total` rows (at least 1). */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
