/**
 * The side panel of the selected area: its profile from `GET /api/areas/:code/profile`, per
 * level, in the time window of the header. Its charts are linked to the map: a category bar sets
 * the map's category filter, a brush on the monthly chart the months. Reads data and dispatches
 * URL states; it never touches the map (the PNG export is handed in).
 */
import { isRetryable } from '../../api/api.ts';
import { ErrorNotice } from '../../api/ErrorNotice.tsx';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useDataset } from '../../dataset/use-dataset.ts';
import { Breadcrumb } from '../area/Breadcrumb.tsx';
import { Activities, Issues, Overview } from './FigureSections.tsx';
import { LevelSections } from './LevelSections.tsx';
import { ProfileActions } from './ProfileActions.tsx';
import { CompareBar, FilterBar, WindowControl } from './ProfileHeader.tsx';
import type { ProfileBodyProps, ProfilePanelProps } from './profile-props.ts';
import './profile.css';

export type { ProfilePanelProps } from './profile-props.ts';

export function ProfilePanel(props: ProfilePanelProps) {
  const { url, profile, fresh, loading, error, onRetry, onSelect } = props;
  const tr = useI18n();
  const { frame } = useDataset();
  const ready = fresh && profile !== null && !loading && !error;
  return (
    <aside
      className={`area-panel profile-panel${loading ? ' area-panel--loading' : ''}`}
      data-testid="area-panel"
      data-ready={ready ? 'true' : 'false'}
      data-level={profile?.level}
      aria-busy={loading}
    >
      {loading && <div className="area-panel__progress" aria-label={tr.t('panel.loading')} />}
      {error && !loading ? (
        <div className="area-panel__error">
          <ErrorNotice error={error} onRetry={isRetryable(error) ? onRetry : undefined} />
          {url.area !== frame.zone && !isRetryable(error) && (
            <button
              type="button"
              className="button button--link"
              onClick={() => onSelect(frame.zone)}
            >
              {tr.t('panel.backToZone')}
            </button>
          )}
        </div>
      ) : null}
      {profile && (fresh || loading) ? (
        <PanelBody {...props} profile={profile} tr={tr} />
      ) : (
        !error && <div className="area-panel__placeholder">{tr.t('panel.loading')}</div>
      )}
    </aside>
  );
}

function PanelBody(props: ProfileBodyProps) {
  const { profile, url, onUrlChange, onSelect, tr } = props;
  const { t, vocab } = tr;
  const { streetName } = useDataset();
  const a = profile.area;
  const compoundType = profile.level === 'xiaoqu' ? profile.compoundType : null;
  const subtitle = [
    t(`level.${a.level}`),
    a.street ? streetName(a.street) : null,
    compoundType ? vocab('compoundType', compoundType) : null,
  ].filter(Boolean);

  return (
    <div className="area-panel__body">
      <header className="area-panel__header profile-header">
        <Breadcrumb
          chain={a.chain}
          current={{ code: a.code, name: a.name, level: a.level }}
          onSelect={onSelect}
        />
        <h2 className="area-panel__title" data-testid="panel-title">
          {a.name}
        </h2>
        <div className="area-panel__subtitle">
          {subtitle.map((part, i) => (
            <span key={i} className="tag">
              {part}
            </span>
          ))}
        </div>
        <WindowControl url={url} onUrlChange={onUrlChange} resolved={profile.window} />
        <ProfileActions {...props} />
        <FilterBar url={url} onUrlChange={onUrlChange} />
        <CompareBar url={url} onUrlChange={onUrlChange} entries={props.compareEntries} />
      </header>

      <Overview
        figures={profile.figures}
        level={a.level}
        dated={profile.window.kind === 'range'}
        tr={tr}
      />
      <Issues {...props} />
      <LevelSections profile={profile} url={url} onSelect={onSelect} detail={props.detail} />
      <Activities figures={profile.figures} tr={tr} />
    </div>
  );
}
