/**
 * An online basemap (天地图, an intranet XYZ/WMTS server) on a map made by createAtlasMap: its
 * raster tiles go just over the sea, in place of the offline land, zone fill, roads and
 * landmarks, which are hidden while it is drawn. The areas, their names and the 区域遮罩 stay
 * over it. Which one is drawn is the viewer's choice, kept in the browser (a preference, as a
 * theme is); the wall takes it from its address (`basemap=`).
 */
import type { LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import {
  ONLINE_BASEMAP_KINDS,
  type OnlineBasemap,
  type OnlineBasemapKind,
} from '../../server/contract/index.ts';
import { SOURCES } from '../../server/contract/basemap-style.ts';

/** The prefix of the online basemap's sources and layers. */
const PREFIX = 'online-basemap-';
/** What is drawn: the offline basemap, or an online one by its id. */
export type BasemapChoice = 'offline' | OnlineBasemapKind;

/** Whether a value names a basemap (from an address or the browser's storage). */
export function isBasemapChoice(value: unknown): value is BasemapChoice {
  return value === 'offline' || (ONLINE_BASEMAP_KINDS as readonly unknown[]).includes(value);
}

/** The online basemap to draw for a choice, or null: offline, or not offered on this server. */
export function chosenBasemap(
  offered: readonly OnlineBasemap[],
  choice: BasemapChoice,
): OnlineBasemap | null {
  return offered.find((b) => b.id === choice) ?? null;
}

/** Whether a style layer belongs to the offline basemap the online one replaces. */
function isOfflineBasemapLayer(layer: LayerSpecification): boolean {
  return ('source' in layer && layer.source === SOURCES.basemap) || layer.id === 'zone-fill';
}

/** Draws `basemap` on the map (null: the offline one again); what was drawn before goes. */
export function applyOnlineBasemap(map: MaplibreMap, basemap: OnlineBasemap | null): void {
  const style = map.getStyle();
  for (const layer of style.layers) {
    if (layer.id.startsWith(PREFIX)) map.removeLayer(layer.id);
  }
  for (const id of Object.keys(style.sources)) {
    if (id.startsWith(PREFIX)) map.removeSource(id);
  }
  for (const layer of style.layers) {
    if (isOfflineBasemapLayer(layer)) {
      map.setLayoutProperty(layer.id, 'visibility', basemap ? 'none' : 'visible');
    }
  }
  if (!basemap) return;
  // Over the sea (the style's background), under everything else, in the order given.
  const before = style.layers[1]?.id;
  basemap.layers.forEach((layer, i) => {
    const id = `${PREFIX}${i}`;
    map.addSource(id, {
      type: 'raster',
      tiles: layer.tiles,
      tileSize: layer.tileSize,
      maxzoom: basemap.maxzoom,
      attribution: basemap.attribution,
    });
    map.addLayer({ id, type: 'raster', source: id }, before);
  });
}

/** The layer ids an online basemap is drawn with, bottom up (for tests and the PNG export). */
export function onlineBasemapLayerIds(map: MaplibreMap): string[] {
  return map
    .getStyle()
    .layers.filter((l) => l.id.startsWith(PREFIX))
    .map((l) => l.id);
}
