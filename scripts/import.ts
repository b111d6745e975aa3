/**
 * Imports a file from the command line through the same code as the admin upload
 * (server/features/imports): a report row by row, one transaction, restorable.
 *
 *   npm run import -- --kind boundaries --level xiaoqu --file 小区.zip --dry-run
 *   npm run import -- --kind issues --file 工单.csv --crs gcj02 --source 12345热线
 *   npm run import -- --kind issues --file 工单.csv --map id=工单编号 --map lon=X --map lat=Y
 *   npm run import -- --kind issues --file 工单.xlsx --sheet 三月
 *   npm run import -- --kind boundaries --level shequ --file 边界.gpkg --layer 社区
 *   npm run import -- --kind boundaries --level xiaoqu --file 小区.zip --crs EPSG:4528
 *   npm run import -- --list
 *   npm run import -- --restore 12
 *   npm run import -- --dataset-name 某某区 --time-zone Asia/Urumqi
 *
 * Uses DATABASE_URL (PostgreSQL) or the embedded database in DATA_DIR (default .data). The
 * embedded database belongs to one process: stop `npm start` first, or use the upload page.
 * Prints rows per second and peak memory; exits 1 when the file has errors.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import {
  AREA_LEVELS,
  COORDINATE_SYSTEMS,
  IMPORT_KINDS,
  IMPORT_MODES,
  TEXT_ENCODINGS,
  isProjectedCrs,
  type AreaLevel,
  type CoordinateSystem,
  type ImportKind,
  type ImportMode,
  type TextEncoding,
} from '../server/contract/index.ts';
import { openDbOrExit } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { importsRepository } from '../server/features/imports/repository.ts';
import { datasetRepository } from '../server/features/dataset/repository.ts';
import { isTimeZone } from '../server/contract/zone-time.ts';
import { ImportInputError, runImport } from '../server/features/imports/service.ts';
import { ParseWorkers } from '../server/features/imports/parse-off-thread.ts';

const { values } = parseArgs({
  options: {
    kind: { type: 'string' },
    file: { type: 'string' },
    level: { type: 'string' },
    crs: { type: 'string' },
    sheet: { type: 'string' },
    layer: { type: 'string' },
    encoding: { type: 'string' },
    mode: { type: 'string' },
    source: { type: 'string' },
    map: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
    repair: { type: 'boolean' },
    'no-crs-check': { type: 'boolean' },
    tolerance: { type: 'string' },
    report: { type: 'string' },
    list: { type: 'boolean' },
    restore: { type: 'string' },
    all: { type: 'boolean' },
    'dataset-name': { type: 'string' },
    'time-zone': { type: 'string' },
  },
});

function usage(problem: string): never {
  console.error(`${problem}

usage: npm run import -- --kind ${IMPORT_KINDS.join('|')} --file PATH [options]
  --level ${AREA_LEVELS.join('|')}   (boundaries)
  --crs ${COORDINATE_SYSTEMS.join('|')}|EPSG:NNNN   (default wgs84, or the source's;
                       EPSG:4491–4554 CGCS2000 Gauss-Krüger, 32650/32651 UTM, 3857)
  --sheet NAME         an Excel workbook's sheet (default the first)
  --layer NAME         a GeoPackage's layer (needed when it has several)
  --encoding ${[...TEXT_ENCODINGS, 'gbk'].join('|')}   (default auto)
  --mode ${IMPORT_MODES.join('|')}   (default upsert)
  --source NAME        saved column mapping and settings of a source system
  --map FIELD=COLUMN   (repeatable) which column holds a field
  --dry-run            report only, write nothing
  --repair             repair invalid geometries with ST_MakeValid
  --no-crs-check       skip the coordinate-system plausibility check
  --tolerance M2       overlaps and gaps smaller than this are ignored (default 50)
  --report FILE.json   write the whole report as JSON
  --all                print every listed problem (default: the first 30)
or: npm run import -- --list | --restore ID
or: npm run import -- [--dataset-name NAME] [--time-zone IANA]   names the data set, sets its clock`);
  process.exit(2);
}

const oneOf = <T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined => {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    usage(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
};

const config = loadConfig();
// Ctrl-C ends the file reader too, so a hostile file never keeps the command running.
const workers = new ParseWorkers();
process.once('SIGINT', () => void workers.stop());
process.once('SIGTERM', () => void workers.stop());
const db = await openDbOrExit({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  const repo = importsRepository(db);
  if (values['dataset-name'] !== undefined || values['time-zone'] !== undefined) {
    const timeZone = values['time-zone'];
    if (timeZone !== undefined && !isTimeZone(timeZone))
      usage(`--time-zone must be an IANA time zone such as Asia/Shanghai, got "${timeZone}"`);
    await datasetRepository(db).update({ name: values['dataset-name'], timeZone }, 'cli');
    const d = await datasetRepository(db).describe();
    console.log(`data set ${d.name ?? '(unnamed)'}, time zone ${d.timeZone}, today ${d.today}`);
  } else if (values.list) {
    for (const r of await repo.runs()) {
      console.log(
        `${String(r.id).padStart(4)}  ${r.createdAt}  ${r.kind}${r.level ? `/${r.level}` : ''}  ${r.fileName}  +${r.inserted} ~${r.updated} -${r.deleted}  ${r.status}${r.restorable ? ' (restorable)' : ''}  by ${r.createdBy}`,
      );
    }
  } else if (values.restore !== undefined) {
    const id = Number(values.restore);
    if (!Number.isInteger(id) || id < 1)
      usage(`--restore needs an import id, got "${values.restore}"`);
    const run = await repo.restore(id, 'cli');
    console.log(`restored import ${run.id} (${run.kind}, ${run.fileName})`);
  } else {
    const kind =
      oneOf<ImportKind>('kind', values.kind, IMPORT_KINDS) ?? usage('--kind is required');
    const file = values.file ?? usage('--file is required');
    if (!existsSync(file)) usage(`no file at ${file}`);
    const mapping: Record<string, string> = {};
    for (const m of values.map ?? []) {
      const at = m.indexOf('=');
      if (at < 1) usage(`--map takes FIELD=COLUMN, got "${m}"`);
      mapping[m.slice(0, at)] = m.slice(at + 1);
    }
    const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
    if (tolerance !== undefined && !(tolerance >= 0))
      usage(`--tolerance must be square metres ≥ 0, got "${values.tolerance}"`);

    // Memory is sampled while the file streams through: the figure the issue asks to bound.
    let peakRss = 0;
    let peakHeap = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const timer = setInterval(sample, 50);
    const report = await runImport(
      db,
      createReadStream(file, { highWaterMark: 256 * 1024 }),
      {
        kind,
        fileName: basename(file),
        level: oneOf<AreaLevel>('level', values.level, AREA_LEVELS),
        crs:
          values.crs !== undefined && isProjectedCrs(values.crs)
            ? values.crs
            : oneOf<CoordinateSystem>('crs', values.crs, COORDINATE_SYSTEMS),
        sheet: values.sheet,
        layer: values.layer,
        encoding: oneOf<TextEncoding | 'gbk'>('encoding', values.encoding, [
          ...TEXT_ENCODINGS,
          'gbk',
        ]),
        mode: oneOf<ImportMode>('mode', values.mode, IMPORT_MODES),
        source: values.source,
        mapping: Object.keys(mapping).length ? mapping : undefined,
        dryRun: values['dry-run'] ?? false,
        repair: values.repair ?? false,
        crsCheck: !values['no-crs-check'],
        toleranceM2: tolerance,
      },
      {
        maxBytes: config.importMaxBytes,
        maxBoundaryBytes: Math.min(config.importMaxBytes, 50 * 1024 * 1024),
        parse: config.importParseLimits,
        workers,
      },
      'cli',
    );
    clearInterval(timer);
    sample();
    const mb = (b: number) => `${Math.round(b / 1048576)} MB`;
    console.log(
      `${report.fileName}: ${report.format ?? '?'}, ${report.encoding ?? '?'}, ${report.crs}; ${report.rows} rows, ${report.valid} valid, ${report.errorCount} errors, ${report.warningCount} warnings`,
    );
    console.log(
      `mapping: ${
        Object.entries(report.mapping)
          .map(([f, c]) => `${f}=${c}`)
          .join(', ') || '(none)'
      }`,
    );
    const shown = values.all ? report.problems : report.problems.slice(0, 30);
    for (const p of shown)
      console.log(`  ${p.severity === 'error' ? 'ERROR' : 'warn '} ${p.file} ${p.message}`);
    if (report.problems.length > shown.length)
      console.log(
        `  … ${report.problems.length - shown.length} more listed (--all), counts: ${JSON.stringify(report.problemCounts)}`,
      );
    console.log(
      report.applied
        ? `imported as import ${report.importId}: ${report.inserted} inserted, ${report.updated} updated, ${report.deleted} deleted`
        : report.dryRun && report.errorCount === 0
          ? 'dry run: nothing written; the file would import cleanly'
          : 'nothing was imported',
    );
    const seconds = report.seconds || 0.001;
    console.log(
      `${seconds} s, ${Math.round(report.rows / seconds)} rows/s, file ${mb(statSync(file).size)}, peak memory: rss ${mb(peakRss)}, heap ${mb(peakHeap)}`,
    );
    if (values.report) await writeFile(values.report, JSON.stringify(report, null, 2));
    if (report.errorCount > 0) process.exitCode = 1;
  }
} catch (error) {
  if (error instanceof ImportInputError || (error as { statusCode?: number }).statusCode) {
    console.error((error as Error).message);
    process.exitCode = 2;
  } else throw error;
} finally {
  await db.close();
}
