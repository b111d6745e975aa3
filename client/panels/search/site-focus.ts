/**
 * A 邻里之家 chosen in the search: the map flies to its point and marks it until the next
 * selection. The only GL-side work of the search, kept out of its panel.
 */
import { Marker, type Map as MaplibreMap } from 'maplibre-gl';

/** A point the map should fly to and mark, and the area selected with it. */
export interface SiteFocus {
  code: string;
  name: string;
  /** The 小区 the site belongs to (selected with it). */
  areaCode: string;
  /** [lon, lat]. */
  center: [number, number];
}

/** Zoom of the flight to a site: close enough to see its street. */
const SITE_ZOOM = 16;

/** Flies to the site and marks it; the returned function removes the mark. */
export function showSiteFocus(map: MaplibreMap, focus: SiteFocus): () => void {
  const element = document.createElement('div');
  element.className = 'site-focus';
  element.title = focus.name;
  element.dataset.testid = 'site-focus';
  const marker = new Marker({ element }).setLngLat(focus.center).addTo(map);
  map.stop();
  map.flyTo({ center: focus.center, zoom: SITE_ZOOM, duration: 900 });
  return () => {
    marker.remove();
  };
}
