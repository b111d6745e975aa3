/**
 * Real data in (数据导入): boundaries of any level and records (issues, 邻里之家 sites, staff,
 * activities) from the files a district already has, validated row by row before anything is
 * written, then written in one transaction and restorable afterwards. The admin upload and
 * `npm run import` both go through `server/features/imports/`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ErrorSchema, errorResponses, literalUnion } from './common.ts';
import { IdParamsSchema } from './auth.ts';
import { defineRoute, zone, zonePersonal } from './route.ts';
import { EXTENSIBLE_KINDS, VocabKeySchema } from './vocabulary.ts';

/** What a file holds. `boundaries` are areas of one level; the rest are records. */
export const IMPORT_KINDS = ['boundaries', 'issues', 'sites', 'staff', 'activities'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * The coordinate system the file's coordinates are in, as declared by the user. CGCS2000
 * (国家2000) geographic coordinates differ from WGS84 by centimetres and are taken as they
 * are; GCJ-02 (高德, 腾讯) and BD-09 (百度) are converted to WGS84 on the way in.
 */
export const COORDINATE_SYSTEMS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

/**
 * A projection declared by its EPSG code, for files that carry none (a Shapefile without
 * `.prj`, a CSV of X/Y in metres, a GeoPackage whose system is missing): the CGCS2000
 * Gauss-Krüger zones that cover China, 3° and 6°, with and without the zone number in front
 * of the easting (EPSG:4491–4554), WGS84 UTM 50N/51N and Web Mercator.
 */
export type ProjectedCrs = `EPSG:${number}`;
export const PROJECTED_EPSG: readonly number[] = [
  ...Array.from({ length: 4554 - 4491 + 1 }, (_, i) => 4491 + i),
  32650,
  32651,
  3857,
];
export const isProjectedCrs = (c: string): c is ProjectedCrs =>
  /^EPSG:\d{4,5}$/.test(c) && PROJECTED_EPSG.includes(Number(c.slice(5)));

/** What a file's coordinates are declared to be in: a named system, or a projection. */
export type ImportCrs = CoordinateSystem | ProjectedCrs;
export const ImportCrsSchema = Type.Union([
  literalUnion(COORDINATE_SYSTEMS),
  Type.Unsafe<ProjectedCrs>(Type.String({ pattern: '^EPSG:[0-9]{4,5}$' })),
]);

/** Text encodings; `auto` detects UTF-8 (with or without BOM) or else GB18030 (a GBK superset). */
export const TEXT_ENCODINGS = ['auto', 'utf-8', 'gb18030'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** `upsert`: add new codes, update the ones present. `replace`: the file becomes the whole table. */
export const IMPORT_MODES = ['upsert', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const FILE_FORMATS = [
  'geojson',
  'shapefile',
  'csv-wkt',
  'csv',
  'xlsx',
  'kml',
  'kmz',
  'gpkg',
] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** Every problem an import can report; `params` carry its figures for the client's wording. */
export const IMPORT_PROBLEMS = [
  'file_empty',
  'file_too_large',
  'file_truncated',
  'file_unreadable',
  'encoding_invalid',
  'header_mismatch',
  'archive_too_large',
  'archive_name_unsafe',
  'line_too_long',
  'cell_too_long',
  'feature_too_large',
  'nesting_too_deep',
  'import_stopped',
  'column_missing',
  'column_unknown',
  'row_columns',
  'value_missing',
  'value_invalid',
  'duplicate',
  'parent_missing',
  'parent_unknown',
  'area_unknown',
  'geometry_missing',
  'geometry_type',
  'geometry_invalid',
  'geometry_repaired',
  'not_inside_parent',
  'overlap',
  'gap',
  'outside_zone',
  'outside_xiaoqu',
  'nearest_xiaoqu',
  'crs_suspect',
  'replace_in_use',
  'term_added',
  'file_type',
  'file_encrypted',
  'sheet_unknown',
  'layer_unknown',
  'crs_unsupported',
  'column_unmapped',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

export const DataImportProblemSchema = Type.Object(
  {
    problem: literalUnion(IMPORT_PROBLEMS),
    /** `error` stops the import; `warning` is reported and the import may go on. */
    severity: literalUnion(['error', 'warning'] as const),
    /** The file (a Shapefile's member, e.g. `xiaoqu.shp`, inside a zip). */
    file: Type.String(),
    /**
     * The row as a spreadsheet shows it (1 = the header, 2 = the first data row) in a CSV, or the
     * feature number (1 = first) in GeoJSON and Shapefiles; null: the whole file.
     */
    row: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    /** The field (a key of the mapping), when one is at fault. */
    field: Type.Union([Type.String(), Type.Null()]),
    /** The record's code or id, when it has one. */
    code: Type.Union([Type.String(), Type.Null()]),
    /** Where on the map (WGS84 lon, lat), when the problem has a place. */
    location: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
    /** Figures and names for the wording (area in m², shares, values, reasons). */
    params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
    /** The problem in English words, with its row and figures (the CLI prints this). */
    message: Type.String(),
  },
  { additionalProperties: false },
);
export type DataImportProblem = Static<typeof DataImportProblemSchema>;

const Count = Type.Integer({ minimum: 0 });

/** What a column mapping says: field → the file's column (header text, as written). */
export const ColumnMappingSchema = Type.Record(Type.String(), Type.String());
export type ColumnMapping = Static<typeof ColumnMappingSchema>;

/** A field of a kind: what the mapping can point at. */
export const ImportFieldSchema = Type.Object(
  {
    field: Type.String(),
    required: Type.Boolean(),
    /** `number`, `integer`, `date`, `datetime`, `text`, `code` or one of a list (`enum`). */
    type: Type.String(),
    values: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type ImportField = Static<typeof ImportFieldSchema>;

/** The report of an import or a dry run. */
export const DataImportReportSchema = Type.Object(
  {
    /** The import's id once written (restorable by it); null for a dry run or a refusal. */
    importId: Type.Union([Type.Integer(), Type.Null()]),
    kind: literalUnion(IMPORT_KINDS),
    /** For boundaries: the level the file's areas are. */
    level: Type.Union([Type.String(), Type.Null()]),
    fileName: Type.String(),
    format: Type.Union([literalUnion(FILE_FORMATS), Type.Null()]),
    /** The workbook's sheet or the GeoPackage's layer that was read. */
    table: Type.Optional(Type.String()),
    /** The encoding the text was read in (detected or declared). */
    encoding: Type.Union([Type.String(), Type.Null()]),
    crs: ImportCrsSchema,
    mode: literalUnion(IMPORT_MODES),
    dryRun: Type.Boolean(),
    /** Whether the data landed: never with an error, never on a dry run. */
    applied: Type.Boolean(),
    /** The file's columns (or attribute names) and the mapping used. */
    columns: Type.Array(Type.String()),
    mapping: ColumnMappingSchema,
    rows: Count,
    valid: Count,
    inserted: Count,
    updated: Count,
    /** Rows deleted because `replace` left them out. */
    deleted: Count,
    errorCount: Count,
    warningCount: Count,
    /** Problems, errors first, at most 500 listed (the counts are complete). */
    problems: Type.Array(DataImportProblemSchema),
    /** Count of every problem by code, complete. */
    problemCounts: Type.Record(Type.String(), Count),
    /** Data versions after the import (tiles and caches are keyed by them). */
    dataVersion: Type.Union([Type.Record(Type.String(), Type.Integer()), Type.Null()]),
    seconds: Type.Number(),
    /**
     * Terms of the vocabulary the file named in Chinese and no term had: added with the
     * records (a dry run lists what it would add and adds nothing).
     */
    addedTerms: Type.Array(
      Type.Object(
        {
          kind: literalUnion(EXTENSIBLE_KINDS),
          key: VocabKeySchema,
          zh: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type DataImportReport = Static<typeof DataImportReportSchema>;

/** `POST /api/admin/imports?…` with the file as the body. */
export const DataImportQuerySchema = Type.Object(
  {
    kind: literalUnion(IMPORT_KINDS),
    /**
     * The file's name, for the report. The format is known by the file's bytes (a zip's
     * members, a workbook, a GeoPackage, KML, JSON or text), never by this name alone.
     */
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    /** Boundaries: the level of the file's areas. */
    level: Type.Optional(literalUnion(['chengqu', 'pianqu', 'shequ', 'xiaoqu'] as const)),
    /** A named system, or `EPSG:NNNN` for a projection the file does not declare itself. */
    crs: Type.Optional(ImportCrsSchema),
    /** An Excel workbook: the sheet to read (default the first). */
    sheet: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** A GeoPackage with several feature layers: the layer to read. */
    layer: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    encoding: Type.Optional(literalUnion([...TEXT_ENCODINGS, 'gbk'] as const)),
    mode: Type.Optional(literalUnion(IMPORT_MODES)),
    /** The source system's name: its saved mapping is used, and saved after a success. */
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    /** JSON object field → column; overrides the saved and guessed mapping field by field. */
    mapping: Type.Optional(Type.String({ maxLength: 4000 })),
    dryRun: Type.Optional(Type.Boolean()),
    /** Repair invalid geometries with ST_MakeValid (the report says what changed). */
    repair: Type.Optional(Type.Boolean()),
    /** Skip the coordinate-system plausibility check (the user has confirmed the system). */
    crsCheck: Type.Optional(Type.Boolean()),
    /** Overlaps and gaps between sibling areas smaller than this are ignored (m², default 10). */
    toleranceM2: Type.Optional(Type.Number({ minimum: 0, maximum: 1e7 })),
  },
  { additionalProperties: false },
);
export type DataImportQuery = Static<typeof DataImportQuerySchema>;

/** One import as the history lists it. */
export const ImportRunSchema = Type.Object(
  {
    id: Type.Integer(),
    kind: literalUnion(IMPORT_KINDS),
    level: Type.Union([Type.String(), Type.Null()]),
    fileName: Type.String(),
    source: Type.Union([Type.String(), Type.Null()]),
    mode: literalUnion(IMPORT_MODES),
    inserted: Count,
    updated: Count,
    deleted: Count,
    status: literalUnion(['applied', 'restored'] as const),
    /** Whether it can be restored now: the latest import still applied. */
    restorable: Type.Boolean(),
    createdBy: Type.String(),
    createdAt: Type.String(),
    restoredAt: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ImportRun = Static<typeof ImportRunSchema>;

/** A source system's saved settings: the next file from it imports in one step. */
export const ImportSourceSchema = Type.Object(
  {
    name: Type.String(),
    kind: literalUnion(IMPORT_KINDS),
    mapping: ColumnMappingSchema,
    crs: ImportCrsSchema,
    encoding: Type.String(),
    level: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.String(),
  },
  { additionalProperties: false },
);
export type ImportSource = Static<typeof ImportSourceSchema>;

/** `GET /api/admin/import-fields`: what each kind's mapping can name. */
export const ImportFieldsSchema = Type.Record(Type.String(), Type.Array(ImportFieldSchema));
export type ImportFields = Static<typeof ImportFieldsSchema>;

/** The answer to an import that did not land: the report says why, nothing was written. */
export const DataImportRejectedSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    report: DataImportReportSchema,
  },
  { additionalProperties: false },
);

/**
 * The imports: upload, history, restore, saved sources and the fields each kind's mapping can
 * name. Admins only. An issues file's report may quote its rows, reporters' names and phones
 * among them: those answers are personal.
 */
export const importRoutes = {
  /** The file is the request body, sent as its bytes; the query says what it holds. */
  run: defineRoute({
    method: 'POST',
    url: '/api/admin/imports',
    access: 'admin',
    scope: zonePersonal,
    schema: {
      querystring: DataImportQuerySchema,
      response: {
        200: DataImportReportSchema,
        413: DataImportRejectedSchema,
        422: DataImportRejectedSchema,
        ...errorResponses,
      },
    },
  }),
  runs: defineRoute({
    method: 'GET',
    url: '/api/admin/imports',
    access: 'admin',
    scope: zonePersonal,
    schema: { response: { 200: Type.Array(ImportRunSchema), ...errorResponses } },
  }),
  /** Undoes the latest import still applied. */
  restore: defineRoute({
    method: 'POST',
    url: '/api/admin/imports/:id/restore',
    access: 'admin',
    scope: zonePersonal,
    schema: {
      params: IdParamsSchema,
      response: { 200: ImportRunSchema, 409: ErrorSchema, ...errorResponses },
    },
  }),
  sources: defineRoute({
    method: 'GET',
    url: '/api/admin/import-sources',
    access: 'admin',
    scope: zone,
    schema: { response: { 200: Type.Array(ImportSourceSchema), ...errorResponses } },
  }),
  fields: defineRoute({
    method: 'GET',
    url: '/api/admin/import-fields',
    access: 'admin',
    scope: zone,
    schema: { response: { 200: ImportFieldsSchema, ...errorResponses } },
  }),
};
