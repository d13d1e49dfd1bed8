/**
 * User administration, shared by `sot user …` and the admin API.
 */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { checkPasswordStrength, hashPassword } from '../auth/password.js';
import { endSessionsOf } from '../auth/sessions.js';
import type { Db } from '../db/client.js';
import { counties, municipalities, users } from '../db/schema.js';
import { conflict, notFound, validationError } from '../errors.js';
import { roleSchema } from '../shared/kinds.js';
import type { Actor } from './actor.js';
import { recordAudit } from './audit.js';
import { zodDetails } from './registry-common.js';

export const userCreateSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(2)
      .max(64)
      .regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
    displayName: z.string().trim().max(200).default(''),
    password: z.string(),
    role: roleSchema,
    countyCode: z
      .string()
      .regex(/^\d{2}$/, 'must be a 2-digit county code')
      .nullish(),
    municipalityCode: z
      .string()
      .regex(/^\d{4}$/, 'must be a 4-digit municipality code')
      .nullish(),
  })
  // A misspelled key (say `municipality`) must not create a user without the territory meant.
  .strict();
export type UserCreate = z.input<typeof userCreateSchema>;

export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  countyCode: string | null;
  municipalityCode: string | null;
  disabled: boolean;
}

const present = (u: typeof users.$inferSelect): PublicUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  countyCode: u.countyCode,
  municipalityCode: u.municipalityCode,
  disabled: u.disabled,
});

/**
 * Territory rules per role: county users need a county, municipality/operator users a
 * municipality (their county is derived), viewers either; admins none.
 */
async function resolveTerritory(db: Db, input: z.infer<typeof userCreateSchema>) {
  let countyCode = input.countyCode ?? null;
  const municipalityCode = input.municipalityCode ?? null;
  if (input.role === 'admin') return { countyCode: null, municipalityCode: null };
  if (input.role === 'county' && !countyCode)
    throw validationError('A county user needs a county', [
      { field: 'countyCode', reason: 'required for role county' },
    ]);
  if ((input.role === 'municipality' || input.role === 'operator') && !municipalityCode)
    throw validationError(`A ${input.role} user needs a municipality`, [
      { field: 'municipalityCode', reason: `required for role ${input.role}` },
    ]);
  if (input.role === 'viewer' && !countyCode && !municipalityCode)
    throw validationError('A viewer needs a county or a municipality', [
      { field: 'municipalityCode', reason: 'a county or municipality is required for role viewer' },
    ]);
  if (municipalityCode) {
    const [m] = await db.select().from(municipalities).where(eq(municipalities.code, municipalityCode));
    if (!m)
      throw validationError('Unknown municipality', [
        {
          field: 'municipalityCode',
          reason: `no municipality with code ${municipalityCode}; import boundaries first`,
        },
      ]);
    countyCode = m.countyCode;
  } else if (countyCode) {
    const [c] = await db.select().from(counties).where(eq(counties.code, countyCode));
    if (!c)
      throw validationError('Unknown county', [
        { field: 'countyCode', reason: `no county with code ${countyCode}; import boundaries first` },
      ]);
  }
  return { countyCode, municipalityCode: input.role === 'county' ? null : municipalityCode };
}

export async function addUser(db: Db, actor: Actor, raw: UserCreate): Promise<PublicUser> {
  const parsed = userCreateSchema.safeParse(raw);
  if (!parsed.success) throw validationError('Invalid user', zodDetails(parsed.error));
  const input = parsed.data;
  checkPasswordStrength(input.password);
  const territory = await resolveTerritory(db, input);
  const [existing] = await db.select().from(users).where(eq(users.username, input.username));
  if (existing)
    throw conflict('Username taken', [{ field: 'username', reason: `${input.username} already exists` }]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        ...territory,
      })
      .returning();
    const user = present(row);
    await recordAudit(tx, actor, {
      action: 'user.add',
      entityType: 'user',
      entityId: row.id,
      municipalityCode: row.municipalityCode,
      countyCode: row.countyCode,
      after: user,
    });
    return user;
  });
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const rows = await db.select().from(users).orderBy(asc(users.username));
  return rows.map(present);
}

export async function setPassword(db: Db, actor: Actor, username: string, password: string): Promise<void> {
  checkPasswordStrength(password);
  const [row] = await db.select().from(users).where(eq(users.username, username));
  if (!row) throw notFound(`User ${username}`);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, row.id));
    await recordAudit(tx, actor, {
      action: 'user.passwd',
      entityType: 'user',
      entityId: row.id,
      municipalityCode: row.municipalityCode,
      countyCode: row.countyCode,
    });
  });
  await endSessionsOf(db, row.id);
}
