/**
 * The sent-down staff overlay: who is on duty at the URL's `duty` time, by 小区 and department,
 * for the roles that may see staff posts; its tooltip and its controls.
 */
import { useMemo } from 'react';
import { staffRoutes } from '../../../server/contract/index.ts';
import { useRouteQuery } from '../../api/query.ts';
import { DRAW_ORDER, defineOverlayModule, type TooltipOf } from '../overlay.ts';
import { staffGroups, staffLayers, type StaffGroup } from './staff-layer.ts';
import { StaffControls } from './StaffControls.tsx';

const staffTip: TooltipOf = (group: StaffGroup, { t, vocab, count }) => ({
  tag: t('layers.overlay.staff'),
  title: `${vocab('department', group.department)} · ${group.xiaoquName}`,
  rows: [
    [t('peak.staff'), t('tip.onDuty', { on: count(group.onDuty), total: count(group.total) })],
    [t('tip.schedule'), group.schedules.join('；')],
  ],
});

export const overlayModule = defineOverlayModule({
  id: 'staff',
  useOverlay({ state, area, detail, onHover }) {
    const on = state.on.includes('staff');
    const access = detail(area);
    // Asked only where the session may read it; a 401 or 403 still means "this role may not
    // see staff posts" (a session changed meanwhile), not an expired session.
    const duty = useRouteQuery(
      staffRoutes.duty,
      on && access === 'yes' ? { query: { area, at: state.dutyAt } } : null,
      { quiet: true },
    );
    const groups = useMemo(() => (duty.data ? staffGroups(duty.data) : null), [duty.data]);
    const opacity = state.opacity.staff;
    const layers = useMemo(
      () =>
        on && groups
          ? staffLayers({ groups, opacity, onHover }).map((layer) => ({
              order: DRAW_ORDER.staff,
              layer,
            }))
          : [],
      [on, groups, opacity, onHover],
    );
    return {
      layers,
      loading: duty.loading,
      controls: (props) => (
        <StaffControls
          {...props}
          duty={duty}
          groups={groups}
          withheld={access === 'yes' ? null : access}
        />
      ),
    };
  },
  tooltips: { 'staff-icons': staffTip },
});
