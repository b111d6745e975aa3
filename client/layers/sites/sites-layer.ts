/**
 * The 邻里之家 layer model: an icon per site (a house coloured and marked by the kind of room),
 * and the walking-distance circles around the sites (300/500/1000 m, the 5/10/15-minute walks).
 */
import { IconLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Sites } from '../../../server/contract/index.ts';
import { OVERLAY_BEFORE } from '../issues/issues-layer.ts';
import { iconAtlas } from '../overlays/icon-atlas.ts';
import { siteIconId } from '../overlays/symbols.ts';
import { featureProperties } from '../feature-properties.ts';

/** One 邻里之家 as `GET /api/sites` gives it. */
export type Site = Sites['features'][number]['properties'];
type InterleavedProps = { beforeId?: string };

/** What the sites layers draw. */
export interface SiteLayerInput {
  sites: Sites | null;
  /** Radius of the coverage circles in metres; 0 for none. */
  walk: number;
  opacity: number;
  onHover(info: PickingInfo): void;
}

/** The coverage circles: low opacity, under the points so overlaps read as deeper cover. */
export function siteCoverageLayers({ sites, walk, opacity }: SiteLayerInput): Layer[] {
  if (!sites || walk === 0) return [];
  return [
    new ScatterplotLayer<Site, InterleavedProps>({
      id: 'site-coverage',
      beforeId: OVERLAY_BEFORE,
      data: featureProperties(sites),
      getPosition: (s) => s.position,
      getRadius: walk,
      radiusUnits: 'meters',
      // Faint: where circles overlap the tint adds up, and the overlays above must stay legible.
      getFillColor: [0, 158, 115, 20],
      getLineColor: [0, 118, 86, 120],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      opacity,
      updateTriggers: { getRadius: [walk] },
    }),
  ];
}

/** The site icons. */
export function siteIconLayers({ sites, opacity, onHover }: SiteLayerInput): Layer[] {
  if (!sites) return [];
  const data = featureProperties(sites);
  const atlas = iconAtlas(data.map((s) => siteIconId(s.roomKind)));
  return [
    new IconLayer<Site, InterleavedProps>({
      id: 'site-icons',
      beforeId: OVERLAY_BEFORE,
      data,
      iconAtlas: atlas.texture,
      iconMapping: atlas.mapping,
      getIcon: (s) => siteIconId(s.roomKind),
      getPosition: (s) => s.position,
      getSize: 22,
      sizeUnits: 'pixels',
      sizeMinPixels: 12,
      opacity,
      pickable: true,
      onHover,
    }),
  ];
}
