/**
 * The issues overlay: grid cells below zoom 12 (points from there are MapLibre's, see
 * issue-points.ts), escalation arcs, the filters and replay in the URL (`cat`, `st`, `lvl`,
 * `from`, `to`, `at`), and the tooltips of cells, arcs and points.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  issueRoutes,
  type IssueCells,
  type IssueTileProperties,
} from '../../../server/contract/index.ts';
import { request } from '../../api/request.ts';
import { routeQueryKey, useRouteQuery, type RouteQueryState } from '../../api/query.ts';
import { issueFilterParams } from './state.ts';
import {
  DRAW_ORDER,
  defineOverlayModule,
  type OverlayContext,
  type TooltipOf,
} from '../overlay.ts';
import { cellsBbox } from './cell-bounds.ts';
import { ISSUE_POINTS_LAYER, POINTS_FROM_ZOOM } from './issue-points.ts';
import {
  escalationLayers,
  issueCellLayers,
  type Escalation,
  type IssueCell,
} from './issues-layer.ts';
import { IssuesControls } from './IssuesControls.tsx';

type Cells = RouteQueryState<IssueCells>;

/**
 * The grid cells around the view. Cells of the same grid and filters stay drawn while those of
 * a new bbox load: they are right where they are, only fewer. A new grid or filter drops them.
 */
function useIssueCells({ state, zoom, bounds }: OverlayContext, shown: boolean): Cells {
  // One grid finer than the zoom's own: at the zone's zoom the coarse grid has a handful of cells.
  const cellZoom = Math.min(Math.floor(zoom) + 1, POINTS_FROM_ZOOM - 1);
  const filter = issueFilterParams(state.issues);
  // Snapped to coarse tiles, so the key changes only when a pan leaves them.
  const bbox = bounds === undefined ? undefined : bounds === null ? null : cellsBbox(bounds, zoom);
  const query = { zoom: cellZoom, ...(bbox ? { bbox } : {}), ...filter };
  const input = shown && bbox !== null ? { query } : null;
  const sameGrid = (key: readonly unknown[] | undefined) => {
    const asked = key?.[2] as { zoom?: number; bbox?: string } | null | undefined;
    if (!asked) return false;
    const { bbox: _bbox, ...rest } = asked;
    const { bbox: _now, ...now } = query;
    return JSON.stringify(rest) === JSON.stringify(now);
  };
  const cells = useQuery({
    queryKey: routeQueryKey(issueRoutes.cells, input ?? undefined),
    queryFn: ({ signal }) => request(issueRoutes.cells, { query, signal, quiet: true }),
    enabled: input !== null,
    placeholderData: (previous, previousQuery) =>
      sameGrid(previousQuery?.queryKey) ? keepPreviousData(previous) : undefined,
  });
  return {
    data: input === null ? null : (cells.data ?? null),
    stale: cells.isPlaceholderData,
    error: cells.error,
    loading: cells.isFetching,
    retry: () => void cells.refetch(),
  };
}

const cellTip: TooltipOf = (cell: IssueCell, { t, count }) => ({
  tag: t('layers.overlay.issues'),
  title: t('tip.gridCell'),
  rows: [
    [t('tip.issues'), count(cell.count)],
    [t('tip.unresolved'), count(cell.unresolved)],
  ],
});

const escalationTip: TooltipOf = (e: Escalation, { t, count }) => ({
  tag: t('tip.escalated'),
  title: `${e.xiaoquName} → ${e.pianquName}`,
  rows: [[t('tip.issues'), count(e.count)]],
});

const pointTip: TooltipOf = (i: IssueTileProperties, { t, vocab }) => ({
  tag: t('layers.overlay.issues'),
  title: vocab('issueCategory', i.category),
  rows: [
    [t('issues.status'), vocab('issueStatus', i.status)],
    [t('issues.level'), vocab('handlingLevel', i.handling_level)],
    [t('tip.reported'), i.reported_on],
    ...(i.resolved_on ? [[t('tip.resolvedOn'), i.resolved_on] as [string, string]] : []),
    [t('level.xiaoqu'), i.xiaoqu],
  ],
});

export const overlayModule = defineOverlayModule({
  id: 'issues',
  useOverlay(context) {
    const { state, zoom, onHover } = context;
    const on = state.on.includes('issues');
    const showCells = on && zoom < POINTS_FROM_ZOOM;
    const cells = useIssueCells(context, showCells);
    const escalations = useRouteQuery(
      issueRoutes.escalations,
      on ? { query: issueFilterParams(state.issues) } : null,
      { quiet: true },
    );
    const opacity = state.opacity.issues;
    const layers = useMemo(() => {
      if (!on) return [];
      const input = {
        cells: showCells ? cells.data : null,
        escalations: escalations.data,
        opacity,
        onHover,
      };
      return [
        ...issueCellLayers(input).map((layer) => ({ order: DRAW_ORDER.issueCells, layer })),
        ...escalationLayers(input).map((layer) => ({ order: DRAW_ORDER.escalations, layer })),
      ];
    }, [on, showCells, cells.data, escalations.data, opacity, onHover]);
    return {
      layers,
      loading: cells.loading || escalations.loading,
      controls: (props) => (
        <IssuesControls {...props} cells={showCells ? cells : null} escalations={escalations} />
      ),
    };
  },
  tooltips: {
    'issue-cells': cellTip,
    'issue-escalations': escalationTip,
    [ISSUE_POINTS_LAYER]: pointTip,
  },
});
