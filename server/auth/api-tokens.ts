import type { ApiToken, CreateApiTokenBody } from '../contract/index.ts';
import type { Queryable } from '../db/db.ts';
import { sqlQueries } from '../db/sql-files.ts';
import { TOKEN_PATTERN, audit, newToken, tokenHash } from './repository.ts';
import type { Principal } from './roles.ts';

const SQL = sqlQueries(new URL('./api-tokens.sql', import.meta.url), [
  'useApiToken',
  'deadApiToken',
  'listApiTokens',
  'createApiToken',
  'revokeApiToken',
]);

/** Days an API token lasts when the admin names none. */
export const API_TOKEN_DEFAULT_DAYS = 90;

/** Methods an API token may use: it reads, and never writes. */
export const API_TOKEN_METHODS = new Set(['GET', 'HEAD']);

/** What `Authorization: Bearer …` resolves to: a principal, or why it is refused (401). */
export type BearerResult = { principal: Principal } | { refused: string };

interface TokenRow {
  id: number;
  label: string;
  role: ApiToken['role'];
  area_code: string | null;
  created_at: string;
  expires_at: string;
  revoked: boolean;
  expired: boolean;
  use_count: number;
  last_used_at: string | null;
}

const toApiToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  label: r.label,
  role: r.role,
  areaCode: r.area_code,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revoked: r.revoked,
  expired: r.expired,
  useCount: r.use_count,
  lastUsedAt: r.last_used_at,
});

/** The name an API token's principal has in the audit log and in `/api/auth/me`. */
export const apiTokenActor = (id: number) => `api-token:${id}`;

export function apiTokenRepository(db: Queryable) {
  return {
    /**
     * Resolves a bearer token and counts its use. Every use is counted on the token's row (the
     * admin list shows the count and the last use); the audit log gets one line per token and
     * hour of use, not one per request: a QGIS map pan asks dozens of tiles, and a line each
     * would bury the writes and personal-data reads the log is read for. `unknown` is told
     * when the token matches no row at all, so the caller may remember it and spare the lookup.
     */
    async resolve(
      token: string,
      request: { method: string; url: string },
    ): Promise<BearerResult & { unknown?: true }> {
      if (!TOKEN_PATTERN.test(token)) {
        return {
          refused: 'This API token is malformed; an admin issues tokens of 43 characters.',
          unknown: true,
        };
      }
      const hash = tokenHash(token);
      const [row] = await db.query<{
        id: number;
        label: string;
        role: ApiToken['role'];
        area_code: string | null;
        use_count: number;
        audit_due: boolean;
      }>(SQL.useApiToken, [hash]);
      if (row) {
        if (row.audit_due) {
          await audit(db, apiTokenActor(row.id), 'api-token.use', `api-token:${row.id}`, {
            uses: row.use_count,
            method: request.method,
            url: request.url.slice(0, 200),
          });
        }
        return {
          principal: {
            role: row.role,
            userId: null,
            username: apiTokenActor(row.id),
            areaCode: row.role === 'official' ? row.area_code : null,
          },
        };
      }
      const [dead] = await db.query<{ revoked: boolean; expires_at: string }>(SQL.deadApiToken, [
        hash,
      ]);
      if (!dead) return { refused: 'Unknown API token.', unknown: true };
      return {
        refused: dead.revoked
          ? 'This API token was revoked; ask an admin for a new one.'
          : `This API token expired at ${dead.expires_at}; ask an admin for a new one.`,
      };
    },

    async list(): Promise<ApiToken[]> {
      return (await db.query<TokenRow>(SQL.listApiTokens)).map(toApiToken);
    },

    /** Creates a token; the secret is returned here only, and stored as its SHA-256. */
    async create(
      body: CreateApiTokenBody,
      createdBy: number | null,
    ): Promise<{ id: number; token: string }> {
      const token = newToken();
      const [row] = await db.query<{ id: number }>(SQL.createApiToken, [
        body.label,
        tokenHash(token),
        body.role,
        body.role === 'official' ? (body.areaCode ?? null) : null,
        createdBy,
        body.expiresInDays ?? API_TOKEN_DEFAULT_DAYS,
      ]);
      return { id: row!.id, token };
    },

    /** False when no active token has this id. */
    async revoke(id: number): Promise<boolean> {
      return (await db.query(SQL.revokeApiToken, [id])).length > 0;
    },
  };
}
