import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../server/db/data-dir-lock.ts';
import { copyTree, lastGoodPath, writeContent } from '../../server/db/data-dir.ts';
import { openPglite } from '../../server/db/pglite.ts';
import {
  loginProcessAdmin,
  runScript,
  startServerProcess,
  type ServerProcess,
} from '../support/server-process.ts';
import { TEST_BACKEND, seededDumpPath } from '../support/test-db.ts';

/** A case that starts server processes: a start takes 2–15 s here, more on a loaded machine. */
const PROCESS_TIMEOUT = 5 * 60_000;

// The embedded database's folder, opened by real processes: only the PGlite pass runs it (the
// PostgreSQL pass has no folder to lock).
describe.skipIf(TEST_BACKEND !== 'pglite')(
  'the embedded database folder, one process at a time',
  () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
    const template = join(root, 'template');
    const servers: ServerProcess[] = [];
    let folders = 0;

    /** A folder of its own for each case: a copy of the seeded template (a fraction of a second). */
    const freshFolder = () => {
      const dir = join(root, `data-${++folders}`);
      copyTree(template, dir);
      return dir;
    };
    const start = async (dir: string) => {
      const server = await startServerProcess(dir);
      servers.push(server);
      return server;
    };

    beforeAll(async () => {
      // The seeded dump of this run, unpacked into a folder once; the open also proves a
      // folder opens and closes (taking and giving back its lock) in this process.
      const db = await openPglite({
        dataDir: template,
        loadDataDir: new Blob([await readFile(await seededDumpPath())]),
      });
      await db.close();
    }, PROCESS_TIMEOUT);
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.stop()));
    }, PROCESS_TIMEOUT);
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    describe('on a running server’s folder', () => {
      let dir: string;
      let server: ServerProcess;
      beforeAll(async () => {
        dir = freshFolder();
        server = await startServerProcess(dir);
      }, PROCESS_TIMEOUT);
      afterAll(() => server?.stop());

      it(
        'a second server is refused with a message naming the process that holds it',
        async () => {
          const second = runScript('server/server.ts', [], { DATA_DIR: dir, PORT: '0' });
          const { code } = await second.exited;
          expect(code).toBe(75);
          const out = second.output();
          expect(out).toContain(`in use by process ${server.pid}`);
          expect(out).toContain(`进程 ${server.pid}`);
          expect(out).toContain('server/server.ts'); // the holder's command, from /proc
          expect(out).toContain(dir);
          // The first one serves on, undisturbed.
          expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
        },
        PROCESS_TIMEOUT,
      );

      it(
        'npm run import is refused the same way',
        async () => {
          const importer = runScript('scripts/import.ts', ['--list'], { DATA_DIR: dir });
          const { code } = await importer.exited;
          expect(code).toBe(75);
          expect(importer.output()).toContain(`in use by process ${server.pid}`);
          expect(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(
            String(server.pid),
          );
        },
        PROCESS_TIMEOUT,
      );
    });

    it(
      'clears a stale lock (its process is gone) and opens',
      async () => {
        const dir = freshFolder();
        // A pid that surely is no process: one that has just exited.
        const gone = spawnSync(process.execPath, [
          '-e',
          'process.stdout.write(String(process.pid))',
        ]);
        const deadPid = Number(gone.stdout.toString());
        const startedAt = Math.floor(Date.now() / 1000) - 60;
        writeFileSync(
          join(dir, LOCK_FILE),
          `${deadPid}\n${dir}\n${startedAt}\n${hostname()}\nnode server/server.ts\n`,
        );
        const server = await start(dir);
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
        expect(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(server.pid));
        await server.stop();
        // A clean close gives the lock back.
        expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
      },
      PROCESS_TIMEOUT,
    );

    it(
      'a folder that does not open says so with the way out, and db:recover restores the last good copy',
      async () => {
        const dir = freshFolder();
        const first = await start(dir);
        const cookie = await loginProcessAdmin(first.url);
        const label = `before-damage-${Date.now()}`;
        expect((await createKioskToken(first.url, cookie, label)).status).toBe(201);
        await first.stop();
        expect(existsSync(lastGoodPath(dir))).toBe(true);

        // The cluster's control file garbled: PGlite cannot start on it.
        writeFileSync(join(dir, 'global', 'pg_control'), Buffer.alloc(8192, 0xa5));
        const broken = runScript('server/server.ts', [], { DATA_DIR: dir, PORT: '0' });
        const { code } = await broken.exited;
        expect(code).toBe(65);
        const out = broken.output();
        expect(out).toContain(`${dir} could not be opened`);
        expect(out).toContain('无法打开');
        expect(out).toContain('npm run db:recover');
        expect(out).toContain(lastGoodPath(dir));
        // Refused before anything else: the lock is given back.
        expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

        const recover = runScript('scripts/db-recover.ts', [], { DATA_DIR: dir });
        expect((await recover.exited).code, recover.output()).toBe(0);
        // The damaged folder is kept beside it, never deleted.
        const name = dir.split('/').pop()!;
        expect(readdirSync(root).some((f) => f.startsWith(`${name}.damaged-`))).toBe(true);

        const again = await start(dir);
        const labels = await kioskLabels(again.url, await loginProcessAdmin(again.url));
        expect(labels).toContain(label);
      },
      PROCESS_TIMEOUT,
    );

    it(
      'db:recover without a last good copy rebuilds a fresh demo when the folder held only the demo',
      async () => {
        const dir = freshFolder(); // a copy of the template: it says it holds the demo, and has no copy
        writeFileSync(join(dir, 'global', 'pg_control'), Buffer.alloc(8192, 0xa5));
        const recover = runScript('scripts/db-recover.ts', [], { DATA_DIR: dir });
        expect((await recover.exited).code, recover.output()).toBe(0);
        expect(recover.output()).toContain('fresh demo');
        const server = await start(dir);
        const dataset = (await (await fetch(`${server.url}/api/dataset`)).json()) as {
          isDemo: boolean;
        };
        expect(dataset.isDemo).toBe(true);
      },
      PROCESS_TIMEOUT,
    );

    it(
      'db:recover changes nothing when there is no copy and the folder held imported data',
      async () => {
        const dir = freshFolder();
        writeContent(dir, 'import');
        writeFileSync(join(dir, 'global', 'pg_control'), Buffer.alloc(8192, 0xa5));
        const recover = runScript('scripts/db-recover.ts', [], { DATA_DIR: dir });
        expect((await recover.exited).code).toBe(1);
        expect(recover.output()).toContain('nothing was');
        expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
        const name = dir.split('/').pop()!;
        expect(readdirSync(root).some((f) => f.startsWith(`${name}.damaged-`))).toBe(false);
      },
      PROCESS_TIMEOUT,
    );

    it(
      'every acknowledged write survives SIGKILL during writes, ten times over',
      async () => {
        const dir = freshFolder();
        const acknowledged: string[] = [];
        for (let round = 1; round <= 10; round++) {
          // Each start after the first finds the killed server's lock: stale, cleared.
          const server = await start(dir);
          const cookie = await loginProcessAdmin(server.url);
          const present = new Set(await kioskLabels(server.url, cookie));
          const lost = acknowledged.filter((l) => !present.has(l));
          expect(lost, `round ${round}: acknowledged writes missing`).toEqual([]);

          // Three writers at once; killed once enough writes are acknowledged, with more in flight.
          const target = 4 + round * 2;
          let acked = 0;
          let killed = false;
          const writer = async (w: number) => {
            for (let n = 0; !killed; n++) {
              const label = `r${round}-w${w}-${n}`;
              try {
                const res = await createKioskToken(server.url, cookie, label);
                // A 201 is a committed write, even one that arrives after the kill was sent.
                if (res.status === 201) {
                  acknowledged.push(label);
                  if (++acked >= target && !killed) {
                    killed = true;
                    server.child.kill('SIGKILL');
                  }
                }
              } catch {
                return; // the connection died with the server
              }
            }
          };
          await Promise.all([writer(1), writer(2), writer(3)]);
          const { signal } = await server.exited;
          expect(signal).toBe('SIGKILL');
          servers.splice(servers.indexOf(server), 1);
        }
        const last = await start(dir);
        const present = new Set(await kioskLabels(last.url, await loginProcessAdmin(last.url)));
        expect(acknowledged.filter((l) => !present.has(l))).toEqual([]);
        expect(acknowledged.length).toBeGreaterThanOrEqual(10 * 6);
      },
      15 * 60_000,
    );
  },
);

function createKioskToken(url: string, cookie: string, label: string): Promise<Response> {
  return fetch(`${url}/api/admin/kiosk-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: url },
    body: JSON.stringify({ label }),
  });
}

async function kioskLabels(url: string, cookie: string): Promise<string[]> {
  const res = await fetch(`${url}/api/admin/kiosk-tokens`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`kiosk tokens: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { label: string }[]).map((t) => t.label);
}
