/**
 * The audit page's filters live in the address bar (`/logg?action=read&entityType=sot_members&entityId=3`),
 * so a reload or a shared link shows the same entries. Pure helpers between that query string
 * and the GET /api/audit URL.
 */
import {
  type AuditAction,
  type AuditEntityType,
  isAuditAction,
  isAuditEntityType,
} from '../../../src/shared/audit-codes.js';
import { queryString } from '../api.js';

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 50;

/** The server's limit on `entityId`. */
const ENTITY_ID_MAX = 100;

export interface AuditParams {
  action: AuditAction | '';
  entityType: AuditEntityType | '';
  entityId: string;
  page: number;
}

/** Reads the filters, ignoring unknown codes so an old link never turns into a 400. */
export function readAuditParams(search: URLSearchParams): AuditParams {
  const action = search.get('action') ?? '';
  const entityType = search.get('entityType') ?? '';
  const page = Number(search.get('page') ?? '1');
  return {
    action: isAuditAction(action) ? action : '',
    entityType: isAuditEntityType(entityType) ? entityType : '',
    entityId: (search.get('entityId') ?? '').trim().slice(0, ENTITY_ID_MAX),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

function filters(p: AuditParams) {
  return {
    action: p.action || undefined,
    entityType: p.entityType || undefined,
    entityId: p.entityId.trim() || undefined,
  };
}

/** The address-bar query (the first page left out to keep links short). */
export function auditSearch(p: AuditParams): string {
  return queryString({ ...filters(p), page: p.page > 1 ? p.page : undefined });
}

/** The API address of one page of entries. */
export function auditApiUrl(p: AuditParams, pageSize = AUDIT_PAGE_SIZE): string {
  return `/api/audit${queryString({ ...filters(p), page: p.page, pageSize })}`;
}

/** True when any filter narrows the list. */
export function isFiltered(p: AuditParams): boolean {
  return Boolean(p.action || p.entityType || p.entityId.trim());
}
