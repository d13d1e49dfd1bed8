/**
 * The one place the web client talks to the server: JSON over fetch with the session cookie,
 * the CSRF header on writes, and every failure turned into an {@link ApiError} carrying the
 * server's stable error id and field details.
 */

/** One problem named by the server: `field` matches a form field path such as `attributes.fuels`. */
export interface ApiErrorDetail {
  field?: string;
  line?: number;
  element?: string;
  reason: string;
}

/** An error answer from the API (or a network failure, id `network`). */
export class ApiError extends Error {
  readonly status: number;
  readonly id: string;
  readonly details: ApiErrorDetail[];
  /** The whole response body, for answers that carry more than the error (import reports). */
  readonly body: unknown;

  constructor(status: number, id: string, message: string, details: ApiErrorDetail[] = [], body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.id = id;
    this.details = details;
    this.body = body;
  }
}

let csrfToken = '';
let onUnauthenticated: (() => void) | null = null;

/** Remembers the CSRF token from login or `/api/auth/me`; it is echoed on every write. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request answers 401 outside the auth endpoints (the session expired). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** A query string from a plain object; empty, null and undefined values are left out. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function readError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { id?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  const id = typeof error?.id === 'string' ? error.id : `http_${res.status}`;
  const message = typeof error?.message === 'string' ? error.message : res.statusText || `HTTP ${res.status}`;
  const details = Array.isArray(error?.details) ? (error.details as ApiErrorDetail[]) : [];
  return new ApiError(res.status, id, message, details, body);
}

/**
 * Sends a request and returns the parsed JSON body (undefined for 204).
 * `body` is sent as JSON unless it is FormData (uploads).
 */
export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }
  if (!res.ok) {
    const error = await readError(res);
    if (res.status === 401 && !url.startsWith('/api/auth/')) onUnauthenticated?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

/** Shorthands for {@link request}. */
export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
};
