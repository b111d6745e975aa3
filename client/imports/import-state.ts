/**
 * The data import's pure state: the settings of the form, the query they make, when the
 * 导入 button may be pressed (a clean dry run of the same file and settings), and the wording of
 * the server's problems in the user's language. No React here: tested in import-state.test.ts.
 */
import type {
  ColumnMapping,
  CoordinateSystem,
  DataImportProblem,
  DataImportQuery,
  DataImportReport,
  ImportCrs,
  ImportKind,
  ImportMode,
  ImportSource,
} from '../../server/contract/index.ts';
import { COORDINATE_SYSTEMS, routeQueryString } from '../../server/contract/index.ts';
import { MESSAGES, type MessageKey } from '../i18n/catalogue.ts';
import type { MessageParams, Translator } from '../i18n/i18n.ts';

/** Levels a boundary file can hold. */
export const BOUNDARY_LEVELS = ['chengqu', 'pianqu', 'shequ', 'xiaoqu'] as const;
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];

/** Whether a string names a boundary level. */
export function isBoundaryLevel(value: string | null): value is BoundaryLevel {
  return (BOUNDARY_LEVELS as readonly (string | null)[]).includes(value);
}

/** The coordinate systems the form offers: the named ones, and a projection by its code. */
export const FORM_CRS = [...COORDINATE_SYSTEMS, 'epsg'] as const;
export type FormCrs = (typeof FORM_CRS)[number];

/** The form's choice for a system the server names (a saved source's, a suggestion). */
export function formCrs(crs: ImportCrs): Pick<ImportSettings, 'crs' | 'epsg'> {
  return crs.startsWith('EPSG:')
    ? { crs: 'epsg', epsg: crs.slice(5) }
    : { crs: crs as CoordinateSystem, epsg: '' };
}

/** What the form's choice declares to the server. */
export const declaredCrs = (s: Pick<ImportSettings, 'crs' | 'epsg'>): ImportCrs =>
  s.crs === 'epsg' ? `EPSG:${Number(s.epsg.trim())}` : s.crs;

/** Encodings the form offers (`gb18030` reads GBK files: it is its superset). */
export const FORM_ENCODINGS = ['auto', 'utf-8', 'gb18030'] as const;
export type FormEncoding = (typeof FORM_ENCODINGS)[number];

/** What the form holds besides the file. */
export interface ImportSettings {
  kind: ImportKind;
  /** Boundaries only (default 小区). */
  level: BoundaryLevel;
  /** A named system, or `epsg`: the projection whose code is in `epsg`. */
  crs: FormCrs;
  /** The EPSG code typed for a declared projection (digits), when `crs` is `epsg`. */
  epsg: string;
  /** An Excel workbook's sheet; empty: the first. */
  sheet: string;
  /** A GeoPackage's layer; empty: its only one. */
  layer: string;
  encoding: FormEncoding;
  mode: ImportMode;
  /** The source system's name; empty: none (no saved mapping used or saved). */
  source: string;
  repair: boolean;
  /** False skips the server's coordinate-system plausibility check (default true). */
  crsCheck: boolean;
  /** Overlaps and gaps smaller than this are ignored (m², default 10, the server's default). */
  toleranceM2: number;
  /** Columns the user chose in the mapping table, field by field, over the server's guess. */
  mapping: ColumnMapping;
}

/** The settings a fresh form starts from. */
export const DEFAULT_SETTINGS: ImportSettings = {
  kind: 'issues',
  level: 'xiaoqu',
  crs: 'wgs84',
  epsg: '',
  sheet: '',
  layer: '',
  encoding: 'auto',
  mode: 'upsert',
  source: '',
  repair: false,
  crsCheck: true,
  toleranceM2: 10,
  mapping: {},
};

/** The picked file, as far as telling one file from another goes. */
export interface FileIdentity {
  name: string;
  size: number;
  lastModified: number;
}

/** Whether the settings apply to a kind's file: the level, repair and tolerance are boundaries'. */
function isBoundaries(settings: ImportSettings): boolean {
  return settings.kind === 'boundaries';
}

/** The query of an import (`importRoutes.run`) for a file and the settings. */
export function importInput(
  file: FileIdentity,
  settings: ImportSettings,
  dryRun: boolean,
): DataImportQuery {
  const source = settings.source.trim();
  return {
    kind: settings.kind,
    fileName: file.name,
    crs: declaredCrs(settings),
    encoding: settings.encoding,
    mode: settings.mode,
    ...(isBoundaries(settings)
      ? {
          level: settings.level,
          ...(settings.repair ? { repair: true } : {}),
          toleranceM2: settings.toleranceM2,
        }
      : {}),
    ...(source !== '' ? { source } : {}),
    ...(settings.sheet.trim() !== '' ? { sheet: settings.sheet.trim() } : {}),
    ...(settings.layer.trim() !== '' ? { layer: settings.layer.trim() } : {}),
    ...(Object.keys(settings.mapping).length > 0
      ? { mapping: JSON.stringify(settings.mapping) }
      : {}),
    ...(dryRun ? { dryRun: true } : {}),
    ...(settings.crsCheck ? {} : { crsCheck: false }),
  };
}

/** That query as the URL writes it. */
export function importQuery(file: FileIdentity, settings: ImportSettings, dryRun: boolean): string {
  return routeQueryString(importInput(file, settings, dryRun)).slice(1);
}

/** One string for a file and the settings: a check counts for the import only if it matches. */
export function checkKey(file: FileIdentity, settings: ImportSettings): string {
  return `${file.lastModified}:${file.size}:${importQuery(file, settings, false)}`;
}

/** The last dry run, and what it was run on. */
export interface CheckResult {
  key: string;
  report: DataImportReport;
}

/**
 * Whether 导入 may be pressed: a dry run of this very file and these settings found no error.
 * Warnings do not stop an import; the server checks everything again anyway.
 */
export function mayImport(
  check: CheckResult | null,
  file: FileIdentity | null,
  settings: ImportSettings,
): boolean {
  if (!check || !file) return false;
  return (
    check.report.dryRun && check.report.errorCount === 0 && check.key === checkKey(file, settings)
  );
}

/** The settings after picking a saved source: its system, encoding and level come with it. */
export function withSource(
  settings: ImportSettings,
  source: ImportSource | undefined,
): ImportSettings {
  if (!source) return settings;
  const encoding = (FORM_ENCODINGS as readonly string[]).includes(source.encoding)
    ? (source.encoding as FormEncoding)
    : source.encoding === 'gbk'
      ? 'gb18030'
      : settings.encoding;
  const level = isBoundaryLevel(source.level) ? source.level : settings.level;
  return {
    ...settings,
    kind: source.kind,
    source: source.name,
    ...formCrs(source.crs),
    encoding,
    level,
    // The saved mapping is the server's to apply; choices made for another file do not carry.
    mapping: {},
  };
}

/** Whether a report was read from a table (rows) rather than features (GeoJSON, Shapefile). */
function isTable(report: Pick<DataImportReport, 'format'>): boolean {
  return (
    report.format === 'csv' ||
    report.format === 'csv-wkt' ||
    report.format === 'xlsx' ||
    report.format === null
  );
}

/**
 * Where a problem is: for a CSV the spreadsheet's row (the server counts the header as row 1,
 * as Excel shows it), for GeoJSON and Shapefiles the feature's number; the file when no row.
 */
export function problemPlace(
  tr: Translator,
  problem: Pick<DataImportProblem, 'row'>,
  report: Pick<DataImportReport, 'format'>,
): string {
  if (problem.row === null) return tr.t('imports.place.file');
  return isTable(report)
    ? tr.t('imports.place.row', { n: problem.row })
    : tr.t('imports.place.feature', { n: problem.row });
}

/** A key of the catalogue if it exists, else null (field and level labels are optional). */
function knownKey(key: string): MessageKey | null {
  return key in MESSAGES['zh-CN'] ? (key as MessageKey) : null;
}

/** A field's name as the user reads it (`reported_at` → 上报时间), the key itself if unknown. */
export function fieldLabel(tr: Translator, field: string): string {
  const key = knownKey(`imports.field.${field}`);
  return key ? tr.t(key) : field;
}

/** A problem code's short name (`value_invalid` → 值无法识别), the code itself if unknown. */
export function problemLabel(tr: Translator, code: string): string {
  return labelOf(tr, 'imports.code', code);
}

/** The name of an encoding the server read the text in (`gb18030` → GBK). */
export function encodingLabel(tr: Translator, encoding: string | null): string {
  return encoding === null ? '—' : labelOf(tr, 'imports.encoding', encoding);
}

/** A level's or a coordinate system's name, the key itself if unknown. */
function labelOf(tr: Translator, prefix: string, value: string): string {
  const key = knownKey(`${prefix}.${value}`);
  return key ? tr.t(key) : value;
}

const SHARE_PARAMS = new Set(['share', 'declaredShare', 'suggestedShare']);
const AREA_PARAMS = new Set(['areaM2', 'beforeM2', 'afterM2']);

/** The problem's figures in the words and numbers of the user's language. */
function wordedParams(tr: Translator, p: DataImportProblem): MessageParams {
  const out: MessageParams = {};
  if (p.field !== null) out.field = fieldLabel(tr, p.field);
  if (p.code !== null) out.code = p.code;
  for (const [name, value] of Object.entries(p.params)) {
    if (value === null) continue;
    if (typeof value === 'number') {
      if (SHARE_PARAMS.has(name)) out[name] = tr.percent(value);
      else if (AREA_PARAMS.has(name)) out[name] = tr.count(value);
      else out[name] = value;
    } else if (name === 'declared' || name === 'suggested') {
      out[name] = labelOf(tr, 'imports.crs', value);
    } else if (name === 'found' || name === 'expected') {
      out[name] = labelOf(tr, 'imports.fileType', value);
    } else if (name === 'level') {
      out[name] = labelOf(tr, 'imports.level', value);
    } else {
      out[name] = value;
    }
  }
  return out;
}

/**
 * The problem as a sentence of the user's language, from the catalogue's template for its
 * code and its params; the server's English message when the template needs a figure the
 * problem does not carry (or has no template).
 */
export function problemSentence(tr: Translator, p: DataImportProblem): string {
  const key = knownKey(`imports.problem.${p.problem}`);
  if (!key) return p.message;
  const text = tr.t(key, wordedParams(tr, p));
  return /\{\w+\}/.test(text) ? p.message : text;
}

/** The per-code counts, most frequent first (ties by code), with whether each is an error. */
export function problemTally(
  report: Pick<DataImportReport, 'problemCounts' | 'problems'>,
): { problem: string; count: number; error: boolean }[] {
  const errors = new Set(
    report.problems.filter((p) => p.severity === 'error').map((p) => p.problem as string),
  );
  return Object.entries(report.problemCounts)
    .map(([problem, count]) => ({ problem, count, error: errors.has(problem) }))
    .sort(
      (a, b) =>
        Number(b.error) - Number(a.error) ||
        b.count - a.count ||
        a.problem.localeCompare(b.problem),
    );
}

/** Whether the report lists fewer problems than it counted (the server lists at most 500). */
export function isTruncated(report: Pick<DataImportReport, 'problems' | 'problemCounts'>): boolean {
  const total = Object.values(report.problemCounts).reduce((a, b) => a + b, 0);
  return report.problems.length < total;
}

/** A file size in the units people read (B, KB, MB; 1 KB = 1024 B). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Whether a file's name is one the import reads (by its extension). */
export function isAcceptedFile(name: string): boolean {
  // .xls and .gpkg too: the server names what they are and what to do with them.
  return /\.(csv|txt|geojson|json|zip|xlsx|xls|kml|kmz|gpkg)$/i.test(name);
}
