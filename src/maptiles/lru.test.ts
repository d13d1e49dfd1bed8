import { describe, expect, it } from 'vitest';
import { LruCache } from './lru.js';

describe('LruCache', () => {
  it('evicts the least recently used entry when full', () => {
    const c = new LruCache<string, number>(3);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    expect(c.get('a')).toBe(1); // a is now the most recent
    c.set('d', 4);
    expect(c.get('b')).toBeUndefined();
    expect([c.get('a'), c.get('c'), c.get('d')]).toEqual([1, 3, 4]);
    expect(c.size).toBe(3);
  });

  it('bounds the total size and skips entries larger than the bound', () => {
    const c = new LruCache<string, string>(100, 10);
    c.set('a', 'x', 4);
    c.set('b', 'y', 4);
    c.set('c', 'z', 4);
    expect(c.get('a')).toBeUndefined();
    expect(c.totalSize).toBe(8);
    c.set('huge', 'h', 11);
    expect(c.get('huge')).toBeUndefined();
    expect(c.totalSize).toBe(8);
  });

  it('replaces an entry in place, with its new size', () => {
    const c = new LruCache<string, number>(2, 100);
    c.set('a', 1, 10);
    c.set('a', 2, 30);
    expect(c.get('a')).toBe(2);
    expect(c.size).toBe(1);
    expect(c.totalSize).toBe(30);
    c.clear();
    expect(c.size).toBe(0);
    expect(c.totalSize).toBe(0);
  });

  it('needs room for at least one entry', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
