/**
 * The audit log (审计日志): filtered by who, what and the days of the data set's clock, newest
 * first, a page at a time; the CSV export downloads the same filter whole.
 */
import { useMemo, useState } from 'react';
import { AUDIT_ACTIONS, adminRoutes, type AuditEntry } from '../../server/contract/index.ts';
import { ErrorNotice } from '../api/ErrorNotice.tsx';
import { useRouteQuery } from '../api/query.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { auditCsvUrl } from './admin-api.ts';
import { NO_AUDIT_FILTER, auditQuery, zoneTime, type AuditFilter } from './admin-state.ts';

/** Lines per page. */
const PAGE = 100;
/** Actors that are no user: the big screens and the server itself. */
const OTHER_ACTORS = ['screen', 'system'];

export function AuditPanel() {
  const tr = useI18n();
  const { t } = tr;
  const { frame } = useDataset();
  const [filter, setFilter] = useState<AuditFilter>(NO_AUDIT_FILTER);
  // The ids each page before the current one starts below: back pops, older pushes.
  const [cursors, setCursors] = useState<number[]>([]);
  const query = auditQuery(filter);
  const before = cursors.at(-1);
  const page = useRouteQuery(
    adminRoutes.audit,
    query === 'range' ? null : { query: { ...query, limit: PAGE, ...(before ? { before } : {}) } },
    { keepPrevious: true },
  );
  const users = useRouteQuery(adminRoutes.users, {});
  const usernames = useMemo(
    () => new Map((users.data ?? []).map((u) => [`user:${u.id}`, u.username])),
    [users.data],
  );
  const change = (next: Partial<AuditFilter>) => {
    setFilter({ ...filter, ...next });
    setCursors([]);
  };
  const actionLabel = (action: string) =>
    (AUDIT_ACTIONS as readonly string[]).includes(action)
      ? t(`admin.action.${action}` as MessageKey)
      : action;
  const lines = page.data ?? [];
  const first = cursors.length * PAGE + 1;

  return (
    <section className="admin-card admin-card--wide">
      <form
        className="admin-filters"
        aria-label={t('admin.audit.filters')}
        onSubmit={(e) => e.preventDefault()}
        data-testid="audit-filters"
      >
        <label className="admin-field">
          {t('admin.audit.actor')}
          <input
            type="text"
            list="admin-audit-actors"
            value={filter.actor}
            placeholder={t('admin.audit.actorHint')}
            onChange={(e) => change({ actor: e.target.value })}
            data-testid="audit-actor"
          />
          <datalist id="admin-audit-actors">
            {[...(users.data ?? []).map((u) => u.username), ...OTHER_ACTORS].map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="admin-field">
          {t('admin.audit.action')}
          <select
            value={filter.action}
            onChange={(e) => change({ action: e.target.value as AuditFilter['action'] })}
            data-testid="audit-action"
          >
            <option value="">{t('admin.audit.anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="admin-field">
          {t('admin.audit.from')}
          <input
            type="date"
            value={filter.from}
            max={filter.to || undefined}
            onChange={(e) => change({ from: e.target.value })}
            data-testid="audit-from"
          />
        </label>
        <label className="admin-field">
          {t('admin.audit.to')}
          <input
            type="date"
            value={filter.to}
            min={filter.from || undefined}
            onChange={(e) => change({ to: e.target.value })}
            data-testid="audit-to"
          />
        </label>
        <div className="admin-filters__buttons">
          <button
            type="button"
            className="admin-button"
            onClick={() => change(NO_AUDIT_FILTER)}
            data-testid="audit-clear"
          >
            {t('admin.audit.clear')}
          </button>
          {query === 'range' ? (
            <span className="admin-warn">{t('admin.audit.rangeInvalid')}</span>
          ) : (
            <a
              className="admin-button admin-button--primary"
              href={auditCsvUrl(query)}
              download
              data-testid="audit-export"
            >
              {t('admin.audit.export')}
            </a>
          )}
        </div>
      </form>
      <p className="admin-note">{t('admin.audit.timeZone', { timeZone: frame.timeZone })}</p>

      {page.error ? (
        <ErrorNotice error={page.error} onRetry={page.retry} />
      ) : query === 'range' ? null : !page.data ? (
        <p className="admin-note">{t('admin.loading')}</p>
      ) : (
        <>
          <div className="admin-table-wrap admin-table-wrap--tall">
            <table
              className="admin-table"
              data-testid="audit-lines"
              data-stale={String(page.stale || page.loading)}
            >
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.time')}</th>
                  <th scope="col">{t('admin.audit.actor')}</th>
                  <th scope="col">{t('admin.audit.action')}</th>
                  <th scope="col">{t('admin.audit.target')}</th>
                  <th scope="col">{t('admin.audit.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((e) => (
                  <AuditLine
                    key={e.id}
                    entry={e}
                    action={actionLabel(e.action)}
                    targetName={e.target ? usernames.get(e.target) : undefined}
                    time={zoneTime(frame.timeZone, e.at)}
                  />
                ))}
              </tbody>
            </table>
            {lines.length === 0 && <p className="admin-note">{t('admin.audit.empty')}</p>}
          </div>
          <div className="admin-pager">
            <button
              type="button"
              className="admin-button admin-button--small"
              disabled={cursors.length === 0}
              onClick={() => setCursors(cursors.slice(0, -1))}
              data-testid="audit-newer"
            >
              {t('admin.audit.newer')}
            </button>
            {lines.length > 0 && (
              <span className="admin-note" data-testid="audit-shown">
                {t('admin.audit.shown', {
                  first: tr.count(first),
                  last: tr.count(first + lines.length - 1),
                })}
              </span>
            )}
            <button
              type="button"
              className="admin-button admin-button--small"
              disabled={lines.length < PAGE}
              onClick={() => setCursors([...cursors, lines.at(-1)!.id])}
              data-testid="audit-older"
            >
              {t('admin.audit.older')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

interface AuditLineProps {
  entry: AuditEntry;
  action: string;
  /** The username a `user:ID` target stands for. */
  targetName: string | undefined;
  time: string;
}

function AuditLine({ entry, action, targetName, time }: AuditLineProps) {
  const detail = entry.detail === null ? '' : JSON.stringify(entry.detail);
  return (
    <tr data-testid="audit-line" data-id={entry.id} data-action={entry.action}>
      <td className="admin-nowrap">{time}</td>
      <td className="admin-mono" data-testid="audit-line-actor">
        {entry.actor}
      </td>
      <td title={entry.action}>{action}</td>
      <td className="admin-mono">
        {entry.target ?? ''}
        {targetName && <span className="admin-note"> {targetName}</span>}
      </td>
      <td className="admin-detail" title={detail}>
        {detail}
      </td>
    </tr>
  );
}
