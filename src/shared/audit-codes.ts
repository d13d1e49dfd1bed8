/**
 * The codes the audit log records: one list of actions and one of entity types, shared by the
 * server (the `action` filter of GET /api/audit accepts exactly these) and the web client (a label
 * for each), so the two cannot drift. `audit-codes.test.ts` scans the sources for codes that
 * are recorded but missing here.
 */

/** Every `action` written to `audit_log`. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'import',
  'login',
  'read',
  'transition',
  'user.add',
  'user.passwd',
  'assignments.set',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Every `entity_type` written to `audit_log`. Some are computed rather than written as literals:
 * `municipality`/`county` (boundary imports), `sot_point_operators`/`sot_point_grants` (SOT-punkt
 * access lists), `sot_members`/`sot_contact_tree` (audited reads of personal data).
 */
export const AUDIT_ENTITY_TYPES = [
  'service_point',
  'place',
  'user',
  'session',
  'import_batch',
  'municipality',
  'county',
  'access_config',
  'sot_point',
  'sot_point_list',
  'sot_point_operators',
  'sot_point_grants',
  'sot_agreement',
  'sot_financing',
  'sot_document',
  'sot_test_run',
  'sot_maintenance',
  'sot_organisation',
  'sot_member',
  'sot_members',
  'sot_training',
  'sot_contact_tree',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** True for a code in {@link AUDIT_ACTIONS}. */
export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** True for a code in {@link AUDIT_ENTITY_TYPES}. */
export function isAuditEntityType(value: string): value is AuditEntityType {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(value);
}
