/**
 * Field-by-field difference of two versions of a row, for the audit log. Nested objects
 * (attributes, power) are compared one level down so a change shows as `attributes.fuels`.
 */

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Timestamps change on every write and would drown the real changes. */
const IGNORED = new Set(['updatedAt', 'createdAt', 'updated_at', 'created_at']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The changed fields between `before` and `after` (either may be null for create/delete). */
export function diffRecords(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const field = prefix ? `${prefix}.${key}` : key;
    const bv = b[key];
    const av = a[key];
    if (same(bv, av)) continue;
    if (!prefix && (isPlainObject(bv) || isPlainObject(av))) {
      changes.push(...diffRecords(bv ?? {}, av ?? {}, field));
    } else {
      changes.push({ field, before: bv, after: av });
    }
  }
  return changes;
}

/** A short display text for a changed value. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
