/**
 * GDAL's `ogrinfo` as a GIS client the project did not write. Suites that use it skip with a
 * message when it is missing, except under CI=true (or REQUIRE_ALL=1), where `.ci/run` installs
 * gdal-bin and a missing ogrinfo is a failure.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const HAS_OGRINFO = spawnSync('ogrinfo', ['--version']).status === 0;
export const GDAL_REQUIRED = process.env.CI === 'true' || process.env.REQUIRE_ALL === '1';
/** Whether a GDAL suite runs here: it has ogrinfo, or must fail for the lack of it. */
export const RUN_GDAL = HAS_OGRINFO || GDAL_REQUIRED;

/** Says, once per suite, why it did not run. */
export function warnIfNoGdal(suite: string): void {
  if (!RUN_GDAL)
    console.warn(`${suite}: skipped, no ogrinfo on PATH (Debian: apt-get install gdal-bin)`);
}

/** What ogrinfo printed, and whether it succeeded (its error output is in `out` when not). */
export interface OgrinfoResult {
  ok: boolean;
  out: string;
}

/**
 * Runs ogrinfo without blocking the event loop (the server answering it lives in the test's
 * process), with no GDAL cache or proxy between it and the server.
 */
export async function ogrinfoRun(
  args: string[],
  env: Record<string, string> = {},
): Promise<OgrinfoResult> {
  try {
    const { stdout } = await run('ogrinfo', args, {
      timeout: 180_000,
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        GDAL_HTTP_PROXY: '',
        CPL_VSIL_CURL_USE_CACHE: 'NO',
        GDAL_DISABLE_READDIR_ON_OPEN: 'EMPTY_DIR',
        ...env,
      },
    });
    return { ok: true, out: stdout };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** ogrinfo's output; throws with its error output when it fails. */
export async function ogrinfo(...args: string[]): Promise<string> {
  const r = await ogrinfoRun(args);
  if (!r.ok) throw new Error(`ogrinfo ${args.join(' ')} failed:\n${r.out.slice(0, 2000)}`);
  return r.out;
}

/**
 * The OGC API – Features collections every role may read, with the SQL that counts their
 * features (the staff posts, for officials and above, are counted by their suites).
 */
export const OAPIF_COLLECTIONS: readonly [string, string][] = [
  ['chengqu', `SELECT count(*)::int AS n FROM area WHERE level = 'chengqu'`],
  ['pianqu', `SELECT count(*)::int AS n FROM area WHERE level = 'pianqu'`],
  ['shequ', `SELECT count(*)::int AS n FROM area WHERE level = 'shequ'`],
  ['xiaoqu', `SELECT count(*)::int AS n FROM area WHERE level = 'xiaoqu'`],
  ['sites', `SELECT count(*)::int AS n FROM site`],
  ['issues', `SELECT count(*)::int AS n FROM issue`],
  ['tourism', `SELECT count(*)::int AS n FROM tourism_cell`],
];

/** The layers `ogrinfo -so` listed (`1: pianqu (Multi Polygon)` → `pianqu`). */
export const layersIn = (out: string): string[] =>
  [...out.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]!);

/** The features `ogrinfo -al` printed, as it read them. */
export const featuresIn = (out: string): number => out.match(/^OGRFeature\(/gm)?.length ?? 0;

/** The `Feature Count` of `ogrinfo -so` (one layer), or NaN without one. */
export const featureCountIn = (out: string): number =>
  Number(/^Feature Count: (\d+)$/m.exec(out)?.[1] ?? NaN);

/** The distinct `code` values of the features ogrinfo printed, sorted. */
export const codesIn = (out: string): string[] =>
  [...new Set([...out.matchAll(/^\s+code \(String\) = (.+)$/gm)].map((m) => m[1]!.trim()))].sort();

/** GDAL's environment for a request with an API token (every HTTP request it makes). */
export const bearerEnv = (token: string): Record<string, string> => ({
  GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}`,
});
