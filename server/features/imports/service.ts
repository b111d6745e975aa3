/**
 * One import, from bytes to a report: the same code for the admin upload and `npm run import`.
 * Everything happens in one transaction; a dry run, or any error, rolls it back, so either the
 * whole file lands or nothing does.
 */
import type {
  AreaLevel,
  ColumnMapping,
  DataImportReport,
  ExtensibleKind,
  FileFormat,
  ImportCrs,
  ImportKind,
  ImportMode,
  TextEncoding,
} from '../../contract/index.ts';
import { isProjectedCrs } from '../../contract/index.ts';
import type { Db, Tx } from '../../db/db.ts';
import { audit } from '../../auth/repository.ts';
import type { ParseWorkers } from './parse-off-thread.ts';
import { readBoundaryFileOffThread } from './parse-off-thread.ts';
import { DEFAULT_PARSE_LIMITS, cut, cutList, type ParseLimits } from './limits.ts';
import { readFeatures, stageAreas } from './boundaries.ts';
import { checkAreas, reportAreaCrs } from './boundary-checks.ts';
import { mergeAreas } from './boundary-merge.ts';
import { checkPointCrs } from './checks.ts';
import { fieldsOf, resolveMapping, type FieldSpec } from './fields.ts';
import { unmappedColumns } from './mapping.ts';
import { vocabularyRepository } from '../vocabulary/repository.ts';
import { zoneTimeZone } from '../dataset/repository.ts';
import { FileTooLarge, readAll } from './record-stream.ts';
import { openRecords } from './record-files.ts';
import { checkStaged } from './record-checks.ts';
import { RECORD_TABLES } from './record-tables.ts';
import { mergeRecords, stageRecords } from './records.ts';
import { ImportAborted, Report } from './report.ts';
import { BULK_ROWS, importsRepository, refreshAfterImport } from './repository.ts';

export interface ImportOptions {
  kind: ImportKind;
  fileName: string;
  level?: AreaLevel;
  crs?: ImportCrs;
  encoding?: TextEncoding | 'gbk';
  /** An Excel workbook's sheet (default the first). */
  sheet?: string;
  /** A GeoPackage's layer (needed when it has several). */
  layer?: string;
  mode?: ImportMode;
  source?: string;
  mapping?: ColumnMapping;
  dryRun?: boolean;
  repair?: boolean;
  crsCheck?: boolean;
  toleranceM2?: number;
}

export interface ImportLimits {
  /** Largest records file in bytes (streamed). */
  maxBytes: number;
  /** Largest boundary file in bytes (read whole). */
  maxBoundaryBytes: number;
  /** What one file may ask of the parsers (default DEFAULT_PARSE_LIMITS). */
  parse?: ParseLimits;
  /** The workers that read boundary files, which the server ends when it shuts down. */
  workers?: ParseWorkers;
}

/** Ends the transaction without writing: a dry run, or a report with errors. */
class RollBack extends Error {}

export class ImportInputError extends Error {}

export async function runImport(
  db: Db,
  input: AsyncIterable<Uint8Array> | Uint8Array,
  options: ImportOptions,
  limits: ImportLimits,
  actor: string,
): Promise<DataImportReport> {
  const started = performance.now();
  const repo = importsRepository(db);
  const saved = options.source ? await repo.source(options.source, options.kind) : null;
  const kind = options.kind;
  const level = (options.level ?? (saved?.level as AreaLevel | null) ?? undefined) as
    AreaLevel | undefined;
  if (kind === 'boundaries' && !level)
    throw new ImportInputError(
      'level is required for boundaries (chengqu, pianqu, shequ or xiaoqu)',
    );
  const crs: ImportCrs = options.crs ?? saved?.crs ?? 'wgs84';
  if (crs.startsWith('EPSG:') && !isProjectedCrs(crs))
    throw new ImportInputError(
      `crs ${crs} is not one the import declares: wgs84, cgcs2000, gcj02, bd09, or a projection EPSG:4491–4554 (CGCS2000 Gauss-Krüger), EPSG:32650/32651 (WGS84 UTM 50N/51N) or EPSG:3857 (Web Mercator)`,
    );
  const encoding = options.encoding ?? (saved?.encoding as TextEncoding | undefined) ?? 'auto';
  const mode = options.mode ?? 'upsert';
  const dryRun = options.dryRun ?? false;
  const toleranceM2 = options.toleranceM2 ?? 50;
  const report = new Report(cut(options.fileName));
  const parseLimits = limits.parse ?? DEFAULT_PARSE_LIMITS;
  const result: DataImportReport = {
    importId: null,
    kind,
    level: kind === 'boundaries' ? level! : null,
    fileName: options.fileName,
    format: null,
    encoding: null,
    crs,
    mode,
    dryRun,
    applied: false,
    columns: [],
    mapping: {},
    rows: 0,
    valid: 0,
    inserted: 0,
    updated: 0,
    deleted: 0,
    errorCount: 0,
    warningCount: 0,
    problems: [],
    problemCounts: {},
    dataVersion: null,
    seconds: 0,
    addedTerms: [],
  };
  const timeZone = await zoneTimeZone(db);
  const specs = fieldsOf(kind, await vocabularyRepository(db).all()).map((s) =>
    s.type === 'datetime' ? { ...s, timeZone } : s,
  );
  // Resolved and checked once per file (a WKT CSV needs it while being read).
  let resolved: ColumnMapping | null = null;
  const mappingFor = (columns: string[]) => (resolved ??= checkedMapping(columns));
  const checkedMapping = (columns: string[]) => {
    const mapping = resolveMapping(specs, columns, saved?.mapping ?? null, options.mapping ?? null);
    for (const [field, column] of Object.entries(options.mapping ?? {})) {
      if (!specs.some((s) => s.field === field)) {
        report.error(
          'column_unknown',
          `the mapping names a field "${cut(field)}" that ${kind} do not have (fields: ${specs.map((s) => s.field).join(', ')})`,
          { field: cut(field) },
        );
      } else if (!columns.includes(column)) {
        report.error(
          'column_unknown',
          `the mapping puts ${field} in column "${cut(column)}", which the file does not have (columns: ${cutList(columns)})`,
          { field, params: { column: cut(column) } },
        );
      }
    }
    for (const s of specs) {
      const required =
        s.required || (kind === 'boundaries' && s.field === 'parent_code' && level !== 'chengqu');
      if (required && mapping[s.field] === undefined) {
        report.error(
          'column_missing',
          `no column for ${s.field}: name one in the mapping (columns: ${cutList(columns)})`,
          { field: s.field },
        );
      }
    }
    // With a column missing, its error lists the columns; the warnings would repeat them.
    if (report.counts.column_missing || report.counts.column_unknown) return mapping;
    for (const { column, field } of unmappedColumns(specs, columns, mapping))
      report.warn(
        'column_unmapped',
        field
          ? `column "${cut(column)}" is not imported: did it mean ${field}? Map it (${field}=${cut(column)}) to import it`
          : `column "${cut(column)}" is not imported: no field of ${kind} goes by that name`,
        { field, params: { column: cut(column), suggested: field } },
      );
    return mapping;
  };

  try {
    await db.transaction(async (tx) => {
      // A load is not news: the per-row event triggers stay quiet; one data.reloaded is logged.
      await tx.query("SELECT set_config('atlas.events_off', 'on', true)");
      let format: FileFormat;
      let bulk = false;
      const parseJob = {
        fileName: options.fileName,
        encoding,
        limits: parseLimits,
        layer: options.layer,
      };
      if (kind === 'boundaries') {
        const bytes = await readAll(input, limits.maxBoundaryBytes);
        const file = await readBoundaryFileOffThread(
          {
            ...parseJob,
            bytes,
            specs: specs.map((s) => ({ field: s.field, headers: s.headers })),
            saved: saved?.mapping ?? null,
            given: options.mapping ?? null,
          },
          report,
          limits.workers,
        );
        format = file.format;
        result.format = format;
        result.encoding = file.encoding;
        if (file.table) result.table = file.table;
        result.columns = file.columns;
        result.mapping = mappingFor(file.columns);
        if (report.counts.column_missing || report.counts.column_unknown) throw new ImportAborted();
        result.rows = file.features.length;
        const staged = readFeatures(
          file.features,
          specs,
          result.mapping,
          level!,
          crs,
          file.srid,
          options.repair ?? false,
          report,
        );
        await stageAreas(tx, staged, file.srid);
        await checkAreas(
          tx,
          {
            level: level!,
            repair: options.repair ?? false,
            toleranceM2,
            replace: mode === 'replace',
          },
          report,
        );
        if (options.crsCheck !== false && file.srid === null)
          await reportAreaCrs(tx, staged, level!, crs, report);
        const valid = await repo.validAreas(tx);
        result.valid = report.errorCount ? Math.min(valid, staged.length) : valid;
      } else {
        const csv = await openRecords(
          input,
          limits.maxBytes,
          encoding,
          options.sheet,
          report,
          parseLimits,
          (bytes) => {
            if (bytes.length > limits.maxBoundaryBytes)
              throw new FileTooLarge(limits.maxBoundaryBytes);
            return readBoundaryFileOffThread(
              { ...parseJob, bytes, specs: [], saved: null, given: null },
              report,
              limits.workers,
            );
          },
        );
        result.format = csv.format;
        if (csv.table) result.table = csv.table;
        result.encoding = csv.format === 'xlsx' || csv.format === 'gpkg' ? null : csv.encoding;
        result.columns = csv.columns;
        result.mapping = mappingFor(csv.columns);
        if (report.counts.column_missing || report.counts.column_unknown) throw new ImportAborted();
        const stagedRecords = await stageRecords(
          tx,
          kind,
          specs,
          csv.columns,
          result.mapping,
          csv.rows,
          crs,
          report,
        );
        result.rows = stagedRecords.rows;
        if (result.rows === 0) {
          report.error('file_empty', 'the file has a header but no rows');
          throw new ImportAborted();
        }
        await checkStaged(tx, kind, report);
        if (options.crsCheck !== false && RECORD_TABLES[kind].hasPoint)
          await checkPointCrs(tx, report, stagedRecords.sample, crs);
        result.valid = await repo.validRecords(tx);
        bulk = kind === 'issues' && stagedRecords.staged > BULK_ROWS;
      }
      reportNewTerms(specs, report, result, dryRun);
      if (report.errorCount > 0 || dryRun) throw new RollBack();

      const importId = await repo.createRun(tx, {
        kind,
        level: level ?? null,
        fileName: options.fileName,
        source: options.source ?? null,
        mode,
        settings: {
          crs,
          encoding: result.encoding,
          mapping: result.mapping,
          toleranceM2,
          repair: options.repair ?? false,
        },
        actor,
      });
      // The terms first: the records' foreign keys name them.
      const vocabulary = vocabularyRepository(tx);
      for (const s of specs)
        if (s.adds?.size && s.vocabulary)
          await vocabulary.add(
            s.vocabulary,
            [...s.adds].map(([zh, t]) => ({ key: t.key, zh })),
          );
      if (bulk) await tx.query('ALTER TABLE issue DISABLE TRIGGER USER');
      const counts =
        kind === 'boundaries'
          ? await mergeAreas(tx, level!, importId, mode === 'replace')
          : await mergeRecords(tx, kind, importId, mode === 'replace');
      await repo.finishRun(tx, importId, counts);
      await refreshAfterImport(tx, kind, bulk);
      if (options.source)
        await repo.saveSource(tx, {
          name: options.source,
          kind,
          mapping: result.mapping,
          crs,
          encoding,
          level: level ?? null,
        });
      await audit(tx, actor, 'data.import', `import:${importId}`, {
        kind,
        level: level ?? null,
        file: options.fileName,
        ...counts,
      });
      Object.assign(result, counts, { importId, applied: true });
      result.dataVersion = await repo.dataVersions(tx);
    });
  } catch (e) {
    if (e instanceof FileTooLarge) {
      report.error('file_too_large', e.message, {
        params: { limitMb: Math.round(e.limit / 1048576) },
      });
    } else if (isForeignKeyViolation(e)) {
      report.error(
        'replace_in_use',
        `the database refused the change: ${(e as Error).message}${detail(e)}`,
      );
    } else if (!(e instanceof RollBack || e instanceof ImportAborted)) {
      throw e;
    }
  }
  result.errorCount = report.errorCount;
  result.warningCount = report.warningCount;
  result.problems = report.sorted();
  result.problemCounts = report.counts;
  if (!result.applied) result.valid = Math.min(result.valid, result.rows);
  result.seconds = Math.round((performance.now() - started) / 10) / 100;
  return result;
}

/**
 * The terms the file brings (or would bring, on a dry run), in the report: listed in
 * `addedTerms`, and one warning each at the first row naming it, so the reader sees them.
 */
function reportNewTerms(
  specs: FieldSpec[],
  report: Report,
  result: DataImportReport,
  dryRun: boolean,
): void {
  for (const s of specs) {
    if (!s.adds || !s.vocabulary) continue;
    for (const [zh, t] of s.adds) {
      result.addedTerms.push({ kind: s.vocabulary as ExtensibleKind, key: t.key, zh });
      report.warn(
        'term_added',
        `${s.field} "${zh}" is not in the vocabulary: ${dryRun ? 'the import will add' : 'added'} it as ${t.key}`,
        { row: t.row, field: s.field, code: t.key, params: { value: zh, key: t.key } },
      );
    }
  }
}

const isForeignKeyViolation = (e: unknown) => (e as { code?: string }).code === '23503';
const detail = (e: unknown) => {
  const d = (e as { detail?: string }).detail;
  return d ? ` (${d})` : '';
};

export type { Tx };
