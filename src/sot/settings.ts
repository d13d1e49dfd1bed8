/**
 * Settings of the SOT-punkt module that a deployment may change through the environment.
 * Per-point values (fuel distance, minimum members, test schedule) live on the point itself.
 */
import { z } from 'zod';
import { AppError, ErrorIds } from '../errors.js';

const envSchema = z.object({
  /** Largest document (PDF, PNG, JPEG) that may be attached to a point, in megabytes. */
  SOT_MAX_DOCUMENT_MB: z.coerce.number().positive().max(500).default(20),
});

export interface SotSettings {
  maxDocumentBytes: number;
}

/** Reads and validates the settings; a bad value names the variable. */
export function loadSotSettings(env: NodeJS.ProcessEnv = process.env): SotSettings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: String(i.path[0]), reason: i.message }));
    throw new AppError(ErrorIds.config, 500, 'Invalid SOT settings', details);
  }
  return { maxDocumentBytes: Math.round(parsed.data.SOT_MAX_DOCUMENT_MB * 1024 * 1024) };
}
