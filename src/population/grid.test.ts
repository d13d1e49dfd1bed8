import { describe, expect, it } from 'vitest';
import {
  canonicalGridId,
  centreOf,
  cornerOf,
  GridIdError,
  inferLayout,
  orderEN,
  parseGridId,
} from './grid.js';

describe('parseGridId', () => {
  it('reads SCB 13-digit ids as E (6 digits) then N (7 digits) of the SW corner', () => {
    expect(parseGridId('4800006880000')).toEqual({ e: 480000, n: 6880000 });
    expect(parseGridId(' 4122507014750 ')).toEqual({ e: 412250, n: 7014750 });
  });

  it('reads INSPIRE ids in EPSG:3006 with their size and rejects other CRSs', () => {
    expect(parseGridId('CRS3006RES250mN7014750E412250')).toEqual({ size: 250, e: 412250, n: 7014750 });
    expect(() => parseGridId('CRS3035RES1000mN4000000E4500000')).toThrow(GridIdError);
  });

  it("reads SOT's canonical ids and two-number forms in either order", () => {
    expect(parseGridId('1km_480000_6880000')).toEqual({ size: 1000, e: 480000, n: 6880000 });
    expect(parseGridId('250m_480250_6880500')).toEqual({ size: 250, e: 480250, n: 6880500 });
    expect(parseGridId('E480000N6880000')).toEqual({ e: 480000, n: 6880000 });
    expect(parseGridId('6880000_480000')).toEqual({ e: 480000, n: 6880000 });
  });

  it('returns null for text that is not a grid id', () => {
    for (const t of ['', 'Åre', '12', '480000', '1 2 3', 'abc480000x6880000y'])
      expect(parseGridId(t)).toBeNull();
  });

  it('builds canonical ids with km or m labels', () => {
    expect(canonicalGridId(1000, 480000, 6880000)).toBe('1km_480000_6880000');
    expect(canonicalGridId(250, 480250, 6880500)).toBe('250m_480250_6880500');
  });
});

describe('corners, centres and inference', () => {
  it('orders coordinates by magnitude and reports the Swedish x = north swap', () => {
    expect(orderEN(480000, 6880000)).toEqual({ e: 480000, n: 6880000, swapped: false });
    expect(orderEN(6880000, 480000)).toEqual({ e: 480000, n: 6880000, swapped: true });
    expect(orderEN(13.2, 63.1)).toBeNull();
  });

  it('treats multiples of the size as corners and half-cell offsets as centres', () => {
    expect(cornerOf({ e: 480000, n: 6880000 }, 1000)).toEqual({ e: 480000, n: 6880000 });
    expect(cornerOf({ e: 480500, n: 6880500 }, 1000)).toEqual({ e: 480000, n: 6880000 });
    expect(cornerOf({ e: 480125, n: 6880375 }, 250)).toEqual({ e: 480000, n: 6880250 });
    expect(cornerOf({ e: 480100, n: 6880000 }, 1000)).toBeNull();
    expect(centreOf({ e: 480000, n: 6880000 }, 1000)).toEqual({ e: 480500, n: 6880500 });
    expect(centreOf({ e: 480250, n: 6880000 }, 250)).toEqual({ e: 480375, n: 6880125 });
  });

  it('infers size and corner/centre from a whole file', () => {
    const pts = (...xs: [number, number][]) => xs.map(([e, n]) => ({ e, n }));
    expect(inferLayout(pts([480000, 6880000], [481000, 6883000]))).toEqual({ size: 1000, centres: false });
    expect(inferLayout(pts([480500, 6880500], [481500, 6883500]))).toEqual({ size: 1000, centres: true });
    expect(inferLayout(pts([480250, 6880000], [481000, 6883750]))).toEqual({ size: 250, centres: false });
    expect(inferLayout(pts([480125, 6880375], [481625, 6883875]))).toEqual({ size: 250, centres: true });
    expect(inferLayout(pts([480250, 6880000], [480125, 6880125]))).toBeNull();
    // Ids are corners: a half-kilometre id cannot be a 1 km centre.
    expect(inferLayout(pts([480500, 6880500]), true)).toEqual({ size: 250, centres: false });
    expect(inferLayout([])).toBeNull();
  });
});
