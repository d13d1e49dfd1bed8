/** Small helpers shared by the SOT domain modules. */
import { sentKeys } from '../domain/registry-common.js';

/**
 * The fields of a parsed partial update that the client actually sent: zod fills defaults into
 * absent fields of a `.partial()` schema, and a PATCH must not reset what it never mentioned.
 */
export function sentFields<T extends Record<string, unknown>>(parsed: T, raw: unknown): Partial<T> {
  const sent = sentKeys(raw);
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(parsed))
    if (sent.has(key)) (out as Record<string, unknown>)[key] = value;
  return out;
}

/** A row with its Date columns as ISO strings, for audit before/after images. */
export function auditImage<T extends Record<string, unknown>>(row: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = value instanceof Date ? value.toISOString() : value;
  return out;
}
