/**
 * The boundary versions (边界版本), newest first, and the configuration in force on any date:
 * which version held then, and a button that opens it in the workbench as a plan to look at.
 */
import { useState, type FormEvent } from 'react';
import type { AssignmentOn, BoundaryVersion } from '../../../server/contract/index.ts';
import { ErrorNotice } from '../../api/ErrorNotice.tsx';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useRouteQuery } from '../../api/query.ts';
import { plannerRoutes } from '../planner-api.ts';
import './scenario-panel.css';

/** Props of {@link VersionHistory}. */
export interface VersionHistoryProps {
  versions: readonly BoundaryVersion[] | null;
  /** Open the configuration of that date in the workbench. */
  onOpen(on: AssignmentOn): void;
}

export function VersionHistory({ versions, onOpen }: VersionHistoryProps) {
  const { t } = useI18n();
  const [date, setDate] = useState('');
  // The date last asked for; its answer is kept, and read again after an apply.
  const [asked, setAsked] = useState<string | null>(null);
  const lookup = useRouteQuery(plannerRoutes.assignment, asked ? { query: { on: asked } } : null);
  const found = lookup.data;
  const error = lookup.error;

  const look = (event: FormEvent) => {
    event.preventDefault();
    setAsked(date);
  };

  return (
    <section className="versions" data-testid="versions">
      <h3 className="planner-heading">{t('planner.versions')}</h3>
      <ul>
        {(versions ?? []).map((v) => (
          <li key={v.id}>
            <strong>v{v.id}</strong> {t('planner.versionFrom', { date: v.effectiveFrom })}
            {v.current && <span className="tag">{t('planner.currentTag')}</span>}
            <span className="planner-muted">
              {' · '}
              {v.origin === 'scenario' ? v.note : t(`planner.origin.${v.origin}`)}
            </span>
          </li>
        ))}
      </ul>
      <form className="pianqu-new" onSubmit={look}>
        <input
          type="date"
          value={date}
          required
          onChange={(e) => setDate(e.target.value)}
          aria-label={t('planner.onDate')}
          data-testid="history-date"
        />
        <button type="submit" className="button" disabled={!date}>
          {t('planner.lookUp')}
        </button>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {found && (
        <p className="planner-hint" data-testid="history-found">
          {found.version
            ? t('planner.versionOn', {
                on: found.on,
                v: found.version.id,
                from: found.version.effectiveFrom,
                n: new Set(found.shequ.map((s) => s.pianquCode)).size,
              })
            : t('planner.noVersionOn', { on: found.on })}{' '}
          {found.version && (
            <button type="button" className="button--link" onClick={() => onOpen(found)}>
              {t('planner.openInWorkbench')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}
