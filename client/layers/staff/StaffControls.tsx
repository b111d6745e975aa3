/**
 * Sent-down staff controls: the time the duty schedules are checked at (date and hour), the
 * legend by department with how many are on duty then, or, for roles that may not see staff
 * posts, a note and the staff counts per department from the area's figures.
 */
import type { Duty } from '../../../server/contract/index.ts';
import { ApiError } from '../../api/api.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useDataset } from '../../dataset/use-dataset.ts';
import { useVocabulary } from '../../i18n/use-vocabulary.ts';
import { iconDataUrl } from '../overlays/icon-atlas.ts';
import { staffIconId } from '../overlays/symbols.ts';
import type { RouteQueryState } from '../../api/query.ts';
import type { OverlayControlsProps } from '../overlay.ts';
import type { StaffGroup } from './staff-layer.ts';
import { dutyTime } from './state.ts';
import { LayerError } from '../overlays/legend-parts.tsx';

/** Props of {@link StaffControls}. */
export interface StaffControlsProps extends OverlayControlsProps {
  duty: RouteQueryState<Duty>;
  /** The duty grouped by 小区 and department, or null. */
  groups: StaffGroup[] | null;
  /** Why the duty was not asked for (the session may not read it here), or null. */
  withheld: 'login' | 'role' | null;
}

export function StaffControls({
  state,
  duty,
  groups: grouped,
  figures,
  withheld,
  onChange,
}: StaffControlsProps) {
  const { frame } = useDataset();
  const { t, vocab, count } = useI18n();
  const departments = useVocabulary().department.map((d) => d.key);
  const date = state.dutyAt.slice(0, 10);
  const hour = Number(state.dutyAt.slice(11, 13));
  const error = duty.error;
  const refusedAs =
    withheld ??
    (error instanceof ApiError && (error.status === 401 || error.status === 403)
      ? error.status === 401
        ? 'login'
        : 'role'
      : null);
  const groups = duty.error ? null : grouped;
  const byDepartment = (d: string) => {
    const g = (groups ?? []).filter((x) => x.department === d);
    return {
      total: g.reduce((s, x) => s + x.total, 0),
      on: g.reduce((s, x) => s + x.onDuty, 0),
    };
  };
  const all = departments
    .map(byDepartment)
    .reduce((a, b) => ({ total: a.total + b.total, on: a.on + b.on }), { total: 0, on: 0 });

  return (
    <div className="layer-controls">
      <div className="layer-row">
        <label className="layer-field">
          {t('staff.date')}
          <input
            type="date"
            value={date}
            min={`${frame.firstMonth}-01`}
            onChange={(e) => {
              if (e.target.value) onChange({ ...state, dutyAt: dutyTime(e.target.value, hour) });
            }}
            data-testid="staff-date"
          />
        </label>
        <label className="layer-field layer-field--grow">
          <span className="layer-field__head">
            {t('staff.hour')} <strong data-testid="staff-hour-label">{`${hour}:00`}</strong>
          </span>
          <input
            type="range"
            min={0}
            max={23}
            value={hour}
            onChange={(e) => onChange({ ...state, dutyAt: dutyTime(date, Number(e.target.value)) })}
            data-testid="staff-hour-slider"
          />
        </label>
      </div>
      {refusedAs ? (
        <div className="layer-panel__note" data-testid="staff-login-needed">
          {t(refusedAs === 'login' ? 'staff.loginNeeded' : 'staff.forbidden')}
          {figures && (
            <ul className="layer-keys">
              {departments.map((d) => (
                <li key={d}>
                  <img src={iconDataUrl(staffIconId(d, true))} alt="" width={14} height={14} />
                  <span>{vocab('department', d)}</span>
                  <span className="layer-keys__n" data-testid={`staff-stat-${d}`}>
                    {count(figures.staffByDepartment.find((x) => x.department === d)?.count ?? 0)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <div className="layer-legend">
          {groups && (
            <div className="layer-legend__caption" data-testid="staff-on-duty">
              {t('staff.onDuty', { on: count(all.on), total: count(all.total) })}
            </div>
          )}
          <ul className="layer-keys">
            {departments.map((d) => {
              const n = byDepartment(d);
              return (
                <li key={d}>
                  <img src={iconDataUrl(staffIconId(d, true))} alt="" width={14} height={14} />
                  <span>{vocab('department', d)}</span>
                  {groups && (
                    <span className="layer-keys__n" data-testid={`staff-duty-${d}`}>
                      {`${count(n.on)} / ${count(n.total)}`}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="layer-legend__caption">{t('staff.haloLegend')}</div>
          <LayerError error={error} />
        </div>
      )}
    </div>
  );
}
