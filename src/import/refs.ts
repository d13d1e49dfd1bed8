/**
 * External ids make imports idempotent: a re-import finds the row by (entity, source, ref) and
 * updates it. Real files are not always clean, so:
 * - rows without an id get `auto:<hash of kind, name and coordinates>`: re-importing the same data
 *   is idempotent, but a renamed or moved row arrives as a new row (one summary warning);
 * - an id that appears on several rows (the se-poi file reuses 67 ids across chains) is qualified
 *   with the chain (`<id>#<chain>`), or the name, or finally the coordinates, whichever tells the
 *   rows apart, with a warning per row; rows that are identical in all of these are errors.
 */
import { createHash } from 'node:crypto';
import type { Candidate } from './records.js';
import type { ImportIssue } from './types.js';

function autoRef(c: Candidate): string {
  const kind = c.entity === 'service_point' ? c.data.kind : c.data.placeType;
  const key = [c.entity, kind, c.data.name.toLowerCase(), c.data.lat.toFixed(6), c.data.lon.toFixed(6)].join(
    '|',
  );
  return `auto:${createHash('sha1').update(key).digest('hex').slice(0, 20)}`;
}

const qualifiers: ((c: Candidate) => string)[] = [
  (c) => (c.entity === 'service_point' ? (c.data.chain ?? '') : c.data.placeType),
  (c) => c.data.name,
  (c) => `${c.data.lat.toFixed(6)},${c.data.lon.toFixed(6)}`,
];

const where = (c: Candidate): string =>
  c.loc.line !== undefined ? `line ${c.loc.line}` : (c.loc.element ?? '?');

/** Where a row is, for issue params: its line number, else its OSM element (`node/123`). */
const at = (c: Candidate): string | number => c.loc.line ?? c.loc.element ?? '?';

/**
 * Gives every candidate a unique ref. Returns the candidates that remain valid; problems are
 * appended to `issues` (error issues mean the candidate was dropped).
 */
export function assignRefs(candidates: Candidate[], issues: ImportIssue[]): Candidate[] {
  let missing = 0;
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.ref === null) {
      c.ref = autoRef(c);
      missing++;
    }
    const key = `${c.entity}\u0000${c.ref}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  if (missing > 0) {
    issues.push({
      severity: 'warning',
      field: 'externalId',
      reason:
        `${missing} rows have no external id; their id is derived from kind, name and coordinates ` +
        '(re-importing the same data is idempotent, but a renamed or moved row is imported as a new row)',
      code: 'no_external_id',
      params: { n: missing },
    });
  }
  const valid: Candidate[] = [];
  const dropped = new Set<Candidate>();
  for (const group of groups.values()) {
    if (group.length === 1) continue;
    const ref = group[0].ref;
    const q = qualifiers.find((f) => new Set(group.map(f)).size === group.length);
    if (!q) {
      for (const c of group.slice(1)) {
        dropped.add(c);
        issues.push({
          severity: 'error',
          ...c.loc,
          field: 'externalId',
          reason: `duplicate row: external id ${ref} with the same chain, name and coordinates as ${where(group[0])}`,
          code: 'duplicate_row',
          params: { ref: ref as string, at: at(group[0]) },
        });
      }
      continue;
    }
    for (const c of group) {
      c.ref = `${ref}#${q(c)}`;
      issues.push({
        severity: 'warning',
        ...c.loc,
        field: 'externalId',
        reason: `external id ${ref} is used by ${group.length} rows (${group.map(where).join(', ')}); stored as ${c.ref}`,
        code: 'duplicate_external_id',
        params: { ref: ref as string, n: group.length, at: group.map(at).join(', '), stored: c.ref },
      });
    }
  }
  for (const c of candidates) if (!dropped.has(c)) valid.push(c);
  // A qualified ref could, in theory, collide with another row's literal ref.
  const seen = new Map<string, Candidate>();
  const result: Candidate[] = [];
  for (const c of valid) {
    const key = `${c.entity}\u0000${c.ref}`;
    const first = seen.get(key);
    if (first) {
      issues.push({
        severity: 'error',
        ...c.loc,
        field: 'externalId',
        reason: `external id ${c.ref} is also used by ${where(first)}`,
        code: 'external_id_collision',
        params: { ref: c.ref as string, at: at(first) },
      });
      continue;
    }
    seen.set(key, c);
    result.push(c);
  }
  return result;
}
