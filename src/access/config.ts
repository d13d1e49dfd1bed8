/**
 * The accessibility configuration: service-kind groups, the SOT statuses the `sot` group counts,
 * the pinned graph and the snapping limit, stored as JSON in `meta` (key `access_config`). Missing
 * keys take the defaults of src/shared/access.ts, so an installation that never touched it
 * analyses the five default groups and the operating SOT-punkter on the newest graph. Only
 * administrators change it; every change is audited.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { meta } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { parseOrThrow } from '../domain/registry-common.js';
import { forbidden, validationError } from '../errors.js';
import { type AccessConfig, accessConfigSchema, DEFAULT_ACCESS_CONFIG, SOT_GROUP } from '../shared/access.js';

export const ACCESS_CONFIG_KEY = 'access_config';

/** How the configuration is stored: groups as `[name, kinds]` pairs, because jsonb reorders object keys. */
interface StoredConfig extends Omit<Partial<AccessConfig>, 'groups'> {
  groups?: [string, string[]][] | Record<string, string[]>;
}

/** The stored configuration with defaults filled in. A damaged stored value falls back to defaults. */
export async function getAccessConfig(db: DbOrTx): Promise<AccessConfig> {
  const [row] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, ACCESS_CONFIG_KEY));
  const stored = (row?.value as StoredConfig | undefined) ?? {};
  const groups = Array.isArray(stored.groups) ? Object.fromEntries(stored.groups) : stored.groups;
  const merged = { ...DEFAULT_ACCESS_CONFIG, ...stored, ...(groups ? { groups } : {}) };
  const parsed = accessConfigSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_ACCESS_CONFIG;
}

/**
 * Replaces the fields given in `patch` (whole `groups` object at once).
 *
 * @throws AppError `forbidden` for non-admins; `validation_failed` naming the bad field.
 */
export async function updateAccessConfig(
  db: DbOrTx,
  actor: Actor,
  patch: Partial<AccessConfig>,
): Promise<AccessConfig> {
  if (actor.role !== 'admin')
    throw forbidden('Only administrators may change the accessibility configuration');
  const before = await getAccessConfig(db);
  const after = parseOrThrow(accessConfigSchema, { ...before, ...patch }, 'accessibility configuration');
  const value: StoredConfig = { ...after, groups: Object.entries(after.groups) };
  await db
    .insert(meta)
    .values({ key: ACCESS_CONFIG_KEY, value })
    .onConflictDoUpdate({ target: meta.key, set: { value, updatedAt: new Date() } });
  await recordAudit(db, actor, { action: 'update', entityType: 'access_config', before, after });
  return after;
}

/**
 * Every group a run computes: the kind groups, then `sot` with its statuses unless the status set
 * is empty.
 */
export function analysisGroups(config: AccessConfig): Record<string, string[]> {
  return config.sotStatuses.length > 0
    ? { ...config.groups, [SOT_GROUP]: [...config.sotStatuses] }
    : { ...config.groups };
}

/** Groups of `config` restricted to `keys` (all when absent); unknown keys are a 400. */
export function selectGroups(config: AccessConfig, keys?: readonly string[]): Record<string, string[]> {
  const all = analysisGroups(config);
  if (!keys || keys.length === 0) return all;
  const unknown = keys.filter((k) => !(k in all));
  if (unknown.length > 0)
    throw validationError(`Unknown service group ${unknown.join(', ')}`, [
      {
        field: 'group',
        reason:
          unknown.includes(SOT_GROUP) && config.sotStatuses.length === 0
            ? `no SOT statuses are configured, so there is no ${SOT_GROUP} group; configured groups: ${Object.keys(all).join(', ')}`
            : `configured groups: ${Object.keys(all).join(', ')}`,
      },
    ]);
  return Object.fromEntries(keys.map((k) => [k, all[k]]));
}
