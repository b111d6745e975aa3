/**
 * Loads what the overlays switched on need, and turns it into deck.gl layers in draw order:
 * tourism fill at the bottom (under the area fills), then issue cells, peak-mode rings, site
 * coverage and icons, staff, and the escalation arcs on top. No GL here beyond the layer
 * descriptions; the map view hands them to the MapLibre overlay.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { IssueTileProperties } from '../../../server/contract/index.ts';
import { useApi } from '../../api/use-api.ts';
import { issueFilterQuery, peakTime, type OverlayState } from '../../state/overlays.ts';
import { cellsBbox, type Bounds } from '../issues/cell-bounds.ts';
import { POINTS_FROM_ZOOM } from '../issues/issue-points.ts';
import {
  escalationLayers,
  issueCellLayers,
  type Escalation,
  type IssueCell,
} from '../issues/issues-layer.ts';
import { siteCoverageLayers, siteIconLayers, type Site } from '../sites/sites-layer.ts';
import { staffGroups, staffLayers, type StaffGroup } from '../staff/staff-layer.ts';
import {
  peakLayers,
  pressureCells,
  tourismFillLayers,
  type PeakCompound,
  type PressureCell,
} from '../tourism/tourism-layer.ts';
import {
  fetchCoverage,
  fetchDuty,
  fetchEscalations,
  fetchIssueCells,
  fetchPeak,
  fetchSites,
  fetchTourismGrid,
  fetchTourismPressure,
} from './overlay-api.ts';

/** What is under the pointer, for the tooltip. */
export type OverlayHoverObject =
  | { kind: 'cell'; cell: IssueCell }
  | { kind: 'issue'; issue: IssueTileProperties }
  | { kind: 'escalation'; escalation: Escalation }
  | { kind: 'site'; site: Site }
  | { kind: 'staff'; group: StaffGroup }
  | { kind: 'pressure'; cell: PressureCell }
  | { kind: 'peak'; compound: PeakCompound };

/** A hovered overlay object and where the pointer is (map pixels). */
export interface OverlayHover {
  object: OverlayHoverObject;
  x: number;
  y: number;
}

const KIND_OF_LAYER: Record<string, OverlayHoverObject['kind']> = {
  'issue-cells': 'cell',
  'issue-escalations': 'escalation',
  'site-icons': 'site',
  'staff-icons': 'staff',
  'tourism-pressure': 'pressure',
  'tourism-peak': 'peak',
};

function hoverOf(info: PickingInfo): OverlayHover | null {
  const kind = info.layer ? KIND_OF_LAYER[info.layer.id] : undefined;
  if (!kind || info.object == null) return null;
  const o: unknown = info.object;
  const object = {
    cell: { kind, cell: o },
    escalation: { kind, escalation: o },
    site: { kind, site: o },
    staff: { kind, group: o },
    pressure: { kind, cell: o },
    peak: { kind, compound: o },
    issue: { kind, issue: o },
  }[kind] as OverlayHoverObject;
  return { object, x: info.x, y: info.y };
}

/** Inputs of {@link useOverlays}. */
export interface UseOverlaysInput {
  state: OverlayState;
  /** The selected area: coverage and staff duty are asked for it. */
  area: string;
  /** The map's zoom: picks cells or points, the cells' grid and how coarsely `bounds` snap. */
  zoom: number;
  /**
   * What the map shows, after each move: the cells are asked only around it. Null until the
   * map has said (the cells wait); left out, the cells cover the whole data set (default).
   */
  bounds?: Bounds | null;
  /** A change reloads everything (after an outage). */
  refresh: number;
}

/** The overlays' data, layers and hover. */
export function useOverlays({ state, area, zoom, bounds, refresh }: UseOverlaysInput) {
  const on = (o: OverlayState['on'][number]) => state.on.includes(o);
  const filterQuery = issueFilterQuery(state.issues);
  // One grid finer than the zoom's own: at the zone's zoom the coarse grid has a handful of cells.
  const cellZoom = Math.min(Math.floor(zoom) + 1, POINTS_FROM_ZOOM - 1);
  const showCells = on('issues') && zoom < POINTS_FROM_ZOOM;

  // Snapped to coarse tiles, so the key changes only when a pan leaves them.
  const bbox = bounds === undefined ? '' : bounds === null ? null : cellsBbox(bounds, zoom);
  const cellsGrid = `cells:${cellZoom}:${filterQuery}`;
  const cellsKey = showCells && bbox !== null ? `${cellsGrid}|${bbox}` : null;
  const cells = useApi(
    cellsKey,
    (s) => fetchIssueCells(cellZoom, filterQuery, bbox ?? '', s),
    refresh,
  );
  // Cells of the same grid and filters stay drawn while those of a new bbox load: they are
  // right where they are, only fewer.
  const cellsCurrent = cells.dataKey !== null && cells.dataKey.startsWith(`${cellsGrid}|`);
  const escKey = on('issues') ? `esc:${filterQuery}` : null;
  const escalations = useApi(escKey, (s) => fetchEscalations(filterQuery, s), refresh);

  const sites = useApi(on('sites') ? 'sites' : null, (s) => fetchSites(s), refresh);
  const covKey = on('sites') && state.walk > 0 ? `cov:${state.walk}:${area}` : null;
  const coverage = useApi(covKey, (s) => fetchCoverage(state.walk, area, s), refresh);

  const dutyKey = on('staff') ? `duty:${area}:${state.dutyAt}` : null;
  const duty = useApi(dutyKey, (s) => fetchDuty(area, state.dutyAt, s), refresh);

  const grid = useApi(on('tourism') ? 'grid' : null, (s) => fetchTourismGrid(s), refresh);
  const presKey = on('tourism') ? `pres:${state.month}:${state.hour}` : null;
  const pressure = useApi(
    presKey,
    (s) => fetchTourismPressure(state.month, state.hour, s),
    refresh,
  );
  const at = peakTime(state);
  const peakKey = on('tourism') ? `peak:${at}:${state.peakThreshold}` : null;
  const peak = useApi(peakKey, (s) => fetchPeak(at, state.peakThreshold, s), refresh);

  const [hover, setHover] = useState<OverlayHover | null>(null);
  const onHover = useCallback((info: PickingInfo) => setHover(hoverOf(info)), []);

  const groups = useMemo(() => (duty.data ? staffGroups(duty.data) : null), [duty.data]);
  const cellsOfPressure = useMemo(
    () => (grid.data && pressure.data ? pressureCells(grid.data, pressure.data) : null),
    [grid.data, pressure.data],
  );

  const layers = useMemo(() => {
    const o = state.opacity;
    const below: Layer[] = [];
    const above: Layer[] = [];
    if (on('tourism')) {
      const input = {
        cells: cellsOfPressure,
        max: pressure.data?.max ?? 0,
        peak: peak.data,
        opacity: o.tourism,
        onHover,
      };
      below.push(...tourismFillLayers(input));
      above.push(...peakLayers(input));
    }
    const issueInput = {
      cells: showCells && cellsCurrent ? cells.data : null,
      escalations: escalations.data,
      opacity: o.issues,
      onHover,
    };
    if (showCells) above.unshift(...issueCellLayers(issueInput));
    if (on('sites')) {
      const input = { sites: sites.data, walk: state.walk, opacity: o.sites, onHover };
      above.push(...siteCoverageLayers(input), ...siteIconLayers(input));
    }
    if (on('staff') && duty.dataKey === dutyKey) {
      above.push(...staffLayers({ groups, opacity: o.staff, onHover }));
    }
    if (on('issues')) above.push(...escalationLayers(issueInput));
    return { below, above };
    // `on` reads state.on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    state.on,
    state.opacity,
    state.walk,
    showCells,
    cells.data,
    cellsCurrent,
    escalations.data,
    sites.data,
    groups,
    duty.dataKey,
    dutyKey,
    cellsOfPressure,
    pressure.data,
    peak.data,
    onHover,
  ]);

  return {
    layers,
    hover,
    setHover,
    filterQuery,
    showCells,
    cells,
    escalations,
    sites,
    coverage,
    duty,
    groups,
    pressure,
    peak,
    peakAt: at,
    loading:
      cells.loading ||
      escalations.loading ||
      sites.loading ||
      coverage.loading ||
      duty.loading ||
      grid.loading ||
      pressure.loading ||
      peak.loading,
  };
}

/** What {@link useOverlays} returns. */
export type Overlays = ReturnType<typeof useOverlays>;
