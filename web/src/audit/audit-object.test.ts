import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../../src/shared/audit-codes.js';
import { enumLabel, LANGS, makeI18n } from '../i18n.js';
import type { AuditEntry } from '../types.js';
import { auditObject, pointIdOf } from './audit-object.js';

const sv = makeI18n('sv', () => {});
const en = makeI18n('en', () => {});

let nextId = 1;
const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: nextId++,
  at: '2026-01-01T10:00:00Z',
  action: 'update',
  entityType: 'service_point',
  entityId: null,
  ...over,
});

describe('audit labels', () => {
  it('name every recorded action and entity type in both languages', () => {
    for (const lang of LANGS) {
      for (const action of AUDIT_ACTIONS) expect(enumLabel(lang, 'action', action), action).not.toBe(action);
      for (const type of AUDIT_ENTITY_TYPES) expect(enumLabel(lang, 'entity', type), type).not.toBe(type);
    }
    expect(sv.label('action', 'read')).toBe('Visad');
    expect(en.label('action', 'transition')).toBe('Status change');
    expect(sv.label('action', 'user.add')).toBe('Användare tillagd');
  });

  it('fall back to the raw code for anything unknown', () => {
    expect(sv.label('action', 'archive')).toBe('archive');
    expect(auditObject(entry({ entityType: 'sot_widget', entityId: '4' }), sv)).toEqual({
      text: 'sot_widget 4',
      href: null,
    });
  });
});

describe('auditObject', () => {
  it('links SOT-punkter, service points and places while they exist', () => {
    expect(auditObject(entry({ entityType: 'sot_point', entityId: '3' }), sv)).toEqual({
      text: 'SOT-punkt 3',
      href: '/sot-punkter/3',
    });
    expect(
      auditObject(entry({ entityType: 'sot_point', entityId: '3', action: 'transition' }), sv).href,
    ).toBe('/sot-punkter/3/livscykel');
    expect(auditObject(entry({ entityType: 'sot_point', entityId: '3', action: 'delete' }), sv)).toEqual({
      text: 'SOT-punkt 3',
      href: null,
    });
    expect(auditObject(entry({ entityType: 'service_point', entityId: '12' }), en)).toEqual({
      text: 'Service point 12',
      href: '/servicepunkter/12',
    });
    expect(auditObject(entry({ entityType: 'place', entityId: '7' }), sv)).toEqual({
      text: 'Ort 7',
      href: '/orter/7',
    });
  });

  it("opens a point's tab for its items, from the point id the entry recorded", () => {
    const member = entry({
      entityType: 'sot_member',
      entityId: '6',
      after: { id: 6, pointId: 3, roles: [] },
    });
    expect(auditObject(member, sv)).toEqual({
      text: 'Medlem 6, SOT-punkt 3',
      href: '/sot-punkter/3/organisation',
    });
    expect(auditObject(member, en).text).toBe('Member 6, SOT point 3');
    const deletedRun = entry({
      entityType: 'sot_test_run',
      entityId: '9',
      action: 'delete',
      before: { id: 9, pointId: 4 },
    });
    expect(auditObject(deletedRun, sv).href).toBe('/sot-punkter/4/provkorning');
    const agreement = entry({ entityType: 'sot_agreement', entityId: '2', details: { pointId: 5 } });
    expect(auditObject(agreement, sv).href).toBe('/sot-punkter/5/avtal');
    // Without a recorded point there is nothing to open.
    expect(auditObject(entry({ entityType: 'sot_training', entityId: '8' }), sv)).toEqual({
      text: 'Utbildning 8',
      href: null,
    });
  });

  it('reads lists kept per point as that point', () => {
    expect(
      auditObject(
        entry({ action: 'read', entityType: 'sot_contact_tree', entityId: '1', details: { pointId: 1 } }),
        sv,
      ),
    ).toEqual({ text: 'Kontaktträd, SOT-punkt 1', href: '/sot-punkter/1/organisation' });
    expect(auditObject(entry({ entityType: 'sot_point_grants', entityId: '2' }), sv).href).toBe(
      '/sot-punkter/2/oversikt',
    );
    expect(auditObject(entry({ action: 'read', entityType: 'sot_point_list' }), sv)).toEqual({
      text: 'SOT-punktslista',
      href: '/sot-punkter',
    });
  });

  it('shows a login without the user id it records', () => {
    expect(auditObject(entry({ action: 'login', entityType: 'session', entityId: '2' }), sv)).toEqual({
      text: 'Inloggning',
      href: null,
    });
  });

  it('names a new user by username when the entry has it', () => {
    const added = entry({
      action: 'user.add',
      entityType: 'user',
      entityId: '5',
      after: { username: 'nisse' },
    });
    expect(auditObject(added, sv).text).toBe('Användare 5 (nisse)');
    expect(auditObject(entry({ action: 'user.passwd', entityType: 'user', entityId: '5' }), en).text).toBe(
      'User 5',
    );
  });
});

describe('pointIdOf', () => {
  it('takes a positive whole number from details, after or before', () => {
    expect(pointIdOf({ details: { pointId: 3 } })).toBe(3);
    expect(pointIdOf({ details: { count: 1 }, after: { pointId: '4' } })).toBe(4);
    expect(pointIdOf({ before: { pointId: 5 } })).toBe(5);
    expect(pointIdOf({ after: { pointId: -1 }, before: { pointId: 'x' } })).toBeNull();
    expect(pointIdOf({ details: [1, 2] })).toBeNull();
  });
});
