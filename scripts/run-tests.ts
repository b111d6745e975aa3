/**
 * The README's test command (`npm test`). Runs every suite on the embedded PGlite; the same
 * suites again on a real PostGIS when TEST_DATABASE_URL is set; and the browser suite when
 * Chromium is installed. What it could not run it says at the end. With CI=true (or
 * REQUIRE_ALL=1) anything it could not run fails the run, so CI never skips silently.
 *
 *   npm test                      all it can run here
 *   npm test -- tests/api         only matching files (passed on to vitest)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const requireAll = process.env.CI === 'true' || process.env.REQUIRE_ALL === '1';
const extra = process.argv.slice(2);

interface Step {
  name: string;
  ran: boolean;
  ok: boolean;
  why?: string;
}
const steps: Step[] = [];

function run(cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${[cmd, ...args].join(' ')}  ${JSON.stringify(env)}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

const vitest = (args: string[], env: Record<string, string>) =>
  run('npx', ['vitest', 'run', ...args, ...extra], env);

// The browser suite needs a built client; the fault suite stops the database under everyone
// else. Both run on their own below.
const NOT_BROWSER = ['--exclude', 'tests/browser/**', '--exclude', 'tests/faults/**'];

steps.push({
  name: 'all suites on embedded PGlite',
  ran: true,
  ok: vitest(NOT_BROWSER, { TEST_BACKEND: 'pglite' }),
});

if (process.env.TEST_DATABASE_URL) {
  // Unit tests do not touch a database: run only the suites that do.
  steps.push({
    name: 'database and API suites on PostgreSQL/PostGIS',
    ran: true,
    ok: vitest(['tests/api', 'tests/db', 'server', ...NOT_BROWSER], { TEST_BACKEND: 'postgres' }),
  });
  if (process.env.PG_CLUSTER) {
    steps.push({
      name: 'fault suite: PostgreSQL stopped and started under the server',
      ran: true,
      ok: vitest(['tests/faults'], { TEST_BACKEND: 'postgres' }),
    });
  } else {
    steps.push({
      name: 'fault suite: PostgreSQL stopped and started under the server',
      ran: false,
      ok: !requireAll,
      why: 'PG_CLUSTER is not set (the pg_ctlcluster name of the test cluster, e.g. "15 main")',
    });
  }
} else {
  steps.push({
    name: 'database and API suites on PostgreSQL/PostGIS',
    ran: false,
    ok: !requireAll,
    why: 'TEST_DATABASE_URL is not set (e.g. postgres://user:pass@localhost/atlas_test)',
  });
}

if (existsSync(CHROMIUM)) {
  const built = run('npx', ['vite', 'build', '--logLevel', 'warn']);
  steps.push({
    name: 'browser suite in headless Chromium',
    ran: true,
    ok: built && vitest(['tests/browser'], { TEST_BACKEND: 'pglite', CHROMIUM_PATH: CHROMIUM }),
  });
} else {
  steps.push({
    name: 'browser suite in headless Chromium',
    ran: false,
    ok: !requireAll,
    why: `no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`,
  });
}

console.log('\n── test summary ──');
for (const s of steps) {
  const mark = !s.ran ? 'NOT RUN' : s.ok ? 'passed ' : 'FAILED ';
  console.log(`${mark}  ${s.name}${s.why ? `: ${s.why}` : ''}`);
}
const notRun = steps.filter((s) => !s.ran);
if (notRun.length > 0) {
  console.log(
    requireAll
      ? '\nCI=true: every suite must run, so the steps not run above fail this run.'
      : '\nThe steps marked NOT RUN were skipped on this machine, for the reasons given.',
  );
}
process.exit(steps.every((s) => s.ok) ? 0 : 1);
