/**
 * The data exports of the profile's level (导出数据): the figures table, the boundaries with
 * their figures and the 邻里之家, in the panel's window and filters, as plain download links to
 * the export routes. The coordinate choice applies to the files with coordinates.
 */
import { useState } from 'react';
import {
  EXPORT_CRS,
  exportRoutes,
  routeUrl,
  type AreaLevel,
  type ExportCrs,
  type MapLevel,
} from '../../server/contract/index.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { profileQueryOf } from '../figures/route-query.ts';
import type { Translator } from '../i18n/i18n.ts';
import { profileQuery } from '../state/linked-filters.ts';
import type { UrlState } from '../state/url-state.ts';
import './export-menu.css';

/** The level a profile's export lists: its own, or the 片区 for the zone. */
export const exportLevel = (level: AreaLevel): MapLevel => (level === 'chengqu' ? 'pianqu' : level);

export function ExportMenu({
  level,
  url,
  tr,
}: {
  level: AreaLevel;
  url: UrlState;
  tr: Translator;
}) {
  const { t } = tr;
  const { frame } = useDataset();
  const [crs, setCrs] = useState<ExportCrs>('wgs84');
  const query = profileQueryOf(profileQuery(url, frame.firstMonth));
  const params = { level: exportLevel(level) };
  const levelName = t(`level.${params.level}`);
  const link = (href: string, label: string, id: string) => (
    <a className="export-menu__link" href={href} download data-testid={`export-${id}`}>
      {label}
    </a>
  );
  const coords = crs === 'wgs84' ? {} : { crs };
  return (
    <details className="export-menu" data-testid="export-menu">
      <summary className="profile-actions__button">{t('export.menu')}</summary>
      <div className="export-menu__body" title={t('export.menuHint')}>
        <div className="export-menu__row">
          <span>{t('export.table', { level: levelName })}</span>
          {(['csv', 'xlsx'] as const).map((format) =>
            link(
              routeUrl(exportRoutes.table, { params, query: { ...query, format } }),
              t(`export.${format}`),
              `table-${format}`,
            ),
          )}
        </div>
        <div className="export-menu__row">
          <span>{t('export.boundaries', { level: levelName })}</span>
          {(['geojson', 'shp', 'gpkg'] as const).map((format) =>
            link(
              routeUrl(exportRoutes.boundaries, {
                params,
                query: { ...query, ...coords, format },
              }),
              t(`export.${format}`),
              `boundaries-${format}`,
            ),
          )}
        </div>
        <div className="export-menu__row">
          <span>{t('export.sites')}</span>
          {(['geojson', 'csv'] as const).map((format) =>
            link(
              routeUrl(exportRoutes.sites, { query: { ...coords, format } }),
              t(`export.${format}`),
              `sites-${format}`,
            ),
          )}
        </div>
        <label className="export-menu__row">
          <span>{t('export.crs')}</span>
          <select
            value={crs}
            onChange={(e) => setCrs(e.target.value as ExportCrs)}
            data-testid="export-crs"
          >
            {EXPORT_CRS.map((c) => (
              <option key={c} value={c}>
                {t(`export.crs.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </details>
  );
}
