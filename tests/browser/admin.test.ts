/**
 * The admin page in a real browser: an admin creates an official scoped to a 社区 chosen from
 * the area list, makes them a planner and disables them; creates a kiosk token, sees the wall's
 * address once, sees its last use and revokes it after a confirm; filters the audit log by
 * actor, action and days and downloads the same lines as a CSV with a BOM. A visitor is asked
 * to log in and an official is told the page is not theirs. Each tab is photographed at
 * 1366×768 and 1920×1080. The built client is served by the whole app on a seeded database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createUser } from '../support/sessions.ts';
import {
  HAS_CHROMIUM,
  RESULTS,
  TIMEOUT,
  WAIT,
  browserSuite,
  logIn,
  useBrowser,
  useTestServer,
} from '../support/browser.ts';

const SUITE = browserSuite('the admin page in the browser', 'admin.test.ts');

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  const server = useTestServer();
  const { pageErrors, open, newPage } = useBrowser({
    server,
    context: { viewport: { width: 1366, height: 768 }, acceptDownloads: true },
  });

  async function openAs(role: 'admin' | 'official', areaCode: string | null = null) {
    const user = await createUser(server.db, role, areaCode);
    const page = await newPage();
    await logIn(page, server, user);
    await page.goto(`${server.url}/?mode=admin`);
    return { page, user };
  }

  /** Photographs the page at both desk sizes, leaving it at 1366×768. */
  async function photograph(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(RESULTS, `admin-${name}-1366.png`) });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(RESULTS, `admin-${name}-1920.png`) });
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  async function tab(page: Page, id: 'users' | 'kiosk' | 'audit' | 'sources'): Promise<void> {
    await page.getByTestId(`admin-tab-${id}`).click();
    await page.locator(`[data-testid="admin"][data-tab="${id}"]`).waitFor({ timeout: WAIT });
  }

  it(
    'asks a visitor to log in',
    async () => {
      const page = await open('/?mode=admin');
      // With the open demo the page offers a login; without it the app opens on the login page.
      const asked = page.locator('[data-testid="admin-login"], [data-testid="login-page"]');
      await asked.first().waitFor({ timeout: WAIT });
      await expect(page.getByTestId('admin').count()).resolves.toBe(0);
      await expect(page.getByTestId('admin-link').count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'tells an official that the admin page is for administrators',
    async () => {
      const [shequ] = await server.db.query<{ code: string }>(
        `SELECT code FROM area WHERE level = 'shequ' ORDER BY code LIMIT 1`,
      );
      const { page } = await openAs('official', shequ!.code);
      await page.getByTestId('admin-denied').waitFor({ timeout: WAIT });
      await expect(page.getByTestId('admin-denied').textContent()).resolves.toContain(
        '系统管理仅供系统管理员使用',
      );
      await expect(page.getByTestId('admin-link').count()).resolves.toBe(0);
      await page.screenshot({ path: join(RESULTS, 'admin-denied-1366.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'creates an official in a 社区 of the area list, makes them a planner and disables them',
    async () => {
      const { page } = await openAs('admin');
      // The way in: the admin's link in the dashboard's header.
      await page.goto(`${server.url}/`);
      await page.getByTestId('admin-link').click();
      await page.getByTestId('user-create').waitFor({ timeout: WAIT });
      expect(new URL(page.url()).searchParams.get('mode')).toBe('admin');

      const [shequ] = await server.db.query<{ code: string; name: string }>(
        `SELECT code, name FROM area WHERE level = 'shequ' ORDER BY code DESC LIMIT 1`,
      );
      const username = `t_new_${randomBytes(4).toString('hex')}`;
      await page.getByTestId('user-username').fill(username);
      await page.getByTestId('user-display-name').fill('王书记');
      await page.getByTestId('user-role-select').selectOption('official');
      await page.getByTestId('user-area-level').selectOption('shequ');
      // The 社区 are the database's, named with their 片区.
      const option = page.locator(`[data-testid="user-area-code"] option[value="${shequ!.code}"]`);
      await expect(option.textContent()).resolves.toContain(shequ!.name);
      await page.getByTestId('user-area-code').selectOption(shequ!.code);
      await page.getByTestId('user-password-input').fill('Qingxi-2026-pass');
      await page.getByTestId('user-create-ok').click();

      const row = page.getByTestId(`admin-user-${username}`);
      await row.waitFor({ timeout: WAIT });
      await expect(row.getByTestId('user-role').textContent()).resolves.toBe('基层书记');
      await expect(row.getByTestId('user-area').textContent()).resolves.toBe(shequ!.name);
      const [made] = await server.db.query<{ role: string; area_code: string }>(
        'SELECT role, area_code FROM app_user WHERE username = $1',
        [username],
      );
      expect(made).toEqual({ role: 'official', area_code: shequ!.code });
      await photograph(page, 'users');

      await row.getByTestId('user-edit').click();
      await page.getByTestId('user-edit-dialog').waitFor({ timeout: WAIT });
      await page.getByTestId('edit-role').selectOption('planner');
      await page.screenshot({ path: join(RESULTS, 'admin-users-edit-1366.png') });
      await page.getByTestId('user-edit-dialog-ok').click();
      await page
        .locator(`[data-testid="admin-user-${username}"][data-role="planner"]`)
        .waitFor({ timeout: WAIT });
      await expect(row.getByTestId('user-role').textContent()).resolves.toBe('统筹规划');
      await expect(row.getByTestId('user-area').textContent()).resolves.toBe('全区');

      await row.getByTestId('user-disable').click();
      await page.getByTestId('user-disable-confirm').waitFor({ timeout: WAIT });
      await page.getByTestId('user-disable-confirm-ok').click();
      await page
        .locator(`[data-testid="admin-user-${username}"][data-status="disabled"]`)
        .waitFor({ timeout: WAIT });
      await expect(row.getByTestId('user-status').textContent()).resolves.toBe('已停用');
      const [after] = await server.db.query<{ role: string; area_code: null; disabled: boolean }>(
        'SELECT role, area_code, disabled FROM app_user WHERE username = $1',
        [username],
      );
      expect(after).toEqual({ role: 'planner', area_code: null, disabled: true });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'shows a new kiosk token once as the wall address, its last use, and revokes it after a confirm',
    async () => {
      const { page } = await openAs('admin');
      await page.getByTestId('admin').waitFor({ timeout: WAIT });
      await tab(page, 'kiosk');
      const label = `指挥中心主屏 ${randomBytes(3).toString('hex')}`;
      await page.getByTestId('kiosk-label').fill(label);
      await page.getByTestId('kiosk-create-ok').click();
      await page.getByTestId('kiosk-secret').waitFor({ timeout: WAIT });

      const address = new URL((await page.getByTestId('kiosk-address').textContent())!);
      expect(address.origin).toBe(server.url);
      expect(address.searchParams.get('mode')).toBe('screen');
      const token = address.searchParams.get('kiosk')!;
      const [stored] = await server.db.query<{ id: number; token_hash: string }>(
        'SELECT id, token_hash FROM kiosk_token WHERE label = $1',
        [label],
      );
      expect(createHash('sha256').update(token).digest('hex')).toBe(stored!.token_hash);
      const row = page.getByTestId(`kiosk-token-${stored!.id}`);
      await row.waitFor({ timeout: WAIT });
      await expect(row.getByTestId('kiosk-last-used').textContent()).resolves.toBe('从未使用');
      await photograph(page, 'kiosk');

      // Once dismissed, the token is nowhere on the page, nor after a reload.
      await page.getByTestId('kiosk-dismiss').click();
      await expect(page.getByTestId('kiosk-secret').count()).resolves.toBe(0);
      expect(await page.content()).not.toContain(token);

      // A wall signs in with it: the list says when.
      const exchanged = await fetch(`${server.url}/api/auth/kiosk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(exchanged.status).toBe(200);
      await page.reload();
      await page.getByTestId('admin').waitFor({ timeout: WAIT });
      await tab(page, 'kiosk');
      await row.waitFor({ timeout: WAIT });
      expect(await page.content()).not.toContain(token);
      await expect(row.getByTestId('kiosk-last-used').textContent()).resolves.toMatch(/\d\d:\d\d/);

      await row.getByTestId('kiosk-revoke').click();
      await page.getByTestId('kiosk-revoke-confirm').waitFor({ timeout: WAIT });
      await page.screenshot({ path: join(RESULTS, 'admin-kiosk-revoke-1366.png') });
      await page.getByTestId('kiosk-revoke-confirm-ok').click();
      await page
        .locator(`[data-testid="kiosk-token-${stored!.id}"][data-revoked="true"]`)
        .waitFor({ timeout: WAIT });
      const [revoked] = await server.db.query<{ revoked: boolean }>(
        'SELECT revoked_at IS NOT NULL AS revoked FROM kiosk_token WHERE id = $1',
        [stored!.id],
      );
      expect(revoked!.revoked).toBe(true);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'filters the audit log by actor, action and days, and downloads the same lines as a CSV',
    async () => {
      // Lines of an actor of its own on four days, at each day's first and last millisecond
      // on the data set's clock: the filter's edges.
      const actor = `t_audit_${randomBytes(4).toString('hex')}`;
      const days = ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'];
      await server.db.query(
        `INSERT INTO audit_log (at, actor, action, target)
         SELECT local_start(d::date, zone_tz()) + o::interval, $2, act, 'user:1'
         FROM unnest($1::text[]) AS d,
              unnest(ARRAY['0 ms', '1 day - 1 ms']) AS o,
              unnest(ARRAY['user.update', 'login']) AS act
         ORDER BY d, o, act`,
        [days, actor],
      );
      const expected = await server.db.query<{ id: number; at: string }>(
        `SELECT id::int AS id, to_char(at AT TIME ZONE zone_tz(), 'YYYY-MM-DD HH24:MI:SS') AS at
         FROM audit_log
         WHERE actor = $1 AND action = 'user.update'
           AND local_day(at, zone_tz()) BETWEEN '2025-05-02' AND '2025-05-03'
         ORDER BY id DESC`,
        [actor],
      );
      expect(expected).toHaveLength(4);

      const { page } = await openAs('admin');
      await page.getByTestId('admin').waitFor({ timeout: WAIT });
      await tab(page, 'audit');
      await page.getByTestId('audit-actor').fill(actor);
      await page.getByTestId('audit-action').selectOption('user.update');
      await page.getByTestId('audit-from').fill('2025-05-02');
      await page.getByTestId('audit-to').fill('2025-05-03');
      const ids = expected.map((e) => String(e.id));
      await page.waitForFunction(
        (want) =>
          document.querySelector('[data-testid="audit-lines"][data-stale="false"]') !== null &&
          JSON.stringify(
            [...document.querySelectorAll('[data-testid="audit-line"]')].map((r) =>
              r.getAttribute('data-id'),
            ),
          ) === JSON.stringify(want),
        ids,
        { timeout: WAIT },
      );
      await expect(
        page.getByTestId('audit-line').first().locator('td').nth(2).textContent(),
      ).resolves.toBe('修改用户');
      await photograph(page, 'audit');

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT }),
        page.getByTestId('audit-export').click(),
      ]);
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const [header, ...rows] = parse(bytes.toString('utf8'), { bom: true }) as string[][];
      expect(header!.slice(1, 4)).toEqual(['操作人', '操作', '操作代码']);
      expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual(
        expected.map((e) => [e.at, actor, 'user.update']),
      );

      // The same lines in English, the filters kept.
      await page.getByTestId('lang-switch').click();
      await expect(
        page.getByTestId('audit-line').first().locator('td').nth(2).textContent(),
      ).resolves.toBe('User changed');
      await expect(page.getByTestId('audit-actor').inputValue()).resolves.toBe(actor);
      await page.screenshot({ path: join(RESULTS, 'admin-audit-en-1366.png') });

      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'lists the saved import sources with what they are, and links to the import',
    async () => {
      const name = `12345热线 ${randomBytes(3).toString('hex')}`;
      await server.db.query(
        `INSERT INTO import_source (name, kind, mapping, crs, encoding, level)
         VALUES ($1, 'issues', '{"id": "工单号", "lon": "X", "lat": "Y"}', 'gcj02', 'gb18030', NULL)`,
        [name],
      );
      const { page } = await openAs('admin');
      await page.getByTestId('admin').waitFor({ timeout: WAIT });
      await tab(page, 'sources');
      const row = page.getByTestId('import-source').filter({ hasText: name });
      await row.waitFor({ timeout: WAIT });
      const text = await row.textContent();
      for (const part of ['民生问题', 'GCJ-02', 'gb18030', '工单号']) expect(text).toContain(part);
      await expect(page.getByTestId('sources-to-import').getAttribute('href')).resolves.toContain(
        'mode=import',
      );
      await photograph(page, 'sources');
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );
});
