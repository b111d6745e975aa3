import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import { TOKEN_PATTERN, accessRepository, tokenHash } from './repository.ts';
import { UnknownTokens } from './unknown-tokens.ts';
import { API_TOKEN_METHODS, apiTokenRepository } from './api-tokens.ts';
import { ANONYMOUS, allows, type Access, type Principal } from './roles.ts';
import { problemBody } from '../http/problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; anonymous visitors are `public`. */
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** The weakest role a route admits. Data routes must declare it. */
    access?: Access;
  }
}

export const SESSION_COOKIE = 'atlas_session';

/** Options of the access plugin. */
export interface AccessOptions {
  /**
   * Let anonymous visitors look read-only (aggregates and public layers), as the embedded demo
   * does. Off, every data route needs a login.
   */
  publicDemo: boolean;
}

/** Routes under these prefixes serve data and must say who may call them. */
const DATA_PREFIXES = ['/api', '/tiles', '/styles', '/fonts'];
/**
 * How often run-out sessions are deleted. They already count as no session; the purge only
 * keeps the table (kiosk sessions last 30 days) from growing without end.
 */
export const SESSION_PURGE_MS = 60 * 60 * 1000;

async function accessPlugin(app: FastifyInstance, options: AccessOptions): Promise<void> {
  await app.register(fastifyCookie);
  const repo = accessRepository(app.db);
  const unknownTokens = new UnknownTokens();
  const apiTokens = apiTokenRepository(app.db);
  const unknownApiTokens = new UnknownTokens();
  app.decorateRequest('principal', null as unknown as Principal);

  const principalFor = async (token: string) => {
    if (!TOKEN_PATTERN.test(token)) return null;
    const hash = tokenHash(token);
    if (unknownTokens.has(hash)) return null;
    const principal = await repo.principalForTokenHash(hash);
    if (!principal) unknownTokens.add(hash);
    return principal;
  };

  let purging: Promise<unknown> = Promise.resolve();
  const purge = () => {
    purging = repo.purgeExpiredSessions().catch((error: unknown) => {
      // The database may be down: the next round tries again.
      app.log.warn({ err: error }, 'could not purge expired sessions');
    });
  };
  let purgeTimer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    purge();
    purgeTimer = setInterval(purge, SESSION_PURGE_MS);
    purgeTimer.unref();
  });
  // The database closes after the app: let a running purge finish first.
  app.addHook('onClose', async () => {
    clearInterval(purgeTimer);
    await purging;
  });

  // Deny by construction: a data route that forgot to declare its access fails at start-up.
  app.addHook('onRoute', (route) => {
    const isData = DATA_PREFIXES.some((p) => route.url.startsWith(p));
    if (isData && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.principal = ANONYMOUS;
    const bearer = bearerToken(request.headers.authorization);
    const token = request.cookies[SESSION_COOKIE];
    if (bearer !== null) {
      // A tool's API token: read-only whatever its role, and it alone says who asks (a
      // cookie beside it is not read, so one request never mixes two principals).
      if (!API_TOKEN_METHODS.has(request.method)) {
        return reply.status(403).send({
          statusCode: 403,
          error: 'Forbidden',
          message: `API tokens are read-only: ${request.method} needs a login session.`,
        });
      }
      const result = unknownApiTokens.has(tokenHash(bearer))
        ? { refused: 'Unknown API token.' }
        : await apiTokens.resolve(bearer, request);
      if ('refused' in result) {
        if ('unknown' in result && result.unknown) unknownApiTokens.add(tokenHash(bearer));
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer error="invalid_token"')
          .send({ statusCode: 401, error: 'Unauthorized', message: result.refused });
      }
      request.principal = result.principal;
    } else if (token) {
      const principal = await principalFor(token);
      if (principal) request.principal = principal;
      else reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'none') return;
    const anonymous = request.principal.role === 'public';
    if (anonymous && !options.publicDemo) {
      return reply.status(401).send(problemBody(401, 'Please log in.', 'login.required'));
    }
    if (!allows(request.principal, access)) {
      return anonymous
        ? reply
            .status(401)
            .send(
              problemBody(
                401,
                'This needs a login: the open demo shows aggregates and public layers only.',
                'login.demoOnly',
              ),
            )
        : reply
            .status(403)
            .send(
              problemBody(
                403,
                `This needs the role ${access} or higher; you are ${request.principal.role}.`,
                'role.required',
                { role: access, yours: request.principal.role },
              ),
            );
    }
  });
}

/**
 * The token of `Authorization: Bearer …`, or null without one. Other schemes are not ours
 * (a proxy's Basic login, say) and are ignored.
 */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer(?:\s+(.*?))?\s*$/i.exec(header ?? '');
  return match ? (match[1] ?? '') : null;
}

export default fp(accessPlugin, { name: 'access' });
