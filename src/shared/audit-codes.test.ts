import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, isAuditAction, isAuditEntityType } from './audit-codes.js';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Source files (tests excluded) that write audit rows. */
function auditWriters(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const entry of readdirSync(srcDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    if (/\b(recordAudit|auditRow|auditPersonalRead)\(/.test(text)) out.push({ file, text });
  }
  return out;
}

const literals = (text: string) => [...text.matchAll(/'([^']+)'/g)].map((m) => m[1]);

/** Codes written as literals in the audit-writing files, with the file each was found in. */
function recordedCodes() {
  const actions = new Map<string, string>();
  const entityTypes = new Map<string, string>();
  for (const { file, text } of auditWriters()) {
    const where = path.relative(srcDir, file);
    // `action: 'x'` and `action: before ? 'update' : 'create'`.
    for (const m of text.matchAll(/\baction:\s*([^,\n}]+)/g))
      for (const code of literals(m[1])) actions.set(code, where);
    for (const m of text.matchAll(/\bentityType:\s*'([^']+)'/g)) entityTypes.set(m[1], where);
    // Types passed in rather than written beside `entityType:`.
    for (const m of text.matchAll(/auditPersonalRead\([^)]*\)/g))
      for (const code of literals(m[0])) entityTypes.set(code, where);
    for (const m of text.matchAll(/const ENTITY\b[^=]*=\s*\{[^}]*\}/g))
      for (const code of literals(m[0])) entityTypes.set(code, where);
  }
  return { actions, entityTypes };
}

describe('audit codes', () => {
  const { actions, entityTypes } = recordedCodes();

  it('list every action the sources record, and nothing they never record', () => {
    // The scan must see the known writers, or it proves nothing.
    expect(actions.get('user.add')).toBe(path.join('domain', 'users.ts'));
    expect(actions.get('transition')).toBe(path.join('sot', 'lifecycle.ts'));
    for (const [code, file] of actions) expect(isAuditAction(code), `${code} recorded in ${file}`).toBe(true);
    expect([...AUDIT_ACTIONS].filter((a) => !actions.has(a))).toEqual([]);
  });

  it('list every entity type the sources record', () => {
    expect(entityTypes.get('sot_contact_tree')).toBe(path.join('sot', 'contact-tree.ts'));
    expect(entityTypes.get('sot_point_grants')).toBe(path.join('sot', 'grants.ts'));
    for (const [code, file] of entityTypes)
      expect(isAuditEntityType(code), `${code} recorded in ${file}`).toBe(true);
  });

  it('have no duplicates and reject unknown codes', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(new Set(AUDIT_ENTITY_TYPES).size).toBe(AUDIT_ENTITY_TYPES.length);
    expect(isAuditAction('drop')).toBe(false);
    expect(isAuditEntityType('sot_points')).toBe(false);
  });
});
