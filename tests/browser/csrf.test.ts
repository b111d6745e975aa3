/**
 * Writes from other pages, in a real browser. A page served on another port of the same host
 * is the same site to Chromium, so the admin's SameSite=Strict session cookie goes with its
 * posts: an auto-submitted text/plain form to the planner's import and a no-cors fetch of a
 * zipped Shapefile to the boundary import. The server must refuse both (403: the Origin is not
 * its own) and write nothing, while the product's own page still may post the same file.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { squareRing, zippedShapefile } from '../support/import-files.ts';
import { createUser } from '../support/sessions.ts';
import { sqlCount } from '../support/test-app.ts';
import {
  HAS_CHROMIUM,
  TIMEOUT,
  WAIT,
  browserSuite,
  logIn,
  useBrowser,
  useTestServer,
} from '../support/browser.ts';

const SUITE = browserSuite('writes from a page on another port (CSRF)', 'csrf.test.ts');
const NEW_XIAOQU = 'XQ917';
const IMPORT_QUERY = new URLSearchParams({
  kind: 'boundaries',
  level: 'xiaoqu',
  fileName: 'xq.zip',
  mapping: JSON.stringify({ code: 'CODE', name: 'NAME', parent_code: 'PARENT' }),
}).toString();

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  const server = useTestServer();
  const browser = useBrowser({ server });
  let hostile: Server;
  let hostileUrl: string;
  let admin: { username: string; password: string };
  let zipBase64 = '';

  beforeAll(async () => {
    // A new 小区 in a free spot of a 社区: a file the import would land.
    const [spot] = await server.db.query<{ shequ: string; lon: number; lat: number }>(`
      SELECT s.code AS shequ, ST_X(p) AS lon, ST_Y(p) AS lat FROM area s
      CROSS JOIN LATERAL (SELECT ST_PointOnSurface(ST_Buffer(ST_Difference(s.geom,
        coalesce((SELECT ST_Union(x.geom) FROM area x WHERE x.parent_code = s.code),
          'POLYGON EMPTY'::geometry)), -0.0004)) AS p) AS f
      WHERE s.level = 'shequ' AND NOT ST_IsEmpty(p) ORDER BY s.code LIMIT 1`);
    zipBase64 = zippedShapefile('xq', [
      {
        rings: [squareRing(spot!.lon, spot!.lat, 0.0002)],
        properties: { CODE: NEW_XIAOQU, NAME: '跨站小区', PARENT: spot!.shequ },
      },
    ]).toString('base64');

    const product = server.url;
    const pages: Record<string, string> = {
      '/form': `<!doctype html><form method="POST" enctype="text/plain"
          action="${product}/api/planner/import?name=csrf-form">
          <input name="shequ_code,pianqu_code&#10;X" value="Y"></form>
          <script>document.forms[0].submit()</script>`,
      '/fetch': `<!doctype html><script>
          const bytes = Uint8Array.from(atob('${zipBase64}'), (c) => c.charCodeAt(0));
          fetch('${product}/api/admin/imports?${IMPORT_QUERY}',
            { method: 'POST', mode: 'no-cors', credentials: 'include', body: new Blob([bytes]) })
            .then(() => { document.title = 'sent'; }, () => { document.title = 'failed'; });
        </script>`,
    };
    hostile = createServer((req, res) => {
      const html = pages[req.url ?? ''];
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html ?? 'not found');
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileUrl = `http://127.0.0.1:${(hostile.address() as { port: number }).port}`;

    admin = await createUser(server.db, 'admin');
  });

  // The admin is logged in to the product in this browser.
  beforeEach(async () => {
    await logIn(await browser.context(), server, admin);
  });

  afterAll(async () => {
    await new Promise((resolve) => (hostile ? hostile.close(resolve) : resolve(undefined)));
  });

  /**
   * Opens a hostile page and returns the status the product answered to the write it makes,
   * and the headers Chromium sent. The browser may not hand a cross-origin answer to the page
   * (the product's Cross-Origin-Resource-Policy blocks it), so the status is read from the
   * DevTools protocol, which sees the raw response.
   */
  async function answerTo(path: string, route: string) {
    const page = await browser.newPage();
    const cdp = await (await browser.context()).newCDPSession(page);
    await cdp.send('Network.enable');
    const sent = new Map<string, Record<string, string>>();
    const writes = new Set<string>();
    let resolveStatus: (answer: { status: number; headers: Record<string, string> }) => void;
    const answered = new Promise<{ status: number; headers: Record<string, string> }>(
      (resolve) => (resolveStatus = resolve),
    );
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      sent.set(e.requestId, e.headers as Record<string, string>);
    });
    // Chromium may send a request's ExtraInfo events before its requestWillBeSent: keep every
    // status, and answer once both the request is known to be the write and its status is.
    const statuses = new Map<string, number>();
    const settle = (id: string) => {
      const status = statuses.get(id);
      if (writes.has(id) && status !== undefined) {
        resolveStatus({ status, headers: sent.get(id) ?? {} });
      }
    };
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.includes(route)) writes.add(e.requestId);
      settle(e.requestId);
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      statuses.set(e.requestId, e.statusCode);
      settle(e.requestId);
    });
    await page.goto(`${hostileUrl}${path}`);
    const answer = await Promise.race([
      answered,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer to ${route} within ${WAIT} ms`)), WAIT),
      ),
    ]);
    return { page, ...answer };
  }

  it(
    'refuses an auto-submitted text/plain form to the planner import, writing nothing',
    async () => {
      expect(hostileUrl).not.toBe(server.url);
      const before = await sqlCount(server.db, 'SELECT count(*)::int AS n FROM planner_scenario');
      const { page, status, headers } = await answerTo('/form', '/api/planner/import');
      expect(status).toBe(403);
      expect(headers.origin ?? headers.Origin).toBe(hostileUrl);
      expect(headers.cookie ?? headers.Cookie).toContain('atlas_session=');
      // The form's navigation shows the refusal.
      await page.waitForFunction(() => document.body.innerText.includes('refused'), undefined, {
        timeout: WAIT,
      });
      expect(await page.textContent('body')).toContain(`a write from ${hostileUrl} is refused`);
      expect(await sqlCount(server.db, 'SELECT count(*)::int AS n FROM planner_scenario')).toBe(
        before,
      );
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'refuses a no-cors fetch of a zipped Shapefile to the boundary import, writing nothing',
    async () => {
      const runs = await sqlCount(server.db, 'SELECT count(*)::int AS n FROM import_run');
      const { page, status, headers } = await answerTo('/fetch', '/api/admin/imports');
      expect(status).toBe(403);
      expect(headers.cookie ?? headers.Cookie).toContain('atlas_session=');
      expect(headers['sec-fetch-site'] ?? headers['Sec-Fetch-Site']).toBe('same-site');
      await page.waitForFunction(() => document.title !== '', undefined, { timeout: WAIT });
      expect(await sqlCount(server.db, 'SELECT count(*)::int AS n FROM import_run')).toBe(runs);
      const landed = await sqlCount(
        server.db,
        'SELECT count(*)::int AS n FROM area WHERE code = $1',
        [NEW_XIAOQU],
      );
      expect(landed).toBe(0);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'lets the product’s own page post the same file (a dry run: checked, valid, not written)',
    async () => {
      const page = await browser.open('/api/health');
      const outcome = await page.evaluate(
        async ({ query, zip }) => {
          const bytes = Uint8Array.from(atob(zip), (c) => c.charCodeAt(0));
          const res = await fetch(`/api/admin/imports?${query}&dryRun=true`, {
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream' },
            body: bytes,
          });
          return { status: res.status, body: (await res.json()) as Record<string, unknown> };
        },
        { query: IMPORT_QUERY, zip: zipBase64 },
      );
      expect(outcome.status).toBe(200);
      expect(outcome.body).toMatchObject({ errorCount: 0, valid: 1, format: 'shapefile' });
      await page.close();
    },
    TIMEOUT,
  );
});
