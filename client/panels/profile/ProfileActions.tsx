/**
 * The profile's actions: add to the compare list, export the CSV, the level's data (导出数据),
 * the map as PNG.
 */
import { useState } from 'react';
import type { AreaLevel } from '../../../server/contract/index.ts';
import { ExportMenu } from '../../export/ExportMenu.tsx';
import { addToCompare } from '../../state/linked-filters.ts';
import { MAX_COMPARE } from '../../state/url-state.ts';
import type { ProfileBodyProps } from './profile-props.ts';

export function ProfileActions({
  profile,
  url,
  onUrlChange,
  csvHref,
  onExportPng,
  compareEntries,
  tr,
}: ProfileBodyProps) {
  const { t } = tr;
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const code = profile.area.code;
  const inCompare = url.compare.includes(code);
  const listLevel: AreaLevel | null = compareEntries.find((e) => e.level)?.level ?? null;
  const sameLevel = listLevel === null || listLevel === profile.level;
  const full = sameLevel && url.compare.length >= MAX_COMPARE && !inCompare;
  const exportPng = () => {
    setExporting(true);
    setExportError(null);
    onExportPng()
      .catch((e: unknown) => setExportError(e instanceof Error ? e.message : String(e)))
      .finally(() => setExporting(false));
  };
  return (
    <div className="profile-actions" role="group" aria-label={t('profile.actions')}>
      {profile.level !== 'chengqu' && (
        <button
          type="button"
          className="profile-actions__button"
          disabled={inCompare || full}
          title={full ? t('profile.compareFull', { n: MAX_COMPARE }) : undefined}
          onClick={() => onUrlChange(addToCompare(url, code, sameLevel))}
          data-testid="add-compare"
        >
          {inCompare ? `✓ ${t('profile.inCompare')}` : `＋ ${t('profile.addCompare')}`}
        </button>
      )}
      <a className="profile-actions__button" href={csvHref} download data-testid="export-csv">
        {t('profile.exportCsv')}
      </a>
      <ExportMenu level={profile.level} url={url} tr={tr} />
      <button
        type="button"
        className="profile-actions__button"
        disabled={exporting}
        onClick={exportPng}
        data-testid="export-png"
      >
        {exporting ? t('profile.exporting') : t('profile.exportPng')}
      </button>
      {exportError && (
        <p className="profile-actions__error" role="alert">
          {t('profile.exportFailed', { message: exportError })}
        </p>
      )}
    </div>
  );
}
