import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AUDIT_CSV_MAX_ROWS,
  adminRoutes as routes,
  type AuditCsvQuery,
  type User,
} from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
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
import { adminRepository } from './repository.ts';
import { apiTokenRepository } from '../../auth/api-tokens.ts';
import type { Principal } from '../../auth/roles.ts';
import type { Queryable } from '../../db/db.ts';
import { Problem } from '../../http/problem.ts';
import { dateProblem } from '../../lib/dates.ts';
import { zoneTimeZone } from '../dataset/repository.ts';
import { auditCsv } from './csv.ts';

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

/** Users, kiosk tokens, API tokens and the audit log: admins only. Every change is audited with it. */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = accessRepository(app.db);

  /** The problem with a role's area, told by its code so the admin page can say it. */
  const areaProblem = async (
    role: string,
    areaCode: string | null | undefined,
  ): Promise<Problem | null> => {
    if (role === 'official' && !areaCode) {
      return new Problem(
        400,
        'admin.areaNeeded',
        'an official needs an areaCode (their 片区, 社区 or 小区)',
      );
    }
    if (areaCode && !(await areasRepository(app.db).exists(areaCode))) {
      return new Problem(400, 'area.unknown', `no area with code ${areaCode}`, {
        code: areaCode,
      });
    }
    return null;
  };
  const weakPassword = (password: string | undefined): Problem | null => {
    const problem = password === undefined ? null : passwordProblem(password);
    return problem ? new Problem(400, 'admin.passwordWeak', problem) : null;
  };

  /** Revokes a token with its audit line in one transaction; 404 when none was active. */
  const revokeAudited = async (
    principal: Principal,
    kind: 'kiosk' | 'api-token',
    id: number,
    revoke: (tx: Queryable, id: number) => Promise<boolean>,
  ): Promise<void> => {
    const revoked = await app.db.transaction(async (tx) => {
      if (!(await revoke(tx, id))) return false;
      await audit(tx, actorName(principal), `${kind}.revoke`, `${kind}:${id}`);
      return true;
    });
    if (!revoked) {
      const noun = kind === 'kiosk' ? 'kiosk token' : 'API token';
      throw app.httpErrors.notFound(`No active ${noun} ${id}`);
    }
  };

  /** The audit filter's days, checked against the calendar and each other. */
  const checkAuditFilter = (q: AuditCsvQuery): void => {
    for (const field of ['from', 'to'] as const) {
      const value = q[field];
      const problem = value === undefined ? null : dateProblem(field, value);
      if (problem) {
        throw new Problem(400, 'request.invalid', problem, { field: `querystring/${field}` });
      }
    }
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      throw new Problem(400, 'request.invalid', `from (${q.from}) is after to (${q.to})`, {
        field: 'querystring/to',
      });
    }
  };

  app.route({
    ...routeOptions(app, routes.users),
    handler: async () => (await repo.listUsers()).map(toUser),
  });

  app.route({
    ...routeOptions(app, routes.createUser),
    handler: async (request, reply) => {
      const b = request.body;
      const problem = weakPassword(b.password) ?? (await areaProblem(b.role, b.areaCode));
      if (problem) throw problem;
      const taken = () =>
        new Problem(409, 'admin.usernameTaken', `username ${b.username} is taken`, {
          username: b.username,
        });
      // Spares the hash when the name is known to be taken; the insert decides.
      if (await repo.userByName(b.username)) throw taken();
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
      if (!row) throw taken();
      return reply.status(201).send(toUser(row));
    },
  });

  app.route({
    ...routeOptions(app, routes.updateUser),
    handler: async (request) => {
      const current = await repo.userById(request.params.id);
      if (!current) throw app.httpErrors.notFound(`No user ${request.params.id}`);
      const b = request.body;
      const role = b.role ?? current.role;
      const areaCode = b.areaCode === undefined ? current.area_code : b.areaCode;
      const problem = weakPassword(b.password) ?? (await areaProblem(role, areaCode));
      if (problem) throw problem;
      if (
        current.id === request.principal.userId &&
        (b.disabled || (b.role && b.role !== 'admin'))
      ) {
        throw new Problem(400, 'admin.selfDemote', 'an admin cannot disable or demote themselves');
      }
      const hash = b.password === undefined ? null : await hashPassword(b.password);
      const row = await app.db.transaction(async (tx) => {
        const admin = adminRepository(tx);
        await admin.updateUser(current.id, {
          displayName: b.displayName ?? null,
          role,
          areaCode,
          disabled: b.disabled ?? null,
          passwordHash: hash,
          unlock: b.unlock === true,
        });
        // A changed role, area, password or a disabled account ends the user's sessions.
        if (b.role || b.areaCode !== undefined || b.password || b.disabled) {
          await admin.endUserSessions(current.id);
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
  });

  app.route({
    ...routeOptions(app, routes.kioskTokens),
    handler: async () => adminRepository(app.db).kioskTokens(),
  });

  app.route({
    ...routeOptions(app, routes.createKioskToken),
    handler: async (request, reply) => {
      const token = newToken();
      const { label } = request.body;
      const created = await app.db.transaction(async (tx) => {
        const row = await adminRepository(tx).createKioskToken(
          label,
          tokenHash(token),
          request.principal.userId,
        );
        await audit(tx, actorName(request.principal), 'kiosk.create', `kiosk:${row.id}`, {
          label,
        });
        return row;
      });
      return reply.status(201).send({ ...created, label, token, revoked: false, lastUsedAt: null });
    },
  });

  app.route({
    ...routeOptions(app, routes.revokeKioskToken),
    handler: async (request, reply) => {
      await revokeAudited(request.principal, 'kiosk', request.params.id, (tx, id) =>
        adminRepository(tx).revokeKioskToken(id),
      );
      return reply.status(204).send();
    },
  });

  app.route({
    ...routeOptions(app, routes.apiTokens),
    handler: async () => apiTokenRepository(app.db).list(),
  });

  app.route({
    ...routeOptions(app, routes.createApiToken),
    handler: async (request, reply) => {
      const b = request.body;
      // Only an official's access depends on an area; one given to another role would read as
      // a restriction that does not hold.
      if (b.role !== 'official' && b.areaCode) {
        throw app.httpErrors.badRequest(`a ${b.role} token sees the whole zone: give no areaCode`);
      }
      const problem = await areaProblem(b.role, b.areaCode);
      if (problem) throw problem;
      const created = await app.db.transaction(async (tx) => {
        const tokens = apiTokenRepository(tx);
        const { id, token } = await tokens.create(b, request.principal.userId);
        await audit(tx, actorName(request.principal), 'api-token.create', `api-token:${id}`, {
          label: b.label,
          role: b.role,
          areaCode: b.areaCode ?? null,
        });
        const row = (await tokens.list()).find((t) => t.id === id)!;
        return { ...row, token };
      });
      return reply.status(201).send(created);
    },
  });

  app.route({
    ...routeOptions(app, routes.revokeApiToken),
    handler: async (request, reply) => {
      await revokeAudited(request.principal, 'api-token', request.params.id, (tx, id) =>
        apiTokenRepository(tx).revoke(id),
      );
      return reply.status(204).send();
    },
  });

  app.route({
    ...routeOptions(app, routes.audit),
    handler: async (request) => {
      const { before, limit, ...filter } = request.query;
      checkAuditFilter(filter);
      return adminRepository(app.db).auditPage(filter, before ?? null, limit ?? 100);
    },
  });

  app.route({
    ...routeOptions(app, routes.auditCsv),
    handler: async (request, reply) => {
      checkAuditFilter(request.query);
      const rows = await adminRepository(app.db).auditCsv(request.query, AUDIT_CSV_MAX_ROWS + 1);
      if (rows.length > AUDIT_CSV_MAX_ROWS) {
        throw new Problem(
          400,
          'admin.auditTooLarge',
          `more than ${AUDIT_CSV_MAX_ROWS} audit lines match: narrow the filters`,
          { max: AUDIT_CSV_MAX_ROWS },
        );
      }
      const { from, to } = request.query;
      const name = ['audit-log', from, to].filter(Boolean).join('_');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(auditCsv(rows, await zoneTimeZone(app.db)));
    },
  });
};
