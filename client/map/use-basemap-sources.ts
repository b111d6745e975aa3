import { useEffect } from 'react';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { Basemap } from '../../server/contract/index.ts';
import { SOURCES } from '../../server/contract/basemap-style.ts';
import { zoneMask } from './zone-mask.ts';

/**
 * Fills the style's basemap, zone and mask (区域遮罩) sources once their data has come: every map made by
 * createAtlasMap starts them empty, so a map draws at once and the land appears when it loads.
 */
export function useBasemapSources(
  map: MaplibreMap | null,
  basemap: Basemap | null,
  zone: GeoJSON.Feature | null,
): void {
  useEffect(() => {
    if (!map || !basemap) return;
    (map.getSource(SOURCES.basemap) as GeoJSONSource | undefined)?.setData(
      basemap as GeoJSON.FeatureCollection,
    );
  }, [map, basemap]);
  useEffect(() => {
    if (!map || !zone) return;
    (map.getSource(SOURCES.zone) as GeoJSONSource | undefined)?.setData(zone);
    (map.getSource(SOURCES.zoneMask) as GeoJSONSource | undefined)?.setData(zoneMask(zone));
  }, [map, zone]);
}
