import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import { sqlQueries } from '../db/sql-files.ts';
import type { AuditAction } from '../contract/index.ts';
import type { Principal, Role } from './roles.ts';

const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), [
  'audit',
  'userByName',
  'userById',
  'listUsers',
  'principalForTokenHash',
  'recordFailedLogin',
  'createUser',
  'clearFailedLogins',
  'startUserSession',
  'kioskByToken',
  'startKioskSession',
  'endSession',
  'purgeExpiredSessions',
  'isWithin',
]);

/** How long a login lasts, and a kiosk session of a big screen (renewed while in use). */
export const SESSION_HOURS = 8;
export const KIOSK_SESSION_DAYS = 30;
/** Failed logins before an account is locked, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Tokens are random; only their SHA-256 is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
/** What {@link newToken} makes: anything else is no session, and needs no lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: 'official' | 'planner' | 'admin';
  area_code: string | null;
  password_hash: string;
  failed_logins: number;
  locked: boolean;
  disabled: boolean;
  created_at: string;
}

/** One line in the audit log: who did what to which target. */
export async function audit(
  q: Queryable,
  actor: string,
  // One of the contract's list: the admin page filters and names every action by it.
  action: AuditAction,
  target: string | null,
  detail: unknown = null,
): Promise<void> {
  await q.query(SQL.audit, [
    actor,
    action,
    target,
    detail === null ? null : JSON.stringify(detail),
  ]);
}

/** The name an audit line gives a principal. */
export const actorName = (p: Principal) => p.username ?? p.role;

export function accessRepository(db: Queryable) {
  return {
    async userByName(username: string): Promise<UserRow | null> {
      const [row] = await db.query<UserRow>(SQL.userByName, [username]);
      return row ?? null;
    },

    async userById(id: number): Promise<UserRow | null> {
      const [row] = await db.query<UserRow>(SQL.userById, [id]);
      return row ?? null;
    },

    async listUsers(): Promise<UserRow[]> {
      return db.query<UserRow>(SQL.listUsers);
    },

    /** The principal of a live session, by the SHA-256 of its token ({@link tokenHash}). */
    async principalForTokenHash(
      hash: string,
    ): Promise<(Principal & { displayName: string | null }) | null> {
      const [row] = await db.query<{
        role: Role;
        user_id: number | null;
        username: string | null;
        display_name: string | null;
        area_code: string | null;
      }>(SQL.principalForTokenHash, [hash]);
      if (!row) return null;
      return {
        role: row.role,
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        areaCode: row.role === 'official' ? row.area_code : null,
      };
    },

    /**
     * Records a wrong password; locks the account once too many have failed in a row. A lock
     * that has run out starts the count again, or one more wrong password after it would lock
     * the account at once.
     */
    async recordFailedLogin(userId: number): Promise<void> {
      await db.query(SQL.recordFailedLogin, [userId, MAX_FAILED_LOGINS, LOCK_MINUTES]);
    },

    /**
     * Creates a user; null when the username is taken. ON CONFLICT rather than a check first:
     * two requests for one name at once both pass a check, and the second then died on the
     * unique index (a 500).
     */
    async createUser(user: {
      username: string;
      displayName: string;
      role: UserRow['role'];
      areaCode: string | null;
      passwordHash: string;
    }): Promise<number | null> {
      const [created] = await db.query<{ id: number }>(SQL.createUser, [
        user.username,
        user.displayName,
        user.role,
        user.areaCode,
        user.passwordHash,
      ]);
      return created?.id ?? null;
    },

    async startUserSession(user: UserRow): Promise<string> {
      const token = newToken();
      await db.query(SQL.clearFailedLogins, [user.id]);
      await db.query(SQL.startUserSession, [tokenHash(token), user.id, user.role, SESSION_HOURS]);
      return token;
    },

    /** Exchanges a kiosk token for a screen session: its token and the kiosk, or null. */
    async startKioskSession(
      kioskToken: string,
    ): Promise<{ token: string; kiosk: { id: number; label: string } } | null> {
      const [kiosk] = await db.query<{ id: number; label: string }>(SQL.kioskByToken, [
        tokenHash(kioskToken),
      ]);
      if (!kiosk) return null;
      const token = newToken();
      await db.query(SQL.startKioskSession, [tokenHash(token), kiosk.id, KIOSK_SESSION_DAYS]);
      return { token, kiosk };
    },

    async endSession(token: string): Promise<void> {
      await db.query(SQL.endSession, [tokenHash(token)]);
    },

    /** Deletes the sessions that have run out (they answer as no session already); returns how many. */
    async purgeExpiredSessions(): Promise<number> {
      const [row] = await db.query<{ n: number }>(SQL.purgeExpiredSessions);
      return row!.n;
    },

    /** Whether `code` is `ancestor` or lies below it. */
    async isWithin(code: string, ancestor: string): Promise<boolean> {
      const rows = await db.query(SQL.isWithin, [code, ancestor]);
      return rows.length > 0;
    },
  };
}
