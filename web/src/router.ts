/**
 * A minimal history-API router: the server answers every non-API path with index.html, so
 * addresses like `/servicepunkter/12` can be bookmarked and reloaded.
 */
import { useSyncExternalStore } from 'react';
import { leaveGuards } from './lib/unsaved-guard.js';

/** The pages of the app and their parameters. */
export type Route =
  | { name: 'map' }
  | { name: 'table'; tab: 'points' | 'places' }
  | { name: 'servicePoint'; id: number | 'new' }
  | { name: 'place'; id: number | 'new' }
  | { name: 'import' }
  | { name: 'audit' }
  | { name: 'sot' }
  | { name: 'sotPoint'; id: number | 'new'; tab: string | null }
  | { name: 'access' }
  | { name: 'login' }
  | { name: 'notFound' };

/** Canonical paths; `matchRoute(paths.x)` gives back the route. */
export const paths = {
  map: '/karta',
  table: '/tabell',
  places: '/tabell/orter',
  newServicePoint: '/servicepunkter/ny',
  servicePoint: (id: number) => `/servicepunkter/${id}`,
  newPlace: '/orter/ny',
  place: (id: number) => `/orter/${id}`,
  import: '/import',
  audit: '/logg',
  sot: '/sot-punkter',
  newSotPoint: '/sot-punkter/ny',
  sotPoint: (id: number, tab?: string) => (tab ? `/sot-punkter/${id}/${tab}` : `/sot-punkter/${id}`),
  access: '/tillganglighet',
  login: '/logga-in',
} as const;

function idOrNew(segment: string | undefined): number | 'new' | null {
  if (segment === 'ny') return 'new';
  if (segment && /^\d{1,12}$/.test(segment)) return Number(segment);
  return null;
}

/** Which page a path shows (trailing slashes ignored). */
export function matchRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (first === 'sot-punkter') {
    if (!second) return { name: 'sot' };
    const id = idOrNew(second);
    // A point's page may name its section: /sot-punkter/12/reservkraft.
    if (id === null || rest.length > 1 || (id === 'new' && rest.length > 0)) return { name: 'notFound' };
    return { name: 'sotPoint', id, tab: rest[0] ?? null };
  }
  if (rest.length > 0) return { name: 'notFound' };
  if (!first) return { name: 'map' };
  if (first === 'karta' && !second) return { name: 'map' };
  if (first === 'tabell' && !second) return { name: 'table', tab: 'points' };
  if (first === 'tabell' && second === 'orter') return { name: 'table', tab: 'places' };
  if (first === 'servicepunkter') {
    const id = idOrNew(second);
    return id === null ? { name: 'notFound' } : { name: 'servicePoint', id };
  }
  if (first === 'orter') {
    const id = idOrNew(second);
    return id === null ? { name: 'notFound' } : { name: 'place', id };
  }
  if (first === 'import' && !second) return { name: 'import' };
  if (first === 'logg' && !second) return { name: 'audit' };
  if (first === 'tillganglighet' && !second) return { name: 'access' };
  if (first === 'logga-in' && !second) return { name: 'login' };
  return { name: 'notFound' };
}

const NAVIGATE_EVENT = 'sot:navigate';

const snapshot = () => `${window.location.pathname}${window.location.search}`;

const pathOf = (address: string) => {
  const q = address.indexOf('?');
  return q === -1 ? address : address.slice(0, q);
};

/** The address the app shows, so a refused Back/Forward can put it back. */
let shownAddress: string | null = null;
let popGuardInstalled = false;

/**
 * Back and Forward change the address before anyone is asked (popstate cannot be cancelled), so
 * this listener, installed before any other, asks the leave guards and, on "stay", restores the
 * address and stops the event from reaching the page. Only a change of path counts as leaving;
 * a new query string keeps the same page and its form.
 */
function installPopGuard(): void {
  if (popGuardInstalled) return;
  popGuardInstalled = true;
  shownAddress = snapshot();
  window.addEventListener('popstate', (event) => {
    const previous = shownAddress ?? snapshot();
    if (pathOf(previous) !== window.location.pathname && !confirmLeave()) {
      event.stopImmediatePropagation();
      window.history.pushState(null, '', previous);
      return;
    }
    shownAddress = snapshot();
  });
}

/**
 * Whether the page may be left: true unless a form has unsaved edits and the user, asked with
 * window.confirm, chooses to stay. Navigation asks by itself; call this before other actions that
 * throw the page away (logging out), then navigate with `force`.
 */
export function confirmLeave(): boolean {
  return leaveGuards.confirmLeave((message) => window.confirm(message));
}

function subscribe(callback: () => void): () => void {
  installPopGuard();
  window.addEventListener('popstate', callback);
  window.addEventListener(NAVIGATE_EVENT, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(NAVIGATE_EVENT, callback);
  };
}

/**
 * Goes to `to` (path plus optional query) without reloading the page. Going to another path first
 * asks the leave guards (unsaved edits, see lib/use-unsaved-guard.ts) unless `force` is set.
 */
export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (!options.force && pathOf(to) !== window.location.pathname && !confirmLeave()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  shownAddress = snapshot();
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The current path and query string; re-renders on navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot, () => '/');
  const q = current.indexOf('?');
  return {
    path: q === -1 ? current : current.slice(0, q),
    search: new URLSearchParams(q === -1 ? '' : current.slice(q)),
  };
}
