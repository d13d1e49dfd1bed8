import { describe, expect, it } from 'vitest';
import { findNul } from './reject-nul.js';

describe('findNul', () => {
  it('names the first string holding U+0000 by its dotted path', () => {
    expect(findNul({ a: 'ok', b: { c: ['x', 'y\u0000'] } }, '')).toBe('b.c.1');
    expect(findNul({ attributes: { note: '\u0000' } }, '')).toBe('attributes.note');
  });

  it('finds a NUL in an object key', () => {
    expect(findNul({ attributes: { 'k\u0000': 1 } }, '')).toBe('attributes.k\u0000');
  });

  it('returns the root for a bare string body', () => {
    expect(findNul('a\u0000', '')).toBe('');
    expect(findNul('a\u0000', 'q')).toBe('q');
  });

  it('passes clean values of every JSON type', () => {
    expect(findNul({ n: 1, b: true, z: null, s: 'Åäö 🛒', a: [1, 'x', { y: '\\0' }] }, '')).toBeNull();
    expect(findNul(undefined, '')).toBeNull();
  });

  it('walks a very deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findNul(deep, '')?.split('.').length).toBe(200_000);
  });
});
