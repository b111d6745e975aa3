import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authRoutes as routes } from '../contract/index.ts';
import { routeOptions } from '../http/route.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { SESSION_COOKIE } from './plugin.ts';
import { Problem } from '../http/problem.ts';
import { areaScope, detailScope, type Principal } from './roles.ts';
import {
  KIOSK_SESSION_DAYS,
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  SESSION_HOURS,
  accessRepository,
  audit,
  type UserRow,
} from './repository.ts';

// Verifying against a real hash when the user does not exist keeps the answer's timing from
// telling which usernames exist.
const DUMMY_HASH = hashPassword('not-a-real-password-at-all');

/** Why a login was refused: written to the audit log, never told to the client. */
type LoginRefusal = 'unknown' | 'disabled' | 'locked' | 'password';

function refusalOf(user: UserRow | null, passwordMatches: boolean): LoginRefusal | null {
  if (!user) return 'unknown';
  if (user.disabled) return 'disabled';
  if (user.locked) return 'locked';
  return passwordMatches ? null : 'password';
}

/**
 * The one answer to every refused login (a 401). An unknown name, a wrong password, a disabled
 * or a locked account answer alike, so the answer does not tell which usernames exist; it
 * names the lock, so a user locked out learns to wait.
 */
export const LOGIN_REFUSED = `Wrong username or password. After ${MAX_FAILED_LOGINS} wrong passwords in a row an account is locked for ${LOCK_MINUTES} minutes.`;

function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeS: number,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https' || process.env.COOKIE_SECURE === 'true',
    maxAge: maxAgeS,
  });
}

/** Login, logout, kiosk sessions and "who am I". */
export const authRoutes: FastifyPluginAsyncTypebox<{
  publicDemo: boolean;
  loginRateLimitPerMinute: number;
}> = async (app, opts) => {
  const guessLimit = { max: opts.loginRateLimitPerMinute, timeWindow: '1 minute' };
  const repo = accessRepository(app.db);
  const detailIn = async (p: Principal): Promise<'zone' | string[]> => {
    const codes = await areaScope(app.db, detailScope(p)).codes();
    return codes === null ? 'zone' : [...codes].sort();
  };
  const login = routeOptions(app, routes.login);
  app.route({
    ...login,
    config: { ...login.config, rateLimit: guessLimit },
    handler: async (request, reply) => {
      const { username, password } = request.body;
      const user = await repo.userByName(username);
      // One hash per attempt, whatever the account: an unknown name is checked against a dummy
      // hash, a locked or disabled account against its own, so the time taken tells nothing.
      const matches = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH));
      const refusal = refusalOf(user, matches);
      if (!user || refusal) {
        await app.db.transaction(async (tx) => {
          // Only a wrong password counts toward a lock: attempts on a locked account do not
          // lengthen it, so nobody can keep an account locked for good by guessing on.
          if (user && refusal === 'password') await accessRepository(tx).recordFailedLogin(user.id);
          await audit(tx, username, 'login.failed', user ? `user:${user.id}` : null, {
            reason: refusal,
          });
        });
        throw new Problem(401, 'login.refused', LOGIN_REFUSED, {
          maxFailed: MAX_FAILED_LOGINS,
          lockMinutes: LOCK_MINUTES,
        });
      }
      const token = await app.db.transaction(async (tx) => {
        const t = await accessRepository(tx).startUserSession(user);
        await audit(tx, username, 'login', `user:${user.id}`);
        return t;
      });
      setSessionCookie(request, reply, token, SESSION_HOURS * 3600);
      const areaCode = user.role === 'official' ? user.area_code : null;
      return {
        role: user.role,
        username: user.username,
        displayName: user.display_name,
        areaCode,
        demo: false,
        loginRequired: !opts.publicDemo,
        detailIn: await detailIn({ role: user.role, userId: user.id, username, areaCode }),
      };
    },
  });

  const kiosk = routeOptions(app, routes.kiosk);
  app.route({
    ...kiosk,
    config: { ...kiosk.config, rateLimit: guessLimit },
    handler: async (request, reply) => {
      // A kiosk session lasts 30 days: who got one, and every refused try, is audited.
      const session = await app.db.transaction(async (tx) => {
        const started = await accessRepository(tx).startKioskSession(request.body.token);
        if (started) {
          await audit(tx, 'screen', 'kiosk.session', `kiosk:${started.kiosk.id}`, {
            label: started.kiosk.label,
            days: KIOSK_SESSION_DAYS,
          });
        } else {
          await audit(tx, 'screen', 'kiosk.session.failed', null, { reason: 'unknown or revoked' });
        }
        return started;
      });
      if (!session) throw new Problem(401, 'kiosk.unknown', 'Unknown or revoked kiosk token.');
      const token = session.token;
      setSessionCookie(request, reply, token, KIOSK_SESSION_DAYS * 86400);
      return {
        role: 'screen' as const,
        username: null,
        displayName: null,
        areaCode: null,
        demo: false,
        loginRequired: !opts.publicDemo,
        detailIn: [],
      };
    },
  });

  app.route({
    ...routeOptions(app, routes.logout),
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        await repo.endSession(token);
        if (request.principal.username) {
          await audit(
            app.db,
            request.principal.username,
            'logout',
            `user:${request.principal.userId}`,
          );
        }
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });

  app.route({
    ...routeOptions(app, routes.me),
    handler: async (request) => {
      const p = request.principal;
      const user = p.userId === null ? null : await repo.userById(p.userId);
      return {
        role: p.role,
        username: p.username,
        displayName: user?.display_name ?? null,
        areaCode: p.areaCode,
        demo: p.role === 'public' && opts.publicDemo,
        loginRequired: !opts.publicDemo,
        detailIn: await detailIn(p),
      };
    },
  });
};
