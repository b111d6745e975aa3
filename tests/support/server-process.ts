import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A script of the repository run as a process of its own, as `npm run …` runs it. */
export interface ScriptProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with its exit code (or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `scripts/…` or `server/server.ts` under tsx with the environment given on top of ours. */
export function runScript(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): ScriptProcess {
  // node --import tsx: one process, so its pid is the one a lock file names.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { child, output: () => text, exited };
}

/** A free local port (the server prints the URL it was given, so it cannot take port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/** A server process on the embedded database in `dataDir`. */
export interface ServerProcess extends ScriptProcess {
  url: string;
  pid: number;
  /** SIGTERM and wait for the exit (a clean close). */
  stop(): Promise<void>;
}

/** Admin the server processes create at start (ADMIN_USERNAME / ADMIN_PASSWORD). */
export const PROCESS_ADMIN = { username: 'lock_admin', password: 'Lock-test-admin-9f3k' };

/**
 * Starts `server/server.ts` on `dataDir` (no demo seeding: the folder already holds one) and
 * waits until /api/health answers, or throws with the server's output when it exits first.
 */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
  timeoutMs = 180_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const proc = runScript('server/server.ts', [], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MIN: '100000',
    ADMIN_USERNAME: PROCESS_ADMIN.username,
    ADMIN_PASSWORD: PROCESS_ADMIN.password,
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  let exit: { code: number | null } | null = null;
  void proc.exited.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) {
      throw new Error(
        `the server exited (${JSON.stringify(exit)}) before answering:\n${proc.output()}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      proc.child.kill('SIGKILL');
      throw new Error(`no health answer from ${url} in ${timeoutMs / 1000} s:\n${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    ...proc,
    url,
    pid: proc.child.pid!,
    stop: async () => {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGTERM');
      }
      await proc.exited;
    },
  };
}

/** Logs the process admin in; returns the Cookie header. */
export async function loginProcessAdmin(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(PROCESS_ADMIN),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = /atlas_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '');
  if (!cookie) throw new Error('login set no session cookie');
  return cookie[0];
}
