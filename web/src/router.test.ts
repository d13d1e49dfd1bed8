import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './router.js';

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
