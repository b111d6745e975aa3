/**
 * The controls at the top of the profile: the time window (本月 / 本年 / 全部 / 自定义), the
 * filters the linked views set with one "清除筛选", the compare list, and the exports. They read
 * the URL state and dispatch new states; nothing here fetches.
 */
import type { AreaLevel, ProfileWindow } from '../../../server/contract/index.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { MonthSelect } from '../../app/MonthSelect.tsx';
import {
  clearLinkedFilters,
  hasLinkedFilters,
  removeFromCompare,
  setCompareOpen,
  setRangeEnd,
  setTimeWindow,
  toggleCategory,
} from '../../state/linked-filters.ts';
import { monthSteps, toggleIssueFilter } from '../../layers/issues/state.ts';
import { useDataset } from '../../dataset/use-dataset.ts';
import { frameMonth, type DatasetFrame } from '../../dataset/frame.ts';
import { MAX_COMPARE, TIME_WINDOWS, setOverlays, type UrlState } from '../../state/url-state.ts';

/** The record's first and last month, the ends of a range and of 全部. */
const recordOf = (frame: DatasetFrame): readonly [string, string] => [
  frame.firstMonth,
  frame.lastMonth,
];

/** Props of the header controls: the URL state and how to change it. */
export interface UrlControlProps {
  url: UrlState;
  onUrlChange(next: UrlState): void;
}

/** The time window buttons, with the months of a chosen range and the dates counted. */
export function WindowControl({
  url,
  onUrlChange,
  resolved,
}: UrlControlProps & {
  /** The window the shown figures were counted in, from the API (null while loading). */
  resolved: ProfileWindow | null;
}) {
  const { t } = useI18n();
  const { frame } = useDataset();
  const steps = monthSteps(frame.firstMonth, frame.lastMonth);
  const f = url.overlays.issues;
  const monthSelect = (end: 'from' | 'to') => (
    <MonthSelect
      label={<span>{t(`window.${end}`)}</span>}
      className="window-control__month"
      months={steps}
      value={f[end]}
      onChange={(m) => onUrlChange(setRangeEnd(url, end, m ?? ''))}
      testId={`window-${end}`}
    />
  );
  return (
    <div className="window-control" data-testid="window-control">
      <div className="window-control__buttons" role="group" aria-label={t('window.label')}>
        {TIME_WINDOWS.map((w) => (
          <button
            key={w}
            type="button"
            className="window-control__button"
            aria-pressed={url.timeWindow === w}
            onClick={() => onUrlChange(setTimeWindow(url, w, frameMonth(frame), recordOf(frame)))}
            data-testid={`window-${w}`}
          >
            {t(`window.${w}`)}
          </button>
        ))}
      </div>
      {url.timeWindow === 'range' && (
        <div className="window-control__range">
          {monthSelect('from')}
          {monthSelect('to')}
        </div>
      )}
      <div className="window-control__span" data-testid="window-span">
        {resolved?.from && resolved.to
          ? t('window.span', { from: resolved.from, to: resolved.to })
          : t('window.allTime')}
        {f.at && (
          <span className="window-control__replay">{t('window.replay', { month: f.at })}</span>
        )}
      </div>
    </div>
  );
}

/**
 * The filters set on the map's issues, each a chip that removes itself, and the one button
 * that clears them all (the selection stays).
 */
export function FilterBar({ url, onUrlChange }: UrlControlProps) {
  const { frame } = useDataset();
  const { t, vocab } = useI18n();
  if (!hasLinkedFilters(url)) return null;
  const f = url.overlays.issues;
  const chip = (key: string, label: string, onRemove: () => void) => (
    <button
      key={key}
      type="button"
      className="filter-chip"
      onClick={onRemove}
      title={t('linked.clear')}
      data-testid={`filter-chip-${key}`}
    >
      {label}
      <span aria-hidden="true">×</span>
    </button>
  );
  const chips = [
    ...f.category.map((c) =>
      chip(`category-${c}`, vocab('issueCategory', c), () =>
        onUrlChange(toggleCategory(url, c, true)),
      ),
    ),
    ...f.status.map((s) =>
      chip(`status-${s}`, vocab('issueStatus', s), () =>
        onUrlChange(setOverlays(url, toggleIssueFilter(url.overlays, 'status', s, false))),
      ),
    ),
    ...f.level.map((l) =>
      chip(`level-${l}`, vocab('handlingLevel', l), () =>
        onUrlChange(setOverlays(url, toggleIssueFilter(url.overlays, 'level', l, false))),
      ),
    ),
  ];
  if (f.at)
    chips.push(
      chip('at', t('linked.replay', { month: f.at }), () =>
        onUrlChange(setOverlays(url, { ...url.overlays, issues: { ...f, at: null } })),
      ),
    );
  if (url.timeWindow === 'range' && (f.from || f.to))
    chips.push(
      chip(
        'months',
        t('linked.months', { from: f.from ?? frame.firstMonth, to: f.to ?? frame.lastMonth }),
        () => onUrlChange(setTimeWindow(url, 'all', frameMonth(frame), recordOf(frame))),
      ),
    );
  else if (url.timeWindow !== 'all')
    chips.push(
      chip('window', t(`window.${url.timeWindow}`), () =>
        onUrlChange(setTimeWindow(url, 'all', frameMonth(frame), recordOf(frame))),
      ),
    );
  return (
    <div className="filter-bar" data-testid="filter-bar">
      <span className="filter-bar__label">{t('linked.label')}</span>
      <div className="filter-bar__chips">{chips}</div>
      <button
        type="button"
        className="filter-bar__clear"
        onClick={() => onUrlChange(clearLinkedFilters(url))}
        data-testid="clear-filters"
      >
        {t('linked.clear')}
      </button>
    </div>
  );
}

/** What the compare bar knows of an area in the compare list. */
export interface CompareEntry {
  code: string;
  /** Its name, or the code until one is known. */
  name: string;
  level: AreaLevel | null;
}

/** The areas put aside for comparison, each removable, and the button that opens the view. */
export function CompareBar({
  url,
  onUrlChange,
  entries,
}: UrlControlProps & { entries: readonly CompareEntry[] }) {
  const { t } = useI18n();
  if (entries.length === 0) return null;
  return (
    <div className="compare-bar" data-testid="compare-bar">
      <span className="compare-bar__label">
        {t('compare.bar', { n: entries.length, max: MAX_COMPARE })}
      </span>
      <ul className="compare-bar__list">
        {entries.map((e) => (
          <li key={e.code} className="compare-bar__item">
            {e.name}
            <button
              type="button"
              className="compare-bar__remove"
              aria-label={t('compare.remove', { name: e.name })}
              title={t('compare.remove', { name: e.name })}
              onClick={() => onUrlChange(removeFromCompare(url, e.code))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="compare-bar__open"
        disabled={entries.length < 2}
        title={entries.length < 2 ? t('compare.needTwo') : undefined}
        onClick={() => onUrlChange(setCompareOpen(url, true))}
        data-testid="compare-open"
      >
        {t('compare.open')}
      </button>
    </div>
  );
}
