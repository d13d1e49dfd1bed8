/**
 * The "Objekt" cell of an audit entry: the entity type in words with its id, and a link to where
 * the user can open it. Parts of a SOT-punkt (members, agreements, test runs…) name and link the
 * point's tab, using the point id the entry recorded; a login names no id, because the recorded
 * id is the user's (already shown in the user column).
 */
import type { AuditEntityType } from '../../../src/shared/audit-codes.js';
import type { I18n } from '../i18n.js';
import { paths } from '../router.js';
import type { PointTab } from '../sot/urls.js';
import type { AuditEntry } from '../types.js';

/** What the cell shows. */
export interface AuditObject {
  text: string;
  /** Null when there is nothing to open (deleted, no page, no id). */
  href: string | null;
}

/** Entries whose entity id is the SOT-punkt's own id: reads of its lists, its organisation, its access lists. */
const POINT_KEYED: Partial<Record<AuditEntityType, PointTab>> = {
  sot_organisation: 'organisation',
  sot_members: 'organisation',
  sot_contact_tree: 'organisation',
  sot_point_operators: 'oversikt',
  sot_point_grants: 'oversikt',
};

/** Items of a SOT-punkt with ids of their own, and the tab that lists them. */
const POINT_PARTS: Partial<Record<AuditEntityType, PointTab>> = {
  sot_agreement: 'avtal',
  sot_financing: 'finansiering',
  sot_document: 'dokument',
  sot_test_run: 'provkorning',
  sot_maintenance: 'provkorning',
  sot_member: 'organisation',
  sot_training: 'organisation',
};

/** A positive whole number from a number or a string of digits, else null. */
function positiveInt(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The SOT-punkt an item belongs to, from what the entry recorded (details, after or before). */
export function pointIdOf(entry: Pick<AuditEntry, 'details' | 'after' | 'before'>): number | null {
  for (const source of [entry.details, entry.after, entry.before]) {
    const id = positiveInt(field(source, 'pointId'));
    if (id !== null) return id;
  }
  return null;
}

/** The object of an audit entry in words, and where to open it. */
export function auditObject(entry: AuditEntry, i18n: Pick<I18n, 't' | 'label'>): AuditObject {
  const { t, label } = i18n;
  const type = entry.entityType as AuditEntityType;
  const name = label('entity', entry.entityType);
  const id = entry.entityId ?? null;
  const numeric = positiveInt(id);
  const withId = id ? `${name} ${id}` : name;
  const deleted = entry.action === 'delete';

  if (type === 'session') return { text: name, href: null };
  const keyedTab = POINT_KEYED[type];
  if (keyedTab && numeric !== null)
    return {
      text: t('audit.ofPoint', { object: name, point: numeric }),
      href: paths.sotPoint(numeric, keyedTab),
    };
  const partTab = POINT_PARTS[type];
  const point = partTab ? pointIdOf(entry) : null;
  // The point's tab stays a useful link after one of its items was deleted.
  if (partTab && point !== null)
    return { text: t('audit.ofPoint', { object: withId, point }), href: paths.sotPoint(point, partTab) };

  switch (type) {
    case 'service_point':
      return { text: withId, href: numeric !== null && !deleted ? paths.servicePoint(numeric) : null };
    case 'place':
      return { text: withId, href: numeric !== null && !deleted ? paths.place(numeric) : null };
    case 'sot_point': {
      const tab = entry.action === 'transition' ? 'livscykel' : undefined;
      return { text: withId, href: numeric !== null && !deleted ? paths.sotPoint(numeric, tab) : null };
    }
    case 'sot_point_list':
      return { text: name, href: paths.sot };
    case 'access_config':
      return { text: name, href: paths.access };
    case 'user': {
      const username = field(entry.after, 'username');
      return { text: typeof username === 'string' ? `${withId} (${username})` : withId, href: null };
    }
    default:
      return { text: withId, href: null };
  }
}
