/**
 * Configuration from the environment, validated once at start-up. A bad value stops the process
 * with a message naming the variable, instead of failing later at 3 a.m.
 */
import path from 'node:path';
import { z } from 'zod';
import { AppError, ErrorIds } from './errors.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  SOT_DATA_DIR: z.string().min(1).default('./sot-data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Optional raster tile URL template for the map background, e.g. `https://tiles.example/{z}/{x}/{y}.png`. */
  SOT_TILE_URL: z
    .string()
    .regex(/\{z\}.*\{x\}.*\{y\}/, 'must contain {z}, {x} and {y}')
    .optional(),
  SOT_TILE_ATTRIBUTION: z.string().optional(),
  /** Session lifetime in hours. */
  SOT_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** `true` when served behind TLS (sets the Secure cookie flag even if the proxy terminates TLS). */
  SOT_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Skip generating the demo region on first start (a real deployment). */
  SOT_NO_DEMO: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** Largest accepted upload in megabytes (imports). */
  SOT_MAX_UPLOAD_MB: z.coerce.number().positive().max(4096).default(200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  tileUrl?: string;
  tileAttribution?: string;
  sessionHours: number;
  secureCookies: 'auto' | 'true' | 'false';
  noDemo: boolean;
  maxUploadBytes: number;
  logLevel: string;
}

/** Parses and validates configuration; throws an AppError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: String(i.path[0]), reason: i.message }));
    throw new AppError(
      ErrorIds.config,
      500,
      `Invalid configuration: ${details.map((d) => `${d.field} ${d.reason}`).join('; ')}`,
      details,
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.SOT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    tileUrl: e.SOT_TILE_URL,
    tileAttribution: e.SOT_TILE_ATTRIBUTION,
    sessionHours: e.SOT_SESSION_HOURS,
    secureCookies: e.SOT_SECURE_COOKIES,
    noDemo: e.SOT_NO_DEMO === '1' || e.SOT_NO_DEMO === 'true',
    maxUploadBytes: Math.round(e.SOT_MAX_UPLOAD_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
  };
}
