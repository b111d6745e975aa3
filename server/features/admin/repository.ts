import type { AuditEntry, KioskToken } from '../../contract/index.ts';
import type { Queryable } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import type { UserRow } from '../../auth/repository.ts';

const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), [
  'updateUser',
  'endUserSessions',
  'kioskTokens',
  'createKioskToken',
  'revokeKioskToken',
  'endKioskSessions',
  'auditPage',
]);

/** A user's fields as the admin sets them; null keeps the name, the flag or the password. */
export interface UserChange {
  displayName: string | null;
  role: UserRow['role'];
  areaCode: string | null;
  disabled: boolean | null;
  passwordHash: string | null;
  unlock: boolean;
}

/** The admin's writes to users and kiosk tokens, and the audit log's reads. */
export function adminRepository(db: Queryable) {
  return {
    async updateUser(id: number, change: UserChange): Promise<void> {
      await db.query(SQL.updateUser, [
        id,
        change.displayName,
        change.role,
        change.areaCode,
        change.disabled,
        change.passwordHash,
        change.unlock,
      ]);
    },

    async endUserSessions(userId: number): Promise<void> {
      await db.query(SQL.endUserSessions, [userId]);
    },

    async kioskTokens(): Promise<KioskToken[]> {
      const rows = await db.query<{
        id: number;
        label: string;
        created_at: string;
        revoked: boolean;
      }>(SQL.kioskTokens);
      return rows.map((r) => ({
        id: r.id,
        label: r.label,
        createdAt: r.created_at,
        revoked: r.revoked,
      }));
    },

    /** Stores a token's hash; the token itself is only in the answer that creates it. */
    async createKioskToken(
      label: string,
      hash: string,
      createdBy: number | null,
    ): Promise<{ id: number; createdAt: string }> {
      const [row] = await db.query<{ id: number; created_at: string }>(SQL.createKioskToken, [
        label,
        hash,
        createdBy,
      ]);
      return { id: row!.id, createdAt: row!.created_at };
    },

    /** Revokes an active token and ends its sessions; false when none was active. */
    async revokeKioskToken(id: number): Promise<boolean> {
      const rows = await db.query(SQL.revokeKioskToken, [id]);
      if (rows.length === 0) return false;
      await db.query(SQL.endKioskSessions, [id]);
      return true;
    },

    async auditPage(before: number | null, limit: number): Promise<AuditEntry[]> {
      return db.query<AuditEntry>(SQL.auditPage, [before, limit]);
    },
  };
}
