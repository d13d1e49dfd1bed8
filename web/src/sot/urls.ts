/**
 * Addresses of the SOT-punkt pages and of the /api/sot endpoints they call. The board's filters
 * live in the address bar (`/sot-punkter?failing=power&overdue=1`), like the registry table's.
 */

import { CRITERIA, type Criterion, SOT_STATUSES, type SotStatus } from '../../../src/sot/schemas.js';
import { queryString } from '../api.js';

/** Sections of a point's page, by their Swedish URL slug. */
export const POINT_TABS = [
  'oversikt',
  'lagstaniva',
  'reservkraft',
  'livscykel',
  'finansiering',
  'avtal',
  'dokument',
  'organisation',
  'provkorning',
] as const;
export type PointTab = (typeof POINT_TABS)[number];

/** The tab a URL segment names; the overview for none or anything unknown. */
export function readTab(slug: string | null | undefined): PointTab {
  return (POINT_TABS as readonly string[]).includes(slug ?? '') ? (slug as PointTab) : 'oversikt';
}

/** API addresses of one point and its parts. */
export const sotApi = {
  points: '/api/sot/points',
  point: (id: number) => `/api/sot/points/${id}`,
  part: (id: number, part: string) => `/api/sot/points/${id}/${part}`,
  item: (id: number, part: string, itemId: number) => `/api/sot/points/${id}/${part}/${itemId}`,
  board: (filter: BoardFilter) => `/api/sot/board${queryString(boardQuery(filter))}`,
  boardExport: (filter: BoardFilter, format: 'csv' | 'xlsx') =>
    `/api/sot/board/export${queryString({ ...boardQuery(filter), format })}`,
  /** The kravspecifikation; `options` are its query parameters (see src/power/spec-options.ts). */
  spec: (id: number, format: 'pdf' | 'md', options: Record<string, string> = {}) =>
    `/api/sot/points/${id}/spec.${format}${queryString(options)}`,
  contactTree: (id: number) => `/api/sot/points/${id}/contact-tree`,
};

/** Board filters as the page keeps them. */
export interface BoardFilter {
  q: string;
  municipality: string;
  status: SotStatus | '';
  failing: Criterion | '';
  /** '' all, 'true' only overdue, 'false' only not overdue. */
  overdue: '' | 'true' | 'false';
  expiring: boolean;
  openFinancing: boolean;
}

export const EMPTY_BOARD_FILTER: BoardFilter = {
  q: '',
  municipality: '',
  status: '',
  failing: '',
  overdue: '',
  expiring: false,
  openFinancing: false,
};

/** Reads the board filters from the address bar, ignoring anything invalid. */
export function readBoardFilter(search: URLSearchParams): BoardFilter {
  const status = search.get('status') ?? '';
  const failing = search.get('failing') ?? '';
  const overdue = search.get('overdue') ?? '';
  const municipality = search.get('municipality') ?? '';
  return {
    q: search.get('q') ?? '',
    municipality: /^\d{4}$/.test(municipality) ? municipality : '',
    status: (SOT_STATUSES as readonly string[]).includes(status) ? (status as SotStatus) : '',
    failing: (CRITERIA as readonly string[]).includes(failing) ? (failing as Criterion) : '',
    overdue: overdue === 'true' || overdue === 'false' ? overdue : '',
    expiring: search.get('expiring') === 'true',
    openFinancing: search.get('openFinancing') === 'true',
  };
}

/** The board filters as query parameters (for the page address and the API alike). */
export function boardQuery(filter: BoardFilter): Record<string, string | undefined> {
  return {
    q: filter.q.trim() || undefined,
    municipality: filter.municipality || undefined,
    status: filter.status || undefined,
    failing: filter.failing || undefined,
    overdue: filter.overdue || undefined,
    expiring: filter.expiring ? 'true' : undefined,
    openFinancing: filter.openFinancing ? 'true' : undefined,
  };
}
