import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../server/auth/passwords.ts';
import { newToken, tokenHash } from '../../server/auth/repository.ts';
import type { Db } from '../../server/db/db.ts';

export type UserRole = 'official' | 'planner' | 'admin';

/** Creates a user with a unique name directly in the database; returns how to log in. */
export async function createUser(
  db: Db,
  role: UserRole,
  areaCode: string | null = null,
): Promise<{ id: number; username: string; password: string }> {
  const username = `t_${role}_${randomBytes(5).toString('hex')}`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, role, area_code, password_hash)
     VALUES ($1, $1, $2, $3, $4) RETURNING id`,
    [username, role, areaCode, await hashPassword(password)],
  );
  return { id: row!.id, username, password };
}

/** Logs in through the API and returns the Cookie header of the session. */
export async function login(
  app: FastifyInstance,
  username: string,
  password: string,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'atlas_session');
  return `atlas_session=${cookie!.value}`;
}

/** A session cookie for a new user of the role. */
export async function sessionAs(
  app: FastifyInstance,
  db: Db,
  role: UserRole,
  areaCode: string | null = null,
): Promise<string> {
  const u = await createUser(db, role, areaCode);
  return login(app, u.username, u.password);
}

/** A kiosk (big screen) session cookie, from a kiosk token made by an admin. */
export async function kioskSession(app: FastifyInstance, db: Db): Promise<string> {
  const admin = await sessionAs(app, db, 'admin');
  const made = await app.inject({
    method: 'POST',
    url: '/api/admin/kiosk-tokens',
    headers: { cookie: admin },
    payload: { label: 'test screen' },
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/kiosk',
    payload: { token: made.json().token },
  });
  return `atlas_session=${res.cookies.find((c) => c.name === 'atlas_session')!.value}`;
}

/** A kiosk token for a big screen, as an admin would make one (stored only as its hash). */
export async function kioskToken(db: Db, label: string): Promise<string> {
  const token = newToken();
  await db.query('INSERT INTO kiosk_token (label, token_hash) VALUES ($1, $2)', [
    label,
    tokenHash(token),
  ]);
  return token;
}
