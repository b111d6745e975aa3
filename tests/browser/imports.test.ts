/**
 * The data import in a real browser: an admin checks a GBK issue export from the 12345 hotline
 * (Chinese headers) with one unreadable date, is told the row in Chinese and offered no import;
 * checks the fixed file, imports it (as many rows inserted as the file has, as the database
 * says), finds it in the history and restores it. A 高德 (GCJ-02) export declared WGS84 is
 * flagged and checks clean in one click; a column chosen in the mapping is what the next check
 * reads. An Excel workbook of X/Y in Gauss-Krüger metres checks clean with its sheet and
 * projection named. An official is told the page is not theirs.
 * The built client is served by the whole app on a seeded database.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import type { ImportRun } from '../../server/contract/index.ts';
import { fromWgs84 } from '../../server/features/imports/coords.ts';
import { ISSUE_HEADER, csvBytes, issueRows, xiaoquPoints } from '../support/import-files.ts';
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

const SUITE = browserSuite('the data import in the browser', 'imports.test.ts');

/** Issue ids far above the demo's, so the file's rows are all new. */
const FIRST_ID = 950_000;
const FILE_NAME = '12345工单导出.csv';

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  const server = useTestServer();
  const { pageErrors, open, newPage } = useBrowser({
    server,
    context: { viewport: { width: 1366, height: 768 } },
  });

  async function openAs(role: 'admin' | 'official', areaCode: string | null = null) {
    const user = await createUser(server.db, role, areaCode);
    const page = await newPage();
    await logIn(page, server, user);
    await page.goto(`${server.url}/?mode=import`);
    return { page, user };
  }

  async function upload(page: Page, bytes: Buffer): Promise<void> {
    await page.getByTestId('imports-file').setInputFiles({
      name: FILE_NAME,
      mimeType: 'text/csv',
      buffer: bytes,
    });
    await expect(page.getByTestId('imports-file-name').textContent()).resolves.toContain(FILE_NAME);
  }

  async function check(page: Page): Promise<void> {
    await page.getByTestId('imports-check').click();
    await page.locator('[data-testid="imports"][data-busy=""]').waitFor({ timeout: WAIT });
    await page.getByTestId('imports-outcome').waitFor({ timeout: WAIT });
  }

  it(
    'tells an official that the data import is for administrators',
    async () => {
      const [shequ] = await server.db.query<{ code: string }>(
        `SELECT code FROM area WHERE level = 'shequ' ORDER BY code LIMIT 1`,
      );
      const { page } = await openAs('official', shequ!.code);
      await page.getByTestId('imports-denied').waitFor({ timeout: WAIT });
      await expect(page.getByTestId('imports-denied').textContent()).resolves.toContain(
        '仅供系统管理员使用',
      );
      await expect(page.getByTestId('imports-link').count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'asks a visitor to log in',
    async () => {
      const page = await open('/?mode=import');
      // With the open demo (the embedded database's default) the page offers a login; without
      // it (PostgreSQL's default) the app opens on the login page itself.
      const asked = page.locator('[data-testid="imports-login"], [data-testid="login-page"]');
      await asked.first().waitFor({ timeout: WAIT });
      await expect(asked.first().isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('imports-form').count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'checks a workbook of X/Y in Gauss-Krüger metres with its sheet and EPSG code named',
    async () => {
      const { page } = await openAs('admin');
      await page.getByTestId('imports-form').waitFor({ timeout: WAIT });
      const gk = '+proj=tmerc +lon_0=123 +k=1 +x_0=41500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
      const points = await xiaoquPoints(server.db, 8);
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('说明').addRow(['12345 热线导出']);
      const ws = wb.addWorksheet('三月工单');
      ws.addRow(ISSUE_HEADER);
      for (const r of issueRows(points, FIRST_ID + 2000)) {
        const [x, y] = proj4(gk).forward([Number(r[6]), Number(r[7])]);
        ws.addRow([...r.slice(0, 6), x, y]);
      }
      await page.getByTestId('imports-file').setInputFiles({
        name: '工单.xlsx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      await page.getByTestId('imports-sheet').fill('三月工单');
      await page.getByTestId('imports-crs').selectOption('epsg');
      await page.getByTestId('imports-epsg').fill('4529');
      await check(page);
      await expect(page.getByTestId('report-errors').textContent()).resolves.toBe('0');
      await expect(page.getByTestId('imports-import').isVisible()).resolves.toBe(true);
      await page.screenshot({ path: join(RESULTS, 'imports-xlsx-epsg-1366.png'), fullPage: true });
      await page.getByTestId('lang-switch').click();
      await expect(page.getByTestId('imports-crs').textContent()).resolves.toContain('EPSG');
      await page.screenshot({ path: join(RESULTS, 'imports-xlsx-epsg-en-1366.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'flags a 高德 export declared WGS84 and checks it again as GCJ-02 in one click',
    async () => {
      const { page } = await openAs('admin');
      await page.getByTestId('imports-form').waitFor({ timeout: WAIT });
      const points = (await xiaoquPoints(server.db, 40)).map((p) => {
        const [lon, lat] = fromWgs84([p.lon, p.lat], 'gcj02');
        return { ...p, lon, lat };
      });
      // No 小区 code: the points alone place the rows, so their system matters.
      const rows = issueRows(points, FIRST_ID + 1000).map((r) => [
        ...r.slice(0, 5),
        null,
        ...r.slice(6),
      ]);
      await upload(page, csvBytes([ISSUE_HEADER, ...rows], 'utf-8-bom'));
      await check(page);
      await page.getByTestId('crs-suspect').waitFor({ timeout: WAIT });
      await expect(page.getByTestId('crs-retry').textContent()).resolves.toContain('GCJ-02');
      await page.screenshot({ path: join(RESULTS, 'imports-crs-1366.png') });
      await page.getByTestId('crs-retry').click();
      await page.locator('[data-testid="imports"][data-busy=""]').waitFor({ timeout: WAIT });
      await expect(page.getByTestId('imports-crs').inputValue()).resolves.toBe('gcj02');
      await expect(page.getByTestId('crs-suspect').count()).resolves.toBe(0);
      await expect(page.getByTestId('report-errors').textContent()).resolves.toBe('0');
      await expect(page.getByTestId('imports-import').isVisible()).resolves.toBe(true);

      // A column chosen in the mapping table is what the next check reads: 办理状态 given to
      // the handling level leaves the status without a column, and the import waits for a check.
      await page.locator('.imports-mapping summary').click();
      await page.getByTestId('map-handling_level').selectOption('办理状态');
      await expect(page.getByTestId('imports-import').count()).resolves.toBe(0);
      await check(page);
      await expect(page.getByTestId('map-handling_level').inputValue()).resolves.toBe('办理状态');
      const missing = page.locator('[data-testid="problem"][data-problem="column_missing"]');
      await expect(missing.textContent()).resolves.toContain('办理状态');
      await page.screenshot({ path: join(RESULTS, 'imports-mapping-1366.png'), fullPage: true });
      // The same report in English, the page's state kept.
      await page.getByTestId('lang-switch').click();
      await expect(missing.textContent()).resolves.toContain('No column for');
      await page.screenshot({ path: join(RESULTS, 'imports-mapping-en-1366.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'checks a GBK export, names the bad row in Chinese, imports the fixed file and restores it',
    async () => {
      const { page, user } = await openAs('admin');
      // The way in: the admin's link in the header of the dashboard.
      await page.goto(`${server.url}/`);
      await page.getByTestId('imports-link').waitFor({ timeout: WAIT });
      await page.screenshot({ path: join(RESULTS, 'imports-header-1366.png') });
      await page.getByTestId('imports-link').click();
      await page.getByTestId('imports-form').waitFor({ timeout: WAIT });
      expect(new URL(page.url()).searchParams.get('mode')).toBe('import');
      await page.getByTestId('imports-kind').selectOption('issues');

      const rows = issueRows(await xiaoquPoints(server.db, 6), FIRST_ID);
      const broken = rows.map((r) => [...r]);
      broken[2]![3] = '2026-13-45 10:00'; // the third data row: row 4 of the spreadsheet
      await upload(page, csvBytes([ISSUE_HEADER, ...broken], 'gbk'));
      await check(page);

      const problem = page.getByTestId('problem').first();
      await expect(problem.getAttribute('data-problem')).resolves.toBe('value_invalid');
      await expect(problem.getByTestId('problem-place').textContent()).resolves.toBe('第 4 行');
      await expect(problem.getByTestId('problem-sentence').textContent()).resolves.toContain(
        '上报时间',
      );
      await expect(page.getByTestId('report-errors').textContent()).resolves.toBe('1');
      await expect(page.getByTestId('imports-import').count()).resolves.toBe(0);
      await page.screenshot({ path: join(RESULTS, 'imports-error-1366.png') });
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: join(RESULTS, 'imports-error-1920.png') });
      await page.setViewportSize({ width: 1366, height: 768 });

      // The fixed file checks clean, and only then may it be imported.
      await upload(page, csvBytes([ISSUE_HEADER, ...rows], 'gbk'));
      await expect(page.getByTestId('imports-import').count()).resolves.toBe(0);
      await check(page);
      await expect(page.getByTestId('report-errors').textContent()).resolves.toBe('0');
      await expect(page.getByTestId('report-rows').textContent()).resolves.toBe(
        String(rows.length),
      );
      await page.getByTestId('imports-import').click();
      await page.getByTestId('imports-confirm').waitFor({ timeout: WAIT });
      await expect(page.getByTestId('imports-confirm').textContent()).resolves.toContain(
        '新增或更新',
      );
      await page.getByTestId('imports-confirm-ok').click();
      await page.getByTestId('imports-done').waitFor({ timeout: WAIT });

      // The inserted count on screen is what the database now holds of the file's ids.
      const [{ n }] = (await server.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM issue WHERE id >= $1 AND id < $2`,
        [FIRST_ID, FIRST_ID + rows.length],
      )) as [{ n: number }];
      expect(n).toBe(rows.length);
      await expect(page.getByTestId('imports-done').getAttribute('data-inserted')).resolves.toBe(
        String(n),
      );
      await expect(page.getByTestId('imports-done').textContent()).resolves.toContain(`新增 ${n}`);

      // The history lists it, restorable, by this admin.
      const runs = (await (
        await page.request.get(`${server.url}/api/admin/imports`)
      ).json()) as ImportRun[];
      const run = runs.find((r) => r.fileName === FILE_NAME && r.status === 'applied')!;
      expect(run.restorable).toBe(true);
      const row = page.getByTestId(`import-run-${run.id}`);
      await row.waitFor({ timeout: WAIT });
      await expect(row.textContent()).resolves.toContain(user.username);
      await expect(row.getByTestId('run-status').textContent()).resolves.toBe('已导入');
      await page.screenshot({ path: join(RESULTS, 'imports-done-1366.png') });
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: join(RESULTS, 'imports-done-1920.png') });

      await row.getByTestId('run-restore').click();
      await page.getByTestId('restore-confirm').waitFor({ timeout: WAIT });
      await page.getByTestId('restore-confirm-ok').click();
      await page
        .locator(`[data-testid="import-run-${run.id}"][data-status="restored"]`)
        .waitFor({ timeout: WAIT });
      await expect(row.getByTestId('run-status').textContent()).resolves.toBe('已恢复');
      const [{ left }] = (await server.db.query<{ left: number }>(
        `SELECT count(*)::int AS left FROM issue WHERE id >= $1 AND id < $2`,
        [FIRST_ID, FIRST_ID + rows.length],
      )) as [{ left: number }];
      expect(left).toBe(0);
      await page.screenshot({ path: join(RESULTS, 'imports-restored-1920.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );
});
