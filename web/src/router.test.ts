import { afterEach, describe, expect, it, vi } from 'vitest';
import { leaveGuards } from './lib/unsaved-guard.js';
import { matchRoute, navigate, paths } from './router.js';

describe('matchRoute', () => {
  it('maps every canonical path back to its page', () => {
    expect(matchRoute('/')).toEqual({ name: 'map' });
    expect(matchRoute(paths.map)).toEqual({ name: 'map' });
    expect(matchRoute(paths.table)).toEqual({ name: 'table', tab: 'points' });
    expect(matchRoute(paths.places)).toEqual({ name: 'table', tab: 'places' });
    expect(matchRoute(paths.newServicePoint)).toEqual({ name: 'servicePoint', id: 'new' });
    expect(matchRoute(paths.servicePoint(42))).toEqual({ name: 'servicePoint', id: 42 });
    expect(matchRoute(paths.newPlace)).toEqual({ name: 'place', id: 'new' });
    expect(matchRoute(paths.place(7))).toEqual({ name: 'place', id: 7 });
    expect(matchRoute(paths.import)).toEqual({ name: 'import' });
    expect(matchRoute(paths.audit)).toEqual({ name: 'audit' });
    expect(matchRoute(paths.login)).toEqual({ name: 'login' });
  });

  it('ignores trailing slashes and rejects anything else', () => {
    expect(matchRoute('/tabell/')).toEqual({ name: 'table', tab: 'points' });
    expect(matchRoute('/servicepunkter/abc')).toEqual({ name: 'notFound' });
    expect(matchRoute('/servicepunkter/-1')).toEqual({ name: 'notFound' });
    expect(matchRoute('/servicepunkter/1/extra')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nowhere')).toEqual({ name: 'notFound' });
  });
});

describe('navigate and unsaved edits', () => {
  /** Just enough of `window` for navigate: an address, a history, events and confirm(). */
  function fakeWindow(start: string, answer: boolean) {
    const target = new EventTarget();
    const asked: string[] = [];
    const location = { pathname: '', search: '' };
    const go = (_state: unknown, _title: string, url: string) => {
      const u = new URL(url, 'http://sot.test');
      location.pathname = u.pathname;
      location.search = u.search;
    };
    go(null, '', start);
    const win = Object.assign(target, {
      location,
      history: { pushState: go, replaceState: go },
      confirm: (message: string) => {
        asked.push(message);
        return answer;
      },
    });
    return { win, asked, address: () => `${location.pathname}${location.search}` };
  }

  afterEach(() => vi.unstubAllGlobals());

  it('asks before leaving a page with a dirty form and stays when told to', () => {
    const { win, asked, address } = fakeWindow('/servicepunkter/3', false);
    vi.stubGlobal('window', win);
    const remove = leaveGuards.add({ dirty: () => true, message: () => 'Lämna?' });
    try {
      navigate(paths.table);
      expect(asked).toEqual(['Lämna?']);
      expect(address()).toBe('/servicepunkter/3');
      // A new query string keeps the page (and its form): nothing to ask.
      navigate('/servicepunkter/3?flik=1', { replace: true });
      expect(address()).toBe('/servicepunkter/3?flik=1');
      // A deliberate departure (after a create, a logout) does not ask.
      navigate(paths.map, { force: true });
      expect(address()).toBe('/karta');
      expect(asked).toHaveLength(1);
    } finally {
      remove();
    }
  });

  it('leaves when the user agrees, and without asking when nothing is dirty', () => {
    const { win, asked, address } = fakeWindow('/orter/7', true);
    vi.stubGlobal('window', win);
    let dirty = true;
    const remove = leaveGuards.add({ dirty: () => dirty, message: () => 'Lämna?' });
    try {
      let navigations = 0;
      win.addEventListener('sot:navigate', () => navigations++);
      navigate(paths.places);
      expect(address()).toBe('/tabell/orter');
      expect(asked).toHaveLength(1);
      dirty = false;
      navigate(paths.place(7));
      expect(address()).toBe('/orter/7');
      expect(asked).toHaveLength(1);
      expect(navigations).toBe(2);
    } finally {
      remove();
    }
  });
});
