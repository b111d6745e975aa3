import type { FastifyInstance } from 'fastify';
import type {
  BoundaryExportQuery,
  ExportCrs,
  MapLevel,
  PointExportQuery,
  TableExportQuery,
} from '../../contract/index.ts';
import { csvFile } from '../../lib/csv.ts';
import { attachmentHeader } from '../../http/attachment.ts';
import { zoneClock } from '../dataset/repository.ts';
import { figuresRepository, issueLists } from '../figures/repository.ts';
import { resolveWindow } from '../figures/window.ts';
import { windowLabel } from '../profiles/service.ts';
import { vocabularyRepository } from '../vocabulary/repository.ts';
import { CRS_NAME, multiPolygonToCrs, toCrs } from './geometry.ts';
import { geopackage } from './geopackage.ts';
import { exportsRepository } from './repository.ts';
import { shapefileZip } from './shapefile.ts';
import { LEVEL_ZH, cellValue, figureTable, type ExportTable } from './table.ts';
import { tableXlsx } from './xlsx.ts';

/** A file to send: its bytes, type and `Content-Disposition`. */
export interface ExportFile {
  body: string | Buffer;
  contentType: string;
  disposition: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The coordinates in a file name, when they are not WGS84's. */
const crsSuffix = (crs: ExportCrs) => (crs === 'wgs84' ? '' : `-${crs}`);

/** The export use cases; a wrong query throws the HTTP error that names it. */
export function exportsService(app: FastifyInstance) {
  const repo = exportsRepository(app.db);
  const engine = figuresRepository(app.db);

  /** Every area of `level` with its figures in the query's window, as the table's rows. */
  async function table(
    level: MapLevel,
    q: TableExportQuery | BoundaryExportQuery,
  ): Promise<{ table: ExportTable; window: string }> {
    const clock = await zoneClock(app.db);
    const { window: kind, from, to } = q;
    const window = resolveWindow({ window: kind, from, to }, clock.today);
    if ('problem' in window) throw app.httpErrors.badRequest(window.problem);
    const areas = await repo.areas(level);
    const figures = await engine.figures(
      areas.map((a) => a.code),
      window,
      issueLists(q),
      clock,
    );
    const vocabulary = await vocabularyRepository(app.db).all();
    return { table: figureTable(areas, figures, window, vocabulary), window: windowLabel(window) };
  }

  return {
    async table(level: MapLevel, q: TableExportQuery): Promise<ExportFile> {
      const { table: t, window } = await table(level, q);
      const name = `${LEVEL_ZH[level]}指标-${window}`;
      const ascii = `${level}-figures-${window}`;
      if (q.format === 'xlsx') {
        return {
          body: await tableXlsx(t, LEVEL_ZH[level]),
          contentType: XLSX,
          disposition: attachmentHeader(`${ascii}.xlsx`, `${name}.xlsx`),
        };
      }
      return {
        body: csvFile([t.columns, ...t.rows]),
        contentType: 'text/csv; charset=utf-8',
        disposition: attachmentHeader(`${ascii}.csv`, `${name}.csv`),
      };
    },

    async boundaries(level: MapLevel, q: BoundaryExportQuery): Promise<ExportFile> {
      const crs = q.crs ?? 'wgs84';
      const { table: t, window } = await table(level, q);
      const outlines = await repo.boundaries(level);
      const geometries = t.codes.map((c) => multiPolygonToCrs(outlines.get(c)!, crs));
      const name = `${LEVEL_ZH[level]}边界-${window}${crsSuffix(crs)}`;
      const ascii = `${level}-boundaries-${window}${crsSuffix(crs)}`;
      if (q.format === 'shp') {
        return {
          body: shapefileZip(level, t.columns, t.rows, geometries),
          contentType: 'application/zip',
          disposition: attachmentHeader(`${ascii}.zip`, `${name}.zip`),
        };
      }
      if (q.format === 'gpkg') {
        return {
          body: await geopackage({
            table: level,
            identifier: `${LEVEL_ZH[level]}边界`,
            description: `${name}; ${CRS_NAME[crs]}`,
            columns: t.columns,
            rows: t.rows,
            geometries,
          }),
          contentType: 'application/geopackage+sqlite3',
          disposition: attachmentHeader(`${ascii}.gpkg`, `${name}.gpkg`),
        };
      }
      const fc = {
        type: 'FeatureCollection',
        name,
        // A foreign member (RFC 7946 §6.1): a GCJ-02 or BD-09 file says what it holds.
        ...(crs === 'wgs84' ? {} : { coordinateSystem: crs }),
        features: t.rows.map((row, i) => ({
          type: 'Feature',
          id: t.codes[i],
          properties: Object.fromEntries(t.columns.map((c, k) => [c, cellValue(row[k]!)])),
          geometry: { type: 'MultiPolygon', coordinates: geometries[i] },
        })),
      };
      return {
        body: JSON.stringify(fc),
        contentType: 'application/geo+json; charset=utf-8',
        disposition: attachmentHeader(`${ascii}.geojson`, `${name}.geojson`),
      };
    },

    async sites(q: PointExportQuery): Promise<ExportFile> {
      const crs = q.crs ?? 'wgs84';
      const rows = await repo.sites();
      const roomKinds = new Map(
        (await vocabularyRepository(app.db).all()).siteRoomKind.map((t) => [t.key, t.zh]),
      );
      const columns = [
        '代码',
        '名称',
        '小区代码',
        '小区名称',
        '用房类型',
        '服务',
        '开放时间',
        '面积(㎡)',
      ];
      const cells = rows.map((s) => [
        s.code,
        s.name,
        s.xiaoquCode,
        s.xiaoquName,
        roomKinds.get(s.roomKind) ?? s.roomKind,
        s.services,
        s.openingHours,
        s.floorAreaM2,
      ]);
      const points = rows.map((s) => toCrs([s.lon, s.lat], crs));
      const name = `邻里之家${crsSuffix(crs)}`;
      const ascii = `sites${crsSuffix(crs)}`;
      if (q.format === 'csv') {
        return {
          body: csvFile([
            [...columns, '经度', '纬度'],
            ...cells.map((c, i) => [...c, ...points[i]!]),
          ]),
          contentType: 'text/csv; charset=utf-8',
          disposition: attachmentHeader(`${ascii}.csv`, `${name}.csv`),
        };
      }
      return {
        body: JSON.stringify({
          type: 'FeatureCollection',
          name,
          ...(crs === 'wgs84' ? {} : { coordinateSystem: crs }),
          features: cells.map((c, i) => ({
            type: 'Feature',
            id: rows[i]!.code,
            properties: Object.fromEntries(columns.map((col, k) => [col, c[k]])),
            geometry: { type: 'Point', coordinates: points[i] },
          })),
        }),
        contentType: 'application/geo+json; charset=utf-8',
        disposition: attachmentHeader(`${ascii}.geojson`, `${name}.geojson`),
      };
    },
  };
}
