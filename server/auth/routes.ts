import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { KioskBodySchema, LoginBodySchema, MeSchema, errorResponses } from '../contract/index.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { SESSION_COOKIE } from './plugin.ts';
import {
  KIOSK_SESSION_DAYS,
  LOCK_MINUTES,
  SESSION_HOURS,
  accessRepository,
  audit,
} from './repository.ts';

// Verifying against a real hash when the user does not exist keeps the answer's timing from
// telling which usernames exist.
const DUMMY_HASH = hashPassword('not-a-real-password-at-all');

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
  const unauthorized = (message: string) => ({ statusCode: 401, error: 'Unauthorized', message });

  app.post(
    '/auth/login',
    {
      config: { access: 'none', rateLimit: guessLimit },
      schema: { body: LoginBodySchema, response: { 200: MeSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await repo.userByName(username);
      if (!user) {
        await verifyPassword(password, await DUMMY_HASH);
        return reply.status(401).send(unauthorized('Wrong username or password.'));
      }
      if (user.locked) {
        return reply.status(423).send({
          statusCode: 423,
          error: 'Locked',
          message: `Too many failed logins: the account is locked for up to ${LOCK_MINUTES} minutes.`,
        });
      }
      const ok = !user.disabled && (await verifyPassword(password, user.password_hash));
      if (!ok) {
        await app.db.transaction(async (tx) => {
          await accessRepository(tx).recordFailedLogin(user.id);
          await audit(tx, username, 'login.failed', `user:${user.id}`);
        });
        return reply.status(401).send(unauthorized('Wrong username or password.'));
      }
      const token = await app.db.transaction(async (tx) => {
        const t = await accessRepository(tx).startUserSession(user);
        await audit(tx, username, 'login', `user:${user.id}`);
        return t;
      });
      setSessionCookie(request, reply, token, SESSION_HOURS * 3600);
      return {
        role: user.role,
        username: user.username,
        displayName: user.display_name,
        areaCode: user.role === 'official' ? user.area_code : null,
        demo: false,
        loginRequired: !opts.publicDemo,
      };
    },
  );

  app.post(
    '/auth/kiosk',
    {
      config: { access: 'none', rateLimit: guessLimit },
      schema: { body: KioskBodySchema, response: { 200: MeSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const token = await repo.startKioskSession(request.body.token);
      if (!token) return reply.status(401).send(unauthorized('Unknown or revoked kiosk token.'));
      setSessionCookie(request, reply, token, KIOSK_SESSION_DAYS * 86400);
      return {
        role: 'screen' as const,
        username: null,
        displayName: null,
        areaCode: null,
        demo: false,
        loginRequired: !opts.publicDemo,
      };
    },
  );

  app.post('/auth/logout', { config: { access: 'none' } }, async (request, reply) => {
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
  });

  app.get(
    '/auth/me',
    { config: { access: 'none' }, schema: { response: { 200: MeSchema, ...errorResponses } } },
    async (request) => {
      const p = request.principal;
      const user = p.userId === null ? null : await repo.userById(p.userId);
      return {
        role: p.role,
        username: p.username,
        displayName: user?.display_name ?? null,
        areaCode: p.areaCode,
        demo: p.role === 'public' && opts.publicDemo,
        loginRequired: !opts.publicDemo,
      };
    },
  );
};
