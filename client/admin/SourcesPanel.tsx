/**
 * The saved import sources (导入来源): what each system's export is taken as (its kind, column
 * mapping, coordinate system and encoding), and the way to the import page that uses them.
 */
import { importRoutes } from '../../server/contract/index.ts';
import { ErrorNotice } from '../api/ErrorNotice.tsx';
import { useRouteQuery } from '../api/query.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { zoneTime } from './admin-state.ts';

export function SourcesPanel() {
  const tr = useI18n();
  const { frame } = useDataset();
  const { t, lang } = tr;
  const sources = useRouteQuery(importRoutes.sources, {});
  return (
    <section className="admin-card admin-card--wide">
      <div className="admin-card__head">
        <p className="admin-note">{t('admin.sources.lead')}</p>
        <a
          className="admin-button admin-button--primary"
          href={`/?lang=${lang}&mode=import`}
          data-testid="sources-to-import"
        >
          {t('admin.sources.toImport')}
        </a>
      </div>
      {sources.error ? (
        <ErrorNotice error={sources.error} onRetry={sources.retry} />
      ) : !sources.data ? (
        <p className="admin-note">{t('admin.loading')}</p>
      ) : sources.data.length === 0 ? (
        <p className="admin-note" data-testid="sources-empty">
          {t('admin.sources.empty')}
        </p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="import-sources">
            <thead>
              <tr>
                <th scope="col">{t('admin.sources.name')}</th>
                <th scope="col">{t('admin.sources.kind')}</th>
                <th scope="col">{t('admin.sources.crs')}</th>
                <th scope="col">{t('admin.sources.encoding')}</th>
                <th scope="col">{t('admin.sources.mapping')}</th>
                <th scope="col">{t('admin.sources.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {sources.data.map((s) => {
                const mapped = Object.entries(s.mapping);
                return (
                  <tr key={`${s.name}/${s.kind}`} data-testid="import-source">
                    <td>{s.name}</td>
                    <td>
                      {t(`admin.sources.kind.${s.kind}`)}
                      {s.level ? ` · ${t(`level.${s.level as 'pianqu'}`)}` : ''}
                    </td>
                    <td>
                      {/* A declared projection is named by its EPSG code, as the import form takes it. */}
                      {s.crs.startsWith('EPSG:')
                        ? s.crs
                        : t(
                            `admin.sources.crs.${s.crs as 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09'}`,
                          )}
                    </td>
                    <td className="admin-mono">{s.encoding}</td>
                    <td>
                      {mapped.length === 0 ? (
                        <span className="admin-note">{t('admin.sources.noMapping')}</span>
                      ) : (
                        <ul className="admin-mapping">
                          {mapped.map(([field, column]) => (
                            <li key={field}>
                              <span className="admin-mono">{field}</span> ← {column}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="admin-nowrap">{zoneTime(frame.timeZone, s.updatedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
