import { describe, expect, it } from 'vitest';
import { diffRecords, displayValue } from './diff.js';

describe('diffRecords', () => {
  it('lists changed fields, nested one level, ignoring timestamps', () => {
    const before = {
      name: 'A',
      chain: null,
      version: 1,
      updatedAt: '2026-01-01',
      attributes: { fuels: ['diesel'], staffed: true },
    };
    const after = {
      name: 'B',
      chain: null,
      version: 2,
      updatedAt: '2026-01-02',
      attributes: { fuels: ['diesel', 'hvo100'], staffed: true },
    };
    expect(diffRecords(before, after)).toEqual([
      { field: 'attributes.fuels', before: ['diesel'], after: ['diesel', 'hvo100'] },
      { field: 'name', before: 'A', after: 'B' },
      { field: 'version', before: 1, after: 2 },
    ]);
  });

  it('shows every field of a created or deleted row', () => {
    expect(diffRecords(null, { name: 'Ny', power: { type: 'grid' } })).toEqual([
      { field: 'name', before: undefined, after: 'Ny' },
      { field: 'power.type', before: undefined, after: 'grid' },
    ]);
    expect(diffRecords({ name: 'Gammal' }, null)).toEqual([
      { field: 'name', before: 'Gammal', after: undefined },
    ]);
  });

  it('displays values compactly', () => {
    expect(displayValue(null)).toBe('–');
    expect(displayValue(['a', 'b'])).toBe('["a","b"]');
    expect(displayValue(false)).toBe('false');
  });
});
