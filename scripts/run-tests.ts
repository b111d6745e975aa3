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
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const requireAll = process.env.CI === 'true' || process.env.REQUIRE_ALL === '1';
const extra = process.argv.slice(2);

interface Step {
  name: string;
  ran: boolean;
  ok: boolean;
  why?: string;
  /** The failed tests, read from the run's JSON report: printed again in the summary. */
  failures?: string[];
}
const steps: Step[] = [];
const reports = mkdtempSync(join(tmpdir(), 'atlas-tests-'));
let lastFailures: string[] = [];

function run(cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${[cmd, ...args].join(' ')}  ${JSON.stringify(env)}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

interface JsonReport {
  testResults?: {
    name: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

/**
 * The failed tests of a JSON report, one line each with the start of the failure: the summary
 * repeats them, because a long run's log is often read only from its end.
 */
function failuresOf(file: string): string[] {
  if (!existsSync(file)) return ['(no test report was written)'];
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  const lines: string[] = [];
  for (const suite of report.testResults ?? []) {
    const where = relative(process.cwd(), suite.name);
    const failed = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) {
      const why = (a.failureMessages?.[0] ?? '').split('\n')[0]!.slice(0, 300);
      lines.push(`${where} › ${a.fullName}: ${why}`);
    }
    if (failed.length === 0 && suite.message) {
      lines.push(`${where}: ${suite.message.split('\n')[0]!.slice(0, 300)}`);
    }
  }
  return lines;
}

let reportCount = 0;
function vitest(args: string[], env: Record<string, string>): boolean {
  const file = join(reports, `report-${++reportCount}.json`);
  const ok = run(
    'npx',
    [
      'vitest',
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
      ...extra,
    ],
    env,
  );
  lastFailures = ok ? [] : failuresOf(file);
  return ok;
}

/** Runs a vitest step and records it, with its failures. */
function vitestStep(name: string, args: string[], env: Record<string, string>): Step {
  const ok = vitest(args, env);
  return { name, ran: true, ok, failures: lastFailures };
}

// The browser suite needs a built client; the fault suite stops the database under everyone
// else. Both run on their own below.
const NOT_BROWSER = ['--exclude', 'tests/browser/**', '--exclude', 'tests/faults/**'];

steps.push(vitestStep('all suites on embedded PGlite', NOT_BROWSER, { TEST_BACKEND: 'pglite' }));

if (process.env.TEST_DATABASE_URL) {
  // Unit tests do not touch a database: run only the suites that do.
  steps.push(
    vitestStep(
      'database and API suites on PostgreSQL/PostGIS',
      ['tests/api', 'tests/db', 'server', ...NOT_BROWSER],
      { TEST_BACKEND: 'postgres' },
    ),
  );
  if (process.env.PG_CLUSTER) {
    steps.push(
      vitestStep('fault suite: PostgreSQL stopped and started under the server', ['tests/faults'], {
        TEST_BACKEND: 'postgres',
      }),
    );
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
  const name = 'browser suite in headless Chromium';
  const built = run('npx', ['vite', 'build', '--logLevel', 'warn']);
  steps.push(
    built
      ? vitestStep(name, ['tests/browser'], { TEST_BACKEND: 'pglite', CHROMIUM_PATH: CHROMIUM })
      : { name, ran: true, ok: false, failures: ['the client did not build (vite build)'] },
  );
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
  for (const f of s.failures ?? []) console.log(`           ✗ ${f}`);
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
