import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translate } from '../i18n.js';
import { limitMegabytes } from './format.js';
import { apiErrors, errorsUnder, indexedPath, prefixErrors, zodErrors } from './validation.js';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('sv', key, params);

describe('field errors with list indexes', () => {
  it('keep the index of the row', () => {
    expect(indexedPath(['items', 2, 'count'])).toBe('items.2.count');
    const schema = z.object({ items: z.array(z.object({ count: z.number().int().min(1) })) });
    const result = schema.safeParse({ items: [{ count: 1 }, { count: 0 }] });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(zodErrors(result.error.issues, t, () => false, 'loadInventory')).toEqual({
        'loadInventory.items.1.count': 'Värdet måste vara minst 1.',
      });
  });

  it('accept both ways the server writes a path', () => {
    const errors = apiErrors([
      { field: 'loadInventory.items[2].count', reason: 'too small' },
      { field: 'communication.0.type', reason: 'unknown' },
      { reason: 'whole body' },
    ]);
    expect(errors).toEqual({
      'loadInventory.items.2.count': 'too small',
      'communication.0.type': 'unknown',
      '': 'whole body',
    });
    expect(errorsUnder(errors, 'communication.0')).toEqual({ 'communication.0.type': 'unknown' });
    expect(prefixErrors({ name: 'x', '': 'y' }, 'member')).toEqual({ 'member.name': 'x', '': 'y' });
  });

  it('read the upload limit from the server’s reason', () => {
    expect(limitMegabytes('at most 20971520 bytes')).toBe(20);
    expect(limitMegabytes('something else')).toBeNull();
  });
});
