/**
 * A refused login tells nothing about the account: unknown, wrong password, locked and disabled
 * answer alike, in similar time, and each is audited with its real reason. A lock that has run
 * out starts the count again.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../server/auth/repository.ts';
import type { Db } from '../../server/db/db.ts';
import { createUser } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

const unknownName = () => `nobody_${randomBytes(5).toString('hex')}`;

describe('login: refusals alike', () => {
  const t = useTestApp({ publicDemo: true });
  const attempt = (username: string, password: string) =>
    t.app().inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  const lock = (db: Db, id: number) =>
    db.query(
      `UPDATE app_user SET failed_logins = $2, locked_until = now() + interval '10 minutes' WHERE id = $1`,
      [id, MAX_FAILED_LOGINS],
    );
  const reasons = async (username: string) =>
    (
      await t.db().query<{ reason: string }>(
        `SELECT detail->>'reason' AS reason FROM audit_log
           WHERE actor = $1 AND action = 'login.failed' ORDER BY id`,
        [username],
      )
    ).map((r) => r.reason);

  it('answers an unknown name, a wrong password, a locked and a disabled account alike', async () => {
    const wrong = await createUser(t.db(), 'planner');
    const locked = await createUser(t.db(), 'planner');
    await lock(t.db(), locked.id);
    const disabled = await createUser(t.db(), 'planner');
    await t.db().query('UPDATE app_user SET disabled = true WHERE id = $1', [disabled.id]);

    const answers = await Promise.all([
      attempt(unknownName(), 'some-password-1'),
      attempt(wrong.username, 'some-password-1'),
      attempt(locked.username, 'some-password-1'),
      attempt(disabled.username, 'some-password-1'),
    ]);
    const [first, ...rest] = answers.map((a) => ({ status: a.statusCode, body: a.json() }));
    expect(first!.status).toBe(401);
    for (const other of rest) expect(other).toEqual(first);
    // The one answer names the lock, so a user locked out learns to wait.
    expect(first!.body.message).toContain(`${LOCK_MINUTES} minutes`);
    expect(first!.body.message).toContain(String(MAX_FAILED_LOGINS));
  });

  it('refuses the right password while the account is locked, answering as for a wrong one', async () => {
    const u = await createUser(t.db(), 'planner');
    await lock(t.db(), u.id);
    const right = await attempt(u.username, u.password);
    const wrong = await attempt(unknownName(), u.password);
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual(wrong.json());
    expect(right.cookies.find((c) => c.name === 'atlas_session')).toBeUndefined();
  });

  it('starts the count again when a lock has run out: one wrong password does not lock anew', async () => {
    const u = await createUser(t.db(), 'planner');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await attempt(u.username, `bad-password-${i}`);
    const [locked] = await t
      .db()
      .query<{ locked: boolean }>(
        'SELECT locked_until > now() AS locked FROM app_user WHERE id = $1',
        [u.id],
      );
    expect(locked!.locked).toBe(true);
    // The lock runs out.
    await t
      .db()
      .query("UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1", [
        u.id,
      ]);

    expect((await attempt(u.username, 'one-more-bad-password')).statusCode).toBe(401);
    const [after] = await t
      .db()
      .query<{ failed: number; locked_until: string | null }>(
        'SELECT failed_logins AS failed, locked_until FROM app_user WHERE id = $1',
        [u.id],
      );
    expect(after).toEqual({ failed: 1, locked_until: null });
    expect((await attempt(u.username, u.password)).statusCode).toBe(200);
  });

  it('does not lengthen a lock with attempts made during it', async () => {
    const u = await createUser(t.db(), 'planner');
    await lock(t.db(), u.id);
    const until = async () =>
      (
        await t
          .db()
          .query<{ until: string }>(
            'SELECT locked_until::text AS until FROM app_user WHERE id = $1',
            [u.id],
          )
      )[0]!.until;
    const before = await until();
    await attempt(u.username, 'bad-password-x');
    await attempt(u.username, u.password);
    expect(await until()).toBe(before);
  });

  it('audits attempts on unknown, locked and disabled accounts and wrong passwords, with the reason', async () => {
    const nobody = unknownName();
    const wrong = await createUser(t.db(), 'planner');
    const locked = await createUser(t.db(), 'planner');
    await lock(t.db(), locked.id);
    const disabled = await createUser(t.db(), 'planner');
    await t.db().query('UPDATE app_user SET disabled = true WHERE id = $1', [disabled.id]);

    await attempt(nobody, 'some-password-1');
    await attempt(wrong.username, 'some-password-1');
    await attempt(locked.username, locked.password);
    await attempt(disabled.username, disabled.password);

    expect(await reasons(nobody)).toEqual(['unknown']);
    expect(await reasons(wrong.username)).toEqual(['password']);
    expect(await reasons(locked.username)).toEqual(['locked']);
    expect(await reasons(disabled.username)).toEqual(['disabled']);
  });

  it('takes about as long for an unknown name, a locked or disabled account and a wrong password', async () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const locked = await createUser(t.db(), 'planner');
    await lock(t.db(), locked.id);
    const disabled = await createUser(t.db(), 'planner');
    await t.db().query('UPDATE app_user SET disabled = true WHERE id = $1', [disabled.id]);
    // Fewer wrong passwords per account than lock it, so each one is a plain wrong password.
    const wrongUsers = [
      await createUser(t.db(), 'planner'),
      await createUser(t.db(), 'planner'),
      await createUser(t.db(), 'planner'),
    ];
    const kinds = {
      unknown: () => attempt(unknownName(), 'some-password-1'),
      locked: () => attempt(locked.username, locked.password),
      disabled: () => attempt(disabled.username, disabled.password),
      password: (i: number) => attempt(wrongUsers[i % 3]!.username, `bad-password-${i}`),
    };
    const times: Record<keyof typeof kinds, number[]> = {
      unknown: [],
      locked: [],
      disabled: [],
      password: [],
    };
    const samples = 5;
    // Interleaved, so the machine's noise falls on every kind alike; the first round warms up.
    for (let i = -1; i < samples; i++) {
      for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
        const started = performance.now();
        const res = await kinds[kind](Math.max(i, 0));
        const took = performance.now() - started;
        expect(res.statusCode).toBe(401);
        if (i >= 0) times[kind].push(took);
      }
    }
    const medians = Object.fromEntries(
      Object.entries(times).map(([kind, xs]) => [kind, median(xs)]),
    ) as Record<keyof typeof kinds, number>;
    console.log(
      'login medians (ms):',
      JSON.stringify(medians, (_k, v: unknown) =>
        typeof v === 'number' ? Math.round(v * 10) / 10 : v,
      ),
    );
    const values = Object.values(medians);
    expect(Math.max(...values) / Math.min(...values)).toBeLessThan(3);
  });
});
