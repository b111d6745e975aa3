/**
 * What goes back out (issue 21): a table per level with every figure of the areas, their
 * boundaries with the same figures, and the 邻里之家 as points, in the files a data officer opens
 * in Excel, QGIS/ArcGIS or a Chinese web map. Every file is named and headed in Chinese; the
 * figures come from the one engine (contract/figures.ts), labelled by their definitions.
 */
import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { MapLevelSchema, errorResponses, literalUnion } from './common.ts';
import { aggregates, defineRoute } from './route.ts';
import { issueFilterProps, windowProps } from './figures.ts';

/**
 * The coordinates a file is written in: WGS84 (GPS, RFC 7946), GCJ-02 (高德, 腾讯) or BD-09
 * (百度), converted with the import's library (gcoord) so a round trip lands where it started.
 */
export const EXPORT_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type ExportCrs = (typeof EXPORT_CRS)[number];

/** Spreadsheet formats of the table: CSV (UTF-8 with BOM) or an Excel workbook. */
export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** Boundary formats: GeoJSON (RFC 7946), zipped Shapefile (GBK `.dbf`) or GeoPackage. */
export const BOUNDARY_FORMATS = ['geojson', 'shp', 'gpkg'] as const;
export type BoundaryFormat = (typeof BOUNDARY_FORMATS)[number];

/** Point formats: GeoJSON, or CSV with 经度/纬度 columns. */
export const POINT_FORMATS = ['geojson', 'csv'] as const;
export type PointFormat = (typeof POINT_FORMATS)[number];

const obj = <T extends TProperties>(props: T) =>
  Type.Object(props, { additionalProperties: false });

const crsProp = {
  /** Default `wgs84`. `gcj02` for 高德/腾讯 maps, `bd09` for 百度. */
  crs: Type.Optional(literalUnion(EXPORT_CRS, 'coordinate system of the file')),
};

/** `:level`: the level whose areas are the rows. */
export const ExportLevelParamsSchema = obj({ level: MapLevelSchema });
export type ExportLevelParams = Static<typeof ExportLevelParamsSchema>;

/** The table's query: its format, and the profile's window and issue filters. */
export const TableExportQuerySchema = obj({
  format: Type.Optional(literalUnion(TABLE_FORMATS, 'file format, default csv')),
  ...windowProps,
  ...issueFilterProps,
});
export type TableExportQuery = Static<typeof TableExportQuerySchema>;

/** The boundaries' query: format, coordinates, and the window and filters of their figures. */
export const BoundaryExportQuerySchema = obj({
  format: Type.Optional(literalUnion(BOUNDARY_FORMATS, 'file format, default geojson')),
  ...crsProp,
  ...windowProps,
  ...issueFilterProps,
});
export type BoundaryExportQuery = Static<typeof BoundaryExportQuerySchema>;

export const PointExportQuerySchema = obj({
  format: Type.Optional(literalUnion(POINT_FORMATS, 'file format, default geojson')),
  ...crsProp,
});
export type PointExportQuery = Static<typeof PointExportQuerySchema>;

/** Query of the planner's GeoJSON export: the coordinates it is written in. */
export const CrsQuerySchema = obj(crsProp);

const file = (description: string) => ({
  200: Type.String({ description }),
  ...errorResponses,
});

/**
 * The export routes. Public like the profile CSV: figures and public layers, no person, the same
 * for every role (`aggregates`). Each answer is an attachment named in Chinese (RFC 5987
 * `filename*`, with an ASCII `filename` for old clients).
 */
export const exportRoutes = {
  /**
   * Every area of a level, one row each, keyed by code (joins to the boundaries), with every
   * figure of the profile in the window: CSV (UTF-8 with BOM, Chinese headers) or `.xlsx`.
   */
  table: defineRoute({
    method: 'GET',
    url: '/api/exports/:level/table',
    access: 'public',
    scope: aggregates,
    schema: {
      params: ExportLevelParamsSchema,
      querystring: TableExportQuerySchema,
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: file('CSV or xlsx: 代码, 名称, then one column per figure'),
    },
  }),
  /**
   * The areas of a level with the table's columns as attributes: GeoJSON, a zipped Shapefile
   * (`.shp .shx .dbf` in GBK with `.cpg`, `.prj`, and a `-fields.csv` (字段对照) naming the
   * column of each ≤10-byte field)
   * or a GeoPackage.
   */
  boundaries: defineRoute({
    method: 'GET',
    url: '/api/exports/:level/boundaries',
    access: 'public',
    scope: aggregates,
    schema: {
      params: ExportLevelParamsSchema,
      querystring: BoundaryExportQuerySchema,
      produces: ['application/geo+json', 'application/zip', 'application/geopackage+sqlite3'],
      response: file('GeoJSON, zipped Shapefile or GeoPackage'),
    },
  }),
  /** The 邻里之家 as points: GeoJSON or CSV with 经度, 纬度. */
  sites: defineRoute({
    method: 'GET',
    url: '/api/exports/sites',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: PointExportQuerySchema,
      produces: ['application/geo+json', 'text/csv'],
      response: file('GeoJSON or CSV'),
    },
  }),
};
