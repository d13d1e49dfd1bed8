import { describe, expect, it } from 'vitest';
import { auditApiUrl, auditSearch, isFiltered, readAuditParams } from './audit-params.js';

const read = (query: string) => readAuditParams(new URLSearchParams(query));

describe('audit filters in the address bar', () => {
  it('reads known codes, an id and a page', () => {
    expect(read('action=read&entityType=sot_members&entityId=%203%20&page=2')).toEqual({
      action: 'read',
      entityType: 'sot_members',
      entityId: '3',
      page: 2,
    });
  });

  it('ignores unknown codes and odd pages', () => {
    expect(read('action=drop&entityType=sot_points&page=-1')).toEqual({
      action: '',
      entityType: '',
      entityId: '',
      page: 1,
    });
    expect(read(`entityId=${'9'.repeat(150)}`).entityId).toHaveLength(100);
    expect(read('page=1.5').page).toBe(1);
  });

  it('writes the address bar and the API URL, and round-trips', () => {
    const params = read('action=user.add&entityType=user&entityId=5&page=3');
    expect(auditSearch(params)).toBe('?action=user.add&entityType=user&entityId=5&page=3');
    expect(read(auditSearch(params).slice(1))).toEqual(params);
    expect(auditSearch({ ...params, page: 1 })).toBe('?action=user.add&entityType=user&entityId=5');
    expect(auditApiUrl({ action: '', entityType: '', entityId: ' ', page: 1 })).toBe(
      '/api/audit?page=1&pageSize=50',
    );
    expect(auditApiUrl(params, 10)).toBe(
      '/api/audit?action=user.add&entityType=user&entityId=5&page=3&pageSize=10',
    );
  });

  it('knows when the list is filtered', () => {
    expect(isFiltered(read(''))).toBe(false);
    expect(isFiltered(read('page=4'))).toBe(false);
    expect(isFiltered(read('entityId=7'))).toBe(true);
    expect(isFiltered(read('action=login'))).toBe(true);
  });
});
