/**
 * Sessions and login. The cookie holds a random token; the database holds only its SHA-256, the
 * user and a per-session CSRF token that cookie-authenticated writes must echo in a header.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loginFailures, sessions, users } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { AppError, ErrorIds } from '../errors.js';
import { DUMMY_HASH, verifyPassword } from './password.js';

export const SESSION_COOKIE = 'sot_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Throttling: this many failures within the window lock the key for LOCK_MINUTES (doubling each time). */
export const MAX_FAILURES = 5;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SessionUser extends Actor {
  userId: number;
  displayName: string;
}

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
  expiresAt: Date;
}

function toActor(u: typeof users.$inferSelect): SessionUser {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    countyCode: u.countyCode,
    municipalityCode: u.municipalityCode,
  };
}

async function lockedUntil(db: Db, key: string): Promise<Date | null> {
  const [row] = await db.select().from(loginFailures).where(eq(loginFailures.key, key));
  if (row?.lockedUntil && row.lockedUntil > new Date()) return row.lockedUntil;
  return null;
}

async function registerFailure(db: Db, key: string): Promise<void> {
  const now = new Date();
  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(loginFailures).where(eq(loginFailures.key, key)).for('update');
    if (!row || row.firstAt < windowStart) {
      const failures = 1;
      await tx
        .insert(loginFailures)
        .values({ key, failures, firstAt: now, lockedUntil: row?.lockedUntil ?? null })
        .onConflictDoUpdate({ target: loginFailures.key, set: { failures, firstAt: now } });
      return;
    }
    const failures = row.failures + 1;
    let locked = row.lockedUntil;
    if (failures >= MAX_FAILURES && failures % MAX_FAILURES === 0) {
      const rounds = failures / MAX_FAILURES;
      locked = new Date(now.getTime() + LOCK_MINUTES * 60_000 * 2 ** (rounds - 1));
    }
    await tx.update(loginFailures).set({ failures, lockedUntil: locked }).where(eq(loginFailures.key, key));
  });
}

/**
 * Checks credentials with throttling per account and per client address, and creates a session.
 * Unknown users and wrong passwords give the same error and take the same time.
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  address: string,
  sessionHours: number,
): Promise<{ token: string; session: SessionInfo }> {
  const keys = [`user:${username.toLowerCase()}`, `ip:${address}`];
  for (const key of keys) {
    const until = await lockedUntil(db, key);
    if (until) {
      const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
      throw new AppError(
        ErrorIds.throttled,
        429,
        `Too many failed logins. Try again in ${minutes} minutes.`,
        [
          {
            field: key.startsWith('user:') ? 'username' : 'address',
            reason: `locked until ${until.toISOString()}`,
          },
        ],
      );
    }
  }
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    for (const key of keys) await registerFailure(db, key);
    throw new AppError(ErrorIds.badCredentials, 401, 'Wrong username or password', [
      { field: 'password', reason: 'wrong username or password' },
    ]);
  }
  await db.delete(loginFailures).where(eq(loginFailures.key, keys[0]));
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionHours * 3_600_000);
  await db.insert(sessions).values({ tokenHash: sha256(token), userId: user.id, csrfToken, expiresAt });
  // Opportunistic clean-up keeps the table small without a scheduler.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  const actor = toActor(user);
  await recordAudit(db, actor, {
    action: 'login',
    entityType: 'session',
    entityId: user.id,
    municipalityCode: user.municipalityCode,
    countyCode: user.countyCode ?? undefined,
    details: { address },
  });
  return { token, session: { user: actor, csrfToken, expiresAt } };
}

/** The live session for a cookie token, or null when missing, expired or the user is disabled. */
export async function sessionForToken(db: Db, token: string): Promise<SessionInfo | null> {
  const rows = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date())));
  const row = rows[0];
  if (!row || row.u.disabled) return null;
  return { user: toActor(row.u), csrfToken: row.s.csrfToken, expiresAt: row.s.expiresAt };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

/** Ends every session of a user (after a password change or disabling). */
export async function endSessionsOf(db: Db, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
