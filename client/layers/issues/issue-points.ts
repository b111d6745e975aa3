/**
 * Issue points from zoom 12: a MapLibre vector source on `/tiles/issues/{z}/{x}/{y}.mvt` and a
 * symbol layer drawing each issue with its category's shape and colour, outlined by status.
 * The filters are in the tile URL, so a change of filters loads new tiles.
 */
import type { Map as MaplibreMap, SymbolLayerSpecification } from 'maplibre-gl';
import { ISSUE_CATEGORIES, ISSUE_STATUSES } from '../../../server/contract/vocabulary.ts';
import { issueRoutes } from '../../../server/contract/overlays.ts';
import { iconImageData } from '../overlays/icon-atlas.ts';
import { iconSpec, issueIconId } from '../overlays/symbols.ts';

function addIssueIcon(map: MaplibreMap, id: string): void {
  if (!map.hasImage(id) && iconSpec(id)) map.addImage(id, iconImageData(id), { pixelRatio: 2 });
}

/** Zoom from which the API serves issue points (below it: cells). */
export const POINTS_FROM_ZOOM = 12;
export const ISSUE_POINTS_SOURCE = 'issue-points';
export const ISSUE_POINTS_LAYER = 'issue-points';
/** The basemap layer the points go under: over the areas, under every label. */
export const ISSUE_POINTS_BEFORE = 'road-label';

/** The route's URL as a MapLibre tile template: `/tiles/issues/{z}/{x}/{y}.mvt`. */
const TILE_TEMPLATE = issueRoutes.tile.url.replace(/:([zxy])\b/g, '{$1}');

/** The tile URL template of the issue points for a filter query (`category=…`, or ''). */
export function issueTileUrl(origin: string, filterQuery: string): string {
  const template = `${origin}${TILE_TEMPLATE}`;
  return filterQuery ? `${template}?${filterQuery}` : template;
}

/** The symbol layer: hidden until the overlay is switched on. */
export function issuePointsLayer(): SymbolLayerSpecification {
  return {
    id: ISSUE_POINTS_LAYER,
    type: 'symbol',
    source: ISSUE_POINTS_SOURCE,
    'source-layer': 'issues',
    minzoom: POINTS_FROM_ZOOM,
    layout: {
      visibility: 'none',
      'icon-image': ['concat', 'issue-', ['get', 'category'], '-', ['get', 'status']],
      'icon-size': ['interpolate', ['linear'], ['zoom'], 12, 0.55, 15, 0.8, 17, 1],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      // Unresolved issues on top of resolved ones.
      'symbol-sort-key': ['match', ['get', 'status'], 'resolved', 0, 'open', 2, 'escalated', 3, 1],
    },
    paint: { 'icon-opacity': 0.9 },
  };
}

/**
 * Adds the icons, the source and the (hidden) layer once, below the labels. The designed
 * categories' icons are added up front; a category the vocabulary gained is drawn when a tile
 * first names it.
 */
export function addIssuePoints(map: MaplibreMap, origin: string): void {
  for (const category of ISSUE_CATEGORIES) {
    for (const status of ISSUE_STATUSES) addIssueIcon(map, issueIconId(category, status));
  }
  // MapLibre asks the resolver before laying out the tile (a `styleimagemissing` listener
  // would be told after the symbol was already skipped).
  map.setMissingStyleImageResolver((id) => {
    if (id.startsWith('issue-')) addIssueIcon(map, id);
  });
  if (!map.getSource(ISSUE_POINTS_SOURCE)) {
    map.addSource(ISSUE_POINTS_SOURCE, {
      type: 'vector',
      tiles: [issueTileUrl(origin, '')],
      minzoom: POINTS_FROM_ZOOM,
      maxzoom: 16,
    });
  }
  if (!map.getLayer(ISSUE_POINTS_LAYER)) {
    map.addLayer(
      issuePointsLayer(),
      map.getLayer(ISSUE_POINTS_BEFORE) ? ISSUE_POINTS_BEFORE : undefined,
    );
  }
}
