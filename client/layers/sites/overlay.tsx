/**
 * The 邻里之家 overlay: an icon per site, the walking-distance circles (URL `walk`), the 小区
 * beyond that walk in the panel, and the sites' tooltip.
 */
import { useMemo } from 'react';
import { siteRoutes } from '../../../server/contract/index.ts';
import { useRouteQuery } from '../../api/query.ts';
import { DRAW_ORDER, defineOverlayModule, type TooltipOf } from '../overlay.ts';
import { siteCoverageLayers, siteIconLayers, type Site } from './sites-layer.ts';
import { SitesControls } from './SitesControls.tsx';

const siteTip: TooltipOf = (site: Site, { t, vocab, count }) => ({
  tag: t('layers.overlay.sites'),
  title: site.name,
  rows: [
    [t('tip.roomKind'), vocab('siteRoomKind', site.roomKind)],
    [t('tip.services'), site.services.join('、')],
    [t('tip.hours'), site.openingHours],
    [t('tip.floorArea'), t('tip.floorAreaValue', { n: count(site.floorAreaM2) })],
    [t('level.xiaoqu'), site.xiaoquName],
  ],
});

export const overlayModule = defineOverlayModule({
  id: 'sites',
  useOverlay({ state, area, onHover }) {
    const on = state.on.includes('sites');
    const sites = useRouteQuery(siteRoutes.list, on ? {} : null, { quiet: true });
    const coverage = useRouteQuery(
      siteRoutes.coverage,
      on && state.walk > 0 ? { query: { distance: state.walk, area } } : null,
      { quiet: true },
    );
    const { walk } = state;
    const opacity = state.opacity.sites;
    const layers = useMemo(() => {
      if (!on) return [];
      const input = { sites: sites.data, walk, opacity, onHover };
      return [
        ...siteCoverageLayers(input).map((layer) => ({ order: DRAW_ORDER.siteCoverage, layer })),
        ...siteIconLayers(input).map((layer) => ({ order: DRAW_ORDER.siteIcons, layer })),
      ];
    }, [on, sites.data, walk, opacity, onHover]);
    return {
      layers,
      loading: sites.loading || coverage.loading,
      controls: (props) => <SitesControls {...props} sites={sites} coverage={coverage} />,
    };
  },
  tooltips: { 'site-icons': siteTip },
});
