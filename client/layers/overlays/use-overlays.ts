/**
 * Runs every overlay of the registry: each loads what it needs while it is on and builds its
 * layers; here they are sorted into their draw order, split below and above the area fills,
 * and the hovered object is kept for the tooltip. No overlay's routes, keys or layers here.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Overlay, OverlayState } from '../../state/overlays.ts';
import { issueFilterQuery } from '../issues/state.ts';
import type { Bounds } from '../issues/cell-bounds.ts';
import type { DetailAccess, OverlayView } from '../overlay.ts';
import { OVERLAY_MODULES } from './modules.ts';

/** A hovered overlay object: the layer that picked it, and where the pointer is (map pixels). */
export interface OverlayHover {
  layerId: string;
  object: unknown;
  x: number;
  y: number;
}

/** Inputs of {@link useOverlays}. */
export interface UseOverlaysInput {
  state: OverlayState;
  /** The selected area: coverage and staff duty are asked for it. */
  area: string;
  /** Whether the session may read an area's detail (staff posts). */
  detail: DetailAccess;
  /** The map's zoom: picks cells or points, the cells' grid and how coarsely `bounds` snap. */
  zoom: number;
  /**
   * What the map shows, after each move: the cells are asked only around it. Null until the
   * map has said (the cells wait); left out, the cells cover the whole data set (default).
   */
  bounds?: Bounds | null;
}

/** The overlays' layers, views (for the layer panel) and hover. */
export function useOverlays({ state, area, detail, zoom, bounds }: UseOverlaysInput) {
  const [hover, setHover] = useState<OverlayHover | null>(null);
  const onHover = useCallback((info: PickingInfo) => {
    setHover(
      info.layer && info.object != null
        ? { layerId: info.layer.id, object: info.object, x: info.x, y: info.y }
        : null,
    );
  }, []);
  const context = { state, area, detail, zoom, bounds, onHover };
  // The modules are a constant list: each overlay's hooks run in the same order every render.
  const views: OverlayView[] = OVERLAY_MODULES.map((overlay) => overlay.useOverlay(context));
  const placedByOverlay = views.map((view) => view.layers);
  const layers = useMemo(() => {
    const sorted = placedByOverlay.flat().sort((a, b) => a.order - b.order);
    const of = (below: boolean): Layer[] =>
      sorted.filter((p) => (p.below ?? false) === below).map((p) => p.layer);
    return { below: of(true), above: of(false) };
    // One entry per overlay of the constant list (each memoises its own layers).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, placedByOverlay);

  return {
    layers,
    views: Object.fromEntries(OVERLAY_MODULES.map((o, i) => [o.id, views[i]!])) as Record<
      Overlay,
      OverlayView
    >,
    hover,
    setHover,
    /** The issue filters as a query string, for the issue point tiles. */
    filterQuery: issueFilterQuery(state.issues),
    loading: views.some((view) => view.loading),
  };
}

/** What {@link useOverlays} returns. */
export type Overlays = ReturnType<typeof useOverlays>;
