import type { AuditCsvQuery, AuditEntry, KioskToken } from '../../contract/index.ts';
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
  'auditCsv',
]);

/** One line of the audit CSV: local time, and the detail as JSON text. */
export interface AuditCsvRow {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

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
        last_used_at: string | null;
      }>(SQL.kioskTokens);
      return rows.map((r) => ({
        id: r.id,
        label: r.label,
        createdAt: r.created_at,
        revoked: r.revoked,
        lastUsedAt: r.last_used_at,
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

    async auditPage(
      filter: AuditCsvQuery,
      before: number | null,
      limit: number,
    ): Promise<AuditEntry[]> {
      return db.query<AuditEntry>(SQL.auditPage, [
        before,
        limit,
        filter.actor ?? null,
        filter.action ?? null,
        filter.from ?? null,
        filter.to ?? null,
      ]);
    },

    /** At most `max` lines, newest first. */
    async auditCsv(filter: AuditCsvQuery, max: number): Promise<AuditCsvRow[]> {
      return db.query<AuditCsvRow>(SQL.auditCsv, [
        filter.actor ?? null,
        filter.action ?? null,
        filter.from ?? null,
        filter.to ?? null,
        max,
      ]);
    },
  };
}
