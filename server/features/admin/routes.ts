import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AuditEntrySchema,
  AuditQuerySchema,
  CreateKioskBodySchema,
  CreateUserBodySchema,
  IdParamsSchema,
  KioskTokenSchema,
  UpdateUserBodySchema,
  UserSchema,
  errorResponses,
  type User,
} from '../../contract/index.ts';
import { hashPassword, passwordProblem } from '../../auth/passwords.ts';
import { areasRepository } from '../areas/repository.ts';
import {
  accessRepository,
  actorName,
  audit,
  newToken,
  tokenHash,
  type UserRow,
} from '../../auth/repository.ts';

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  areaCode: r.area_code,
  disabled: r.disabled,
  locked: r.locked,
  createdAt: r.created_at,
});

const bad = (message: string) => ({ statusCode: 400, error: 'Bad Request', message });
const adminOnly = { access: 'admin' as const };

/** Users, kiosk tokens and the audit log: admins only. Every change is audited with it. */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = accessRepository(app.db);

  const areaProblem = async (role: string, areaCode: string | null | undefined) => {
    if (role === 'official' && !areaCode)
      return 'an official needs an areaCode (their 片区, 社区 or 小区)';
    if (areaCode && !(await areasRepository(app.db).exists(areaCode))) {
      return `no area with code ${areaCode}`;
    }
    return null;
  };

  app.get(
    '/admin/users',
    { config: adminOnly, schema: { response: { 200: Type.Array(UserSchema), ...errorResponses } } },
    async () => (await repo.listUsers()).map(toUser),
  );

  app.post(
    '/admin/users',
    {
      config: adminOnly,
      schema: { body: CreateUserBodySchema, response: { 201: UserSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const b = request.body;
      const problem = passwordProblem(b.password) ?? (await areaProblem(b.role, b.areaCode));
      if (problem) return reply.status(400).send(bad(problem));
      const taken = () =>
        reply
          .status(409)
          .send({ statusCode: 409, error: 'Conflict', message: `username ${b.username} is taken` });
      // Spares the hash when the name is known to be taken; the insert decides.
      if (await repo.userByName(b.username)) return taken();
      const hash = await hashPassword(b.password);
      const row = await app.db.transaction(async (tx) => {
        const id = await accessRepository(tx).createUser({
          username: b.username,
          displayName: b.displayName,
          role: b.role,
          areaCode: b.areaCode ?? null,
          passwordHash: hash,
        });
        if (id === null) return null;
        await audit(tx, actorName(request.principal), 'user.create', `user:${id}`, {
          username: b.username,
          role: b.role,
          areaCode: b.areaCode ?? null,
        });
        return (await accessRepository(tx).userById(id))!;
      });
      if (!row) return taken();
      return reply.status(201).send(toUser(row));
    },
  );

  app.patch(
    '/admin/users/:id',
    {
      config: adminOnly,
      schema: {
        params: IdParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const current = await repo.userById(request.params.id);
      if (!current) {
        return reply
          .status(404)
          .send({ statusCode: 404, error: 'Not Found', message: `No user ${request.params.id}` });
      }
      const b = request.body;
      const role = b.role ?? current.role;
      const areaCode = b.areaCode === undefined ? current.area_code : b.areaCode;
      const problem =
        (b.password === undefined ? null : passwordProblem(b.password)) ??
        (await areaProblem(role, areaCode));
      if (problem) return reply.status(400).send(bad(problem));
      if (
        current.id === request.principal.userId &&
        (b.disabled || (b.role && b.role !== 'admin'))
      ) {
        return reply.status(400).send(bad('an admin cannot disable or demote themselves'));
      }
      const hash = b.password === undefined ? null : await hashPassword(b.password);
      const row = await app.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE app_user SET
             display_name = coalesce($2, display_name),
             role = $3,
             area_code = $4,
             disabled = coalesce($5, disabled),
             password_hash = coalesce($6, password_hash),
             failed_logins = CASE WHEN $7 THEN 0 ELSE failed_logins END,
             locked_until = CASE WHEN $7 THEN NULL ELSE locked_until END
           WHERE id = $1`,
          [
            current.id,
            b.displayName ?? null,
            role,
            areaCode,
            b.disabled ?? null,
            hash,
            b.unlock === true,
          ],
        );
        // A changed role, area, password or a disabled account ends the user's sessions.
        if (b.role || b.areaCode !== undefined || b.password || b.disabled) {
          await tx.query('DELETE FROM user_session WHERE user_id = $1', [current.id]);
        }
        const { password: _p, ...changes } = b;
        await audit(tx, actorName(request.principal), 'user.update', `user:${current.id}`, {
          ...changes,
          passwordChanged: b.password !== undefined,
        });
        return (await accessRepository(tx).userById(current.id))!;
      });
      return toUser(row);
    },
  );

  app.get(
    '/admin/kiosk-tokens',
    {
      config: adminOnly,
      schema: { response: { 200: Type.Array(KioskTokenSchema), ...errorResponses } },
    },
    async () => {
      const rows = await app.db.query<{
        id: number;
        label: string;
        created_at: string;
        revoked: boolean;
      }>(
        `SELECT id, label, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
                revoked_at IS NOT NULL AS revoked
         FROM kiosk_token ORDER BY id`,
      );
      return rows.map((r) => ({
        id: r.id,
        label: r.label,
        createdAt: r.created_at,
        revoked: r.revoked,
      }));
    },
  );

  app.post(
    '/admin/kiosk-tokens',
    {
      config: adminOnly,
      schema: {
        body: CreateKioskBodySchema,
        response: { 201: KioskTokenSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = newToken();
      const row = await app.db.transaction(async (tx) => {
        const [created] = await tx.query<{ id: number; created_at: string }>(
          `INSERT INTO kiosk_token (label, token_hash, created_by) VALUES ($1, $2, $3)
           RETURNING id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`,
          [request.body.label, tokenHash(token), request.principal.userId],
        );
        await audit(tx, actorName(request.principal), 'kiosk.create', `kiosk:${created!.id}`, {
          label: request.body.label,
        });
        return created!;
      });
      return reply.status(201).send({
        id: row.id,
        label: request.body.label,
        token,
        createdAt: row.created_at,
        revoked: false,
      });
    },
  );

  app.delete(
    '/admin/kiosk-tokens/:id',
    { config: adminOnly, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const revoked = await app.db.transaction(async (tx) => {
        const rows = await tx.query(
          'UPDATE kiosk_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
          [request.params.id],
        );
        if (rows.length === 0) return false;
        await tx.query('DELETE FROM user_session WHERE kiosk_id = $1', [request.params.id]);
        await audit(tx, actorName(request.principal), 'kiosk.revoke', `kiosk:${request.params.id}`);
        return true;
      });
      if (!revoked) {
        return reply.status(404).send({
          statusCode: 404,
          error: 'Not Found',
          message: `No active kiosk token ${request.params.id}`,
        });
      }
      return reply.status(204).send();
    },
  );

  app.get(
    '/admin/audit',
    {
      config: adminOnly,
      schema: {
        querystring: AuditQuerySchema,
        response: { 200: Type.Array(AuditEntrySchema), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await app.db.query<{
        id: number;
        at: string;
        actor: string;
        action: string;
        target: string | null;
        detail: unknown;
      }>(
        `SELECT id::int AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
                actor, action, target, detail
         FROM audit_log WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
        [request.query.before ?? null, request.query.limit ?? 100],
      );
      return rows;
    },
  );
};
