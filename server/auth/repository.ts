import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import type { Principal, Role } from './roles.ts';

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

const USER_COLUMNS = `id, username, display_name, role, area_code, password_hash, failed_logins,
  coalesce(locked_until > now(), false) AS locked, disabled,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;

/** One line in the audit log: who did what to which target. */
export async function audit(
  q: Queryable,
  actor: string,
  action: string,
  target: string | null,
  detail: unknown = null,
): Promise<void> {
  await q.query('INSERT INTO audit_log (actor, action, target, detail) VALUES ($1, $2, $3, $4)', [
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
      const [row] = await db.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM app_user WHERE username = $1`,
        [username],
      );
      return row ?? null;
    },

    async userById(id: number): Promise<UserRow | null> {
      const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [
        id,
      ]);
      return row ?? null;
    },

    async listUsers(): Promise<UserRow[]> {
      return db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user ORDER BY id`);
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
      }>(
        `SELECT s.role, s.user_id, u.username, u.display_name, u.area_code
         FROM user_session s
         LEFT JOIN app_user u ON u.id = s.user_id
         LEFT JOIN kiosk_token k ON k.id = s.kiosk_id
         WHERE s.token_hash = $1 AND s.expires_at > now()
           AND (u.id IS NULL OR NOT u.disabled)
           AND (k.id IS NULL OR k.revoked_at IS NULL)`,
        [hash],
      );
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
      await db.query(
        `UPDATE app_user SET
           failed_logins = CASE WHEN locked_until <= now() THEN 0 ELSE failed_logins END + 1,
           locked_until = CASE
             WHEN CASE WHEN locked_until <= now() THEN 0 ELSE failed_logins END + 1 >= $2
               THEN now() + make_interval(mins => $3)
             WHEN locked_until <= now() THEN NULL
             ELSE locked_until END
         WHERE id = $1`,
        [userId, MAX_FAILED_LOGINS, LOCK_MINUTES],
      );
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
      const [created] = await db.query<{ id: number }>(
        `INSERT INTO app_user (username, display_name, role, area_code, password_hash)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO NOTHING
         RETURNING id`,
        [user.username, user.displayName, user.role, user.areaCode, user.passwordHash],
      );
      return created?.id ?? null;
    },

    async startUserSession(user: UserRow): Promise<string> {
      const token = newToken();
      await db.query(`UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [
        user.id,
      ]);
      await db.query(
        `INSERT INTO user_session (token_hash, user_id, role, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
        [tokenHash(token), user.id, user.role, SESSION_HOURS],
      );
      return token;
    },

    /** Exchanges a kiosk token for a screen session: its token and the kiosk, or null. */
    async startKioskSession(
      kioskToken: string,
    ): Promise<{ token: string; kiosk: { id: number; label: string } } | null> {
      const [kiosk] = await db.query<{ id: number; label: string }>(
        'SELECT id, label FROM kiosk_token WHERE token_hash = $1 AND revoked_at IS NULL',
        [tokenHash(kioskToken)],
      );
      if (!kiosk) return null;
      const token = newToken();
      await db.query(
        `INSERT INTO user_session (token_hash, kiosk_id, role, expires_at)
         VALUES ($1, $2, 'screen', now() + make_interval(days => $3))`,
        [tokenHash(token), kiosk.id, KIOSK_SESSION_DAYS],
      );
      return { token, kiosk };
    },

    async endSession(token: string): Promise<void> {
      await db.query('DELETE FROM user_session WHERE token_hash = $1', [tokenHash(token)]);
    },

    /** Deletes the sessions that have run out (they answer as no session already); returns how many. */
    async purgeExpiredSessions(): Promise<number> {
      const [row] = await db.query<{ n: number }>(
        `WITH gone AS (DELETE FROM user_session WHERE expires_at <= now() RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
      );
      return row!.n;
    },

    /** Whether `code` is `ancestor` or lies below it. */
    async isWithin(code: string, ancestor: string): Promise<boolean> {
      const rows = await db.query(
        `WITH RECURSIVE up AS (
           SELECT code, parent_code FROM area WHERE code = $1
           UNION ALL
           SELECT a.code, a.parent_code FROM area a JOIN up ON a.code = up.parent_code
         )
         SELECT 1 FROM up WHERE code = $2`,
        [code, ancestor],
      );
      return rows.length > 0;
    },
  };
}
