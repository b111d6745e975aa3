/** Expired sessions are deleted, not only refused: by the purge, which the server runs itself. */
import { describe, expect, it } from 'vitest';
import { accessRepository } from '../../server/auth/repository.ts';
import { buildApp } from '../../server/app.ts';
import { createUser, login } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

const sessionsOf = async (db: ReturnType<ReturnType<typeof useTestApp>['db']>, userId: number) =>
  (
    await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM user_session WHERE user_id = $1',
      [userId],
    )
  )[0]!.n;

describe('expired sessions', () => {
  const t = useTestApp({ publicDemo: true });

  const expire = (userId: number) =>
    t
      .db()
      .query(
        "UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1",
        [userId],
      );

  it('deletes expired sessions and keeps live ones', async () => {
    const gone = await createUser(t.db(), 'planner');
    const kept = await createUser(t.db(), 'planner');
    await login(t.app(), gone.username, gone.password);
    const cookie = await login(t.app(), kept.username, kept.password);
    await expire(gone.id);

    const purged = await accessRepository(t.db()).purgeExpiredSessions();
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await sessionsOf(t.db(), gone.id)).toBe(0);
    expect(await sessionsOf(t.db(), kept.id)).toBe(1);
    expect((await t.app().inject({ url: '/api/auth/me', headers: { cookie } })).json().role).toBe(
      'planner',
    );
  });

  it('purges when the server starts, without waiting for the first hour', async () => {
    const u = await createUser(t.db(), 'planner');
    await login(t.app(), u.username, u.password);
    await expire(u.id);
    const app = await buildApp({ db: t.db(), publicDemo: true });
    try {
      await app.ready();
      // The purge runs beside the start-up; it is done when its row is gone.
      const deadline = Date.now() + 20_000;
      while ((await sessionsOf(t.db(), u.id)) > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await sessionsOf(t.db(), u.id)).toBe(0);
    } finally {
      await app.close();
    }
  });
});
