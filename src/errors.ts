/**
 * The one error module. Every error a user can see carries a stable, machine-readable `id`
 * (clients and tests match on it, never on the message), an HTTP status, a human message and
 * optional `details` naming the offending field, line or OSM element.
 */

/** Stable error ids. Add new ones here; never rename an existing id (clients depend on them). */
export const ErrorIds = {
  validation: 'validation_failed',
  notFound: 'not_found',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  csrf: 'csrf_token_invalid',
  throttled: 'login_throttled',
  badCredentials: 'invalid_credentials',
  conflict: 'conflict',
  config: 'config_invalid',
  importFormat: 'import_format_invalid',
  importRows: 'import_rows_invalid',
  osmCorrupt: 'osm_file_corrupt',
  osmUnsupported: 'osm_feature_unsupported',
  fileNotFound: 'file_not_found',
  backupInvalid: 'backup_invalid',
  restoreNotEmpty: 'restore_target_not_empty',
  payloadTooLarge: 'payload_too_large',
  internal: 'internal_error',
  dataDirLocked: 'data_dir_locked',
  portInUse: 'port_in_use',
  graphInvalid: 'graph_file_invalid',
} as const;

export type ErrorId = (typeof ErrorIds)[keyof typeof ErrorIds];

/** One problem in a piece of input: where it is and what is wrong with it. */
export interface ErrorDetail {
  /** Field, column or property name, e.g. `lat` or `attributes.assortmentArticles`. */
  field?: string;
  /** 1-based line (CSV, XML) or feature index (GeoJSON) in the input. */
  line?: number;
  /** OSM element, e.g. `node/123` or `way/456`. */
  element?: string;
  reason: string;
}

/** An error that is safe to show to the user as-is. */
export class AppError extends Error {
  readonly id: ErrorId;
  readonly status: number;
  readonly details: ErrorDetail[];

  constructor(id: ErrorId, status: number, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AppError';
    this.id = id;
    this.status = status;
    this.details = details;
  }
}

export const validationError = (message: string, details: ErrorDetail[] = []) =>
  new AppError(ErrorIds.validation, 400, message, details);
export const notFound = (what: string) => new AppError(ErrorIds.notFound, 404, `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') =>
  new AppError(ErrorIds.forbidden, 403, message);
export const unauthenticated = () => new AppError(ErrorIds.unauthenticated, 401, 'Log in first');
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError(ErrorIds.conflict, 409, message, details);

/** Shape of every error response body. */
export interface ErrorBody {
  error: { id: string; message: string; details: ErrorDetail[] };
}

export function errorBody(err: AppError): ErrorBody {
  return { error: { id: err.id, message: err.message, details: err.details } };
}

/** Formats details as `line 12, field lat: reason` lines for CLI output. */
export function formatDetail(d: ErrorDetail): string {
  const where = [
    d.line !== undefined ? `line ${d.line}` : undefined,
    d.element ? d.element : undefined,
    d.field ? `field ${d.field}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${d.reason}` : d.reason;
}
