/**
 * Puts the words on the exported map picture: the area with its parents, the window counted,
 * the date, the colouring of the areas, and the overlays and filters in force.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { AreaProfile } from '../../server/contract/index.ts';
import type { Translator } from '../i18n/i18n.ts';
import type { AreaColourScale } from '../layers/areas/area-colours.ts';
import { METRIC_FIGURES, type UrlState } from '../state/url-state.ts';
import { composeMapPng, download } from './map-png.ts';
import { zoneMinute } from '../../server/contract/zone-time.ts';

/** What the picture is of. */
export interface MapExport {
  profile: AreaProfile;
  url: UrlState;
  /** The scale the areas are coloured with (its legend is drawn). */
  scale: AreaColourScale;
  tr: Translator;
  /** The zone's IANA time zone: the picture is stamped in the clock its window was counted in. */
  timeZone: string;
  /** The data set is the illustrative demo: the picture says so. */
  illustrative: boolean;
  /** The moment of the export (default now). */
  now?: Date;
}

/** Draws the map view with its caption and legend and downloads it as a PNG. */
export async function exportMapPng(map: MaplibreMap, what: MapExport): Promise<void> {
  const { profile, url, scale, tr } = what;
  const { t, count, vocab } = tr;
  const now = what.now ?? new Date();
  const a = profile.area;
  const w = profile.window;
  const f = url.overlays.issues;
  const notes: string[] = [];
  if (url.overlays.on.length > 0) {
    notes.push(
      t('export.layers', {
        list: url.overlays.on.map((o) => t(`layers.overlay.${o}`)).join('、'),
      }),
    );
  }
  const filters = [
    ...f.category.map((c) => vocab('issueCategory', c)),
    ...f.status.map((s) => vocab('issueStatus', s)),
    ...f.level.map((l) => vocab('handlingLevel', l)),
    ...(f.at ? [t('linked.replay', { month: f.at })] : []),
  ];
  if (filters.length > 0) notes.push(`${t('linked.label')}：${filters.join('、')}`);
  const blob = await composeMapPng(map, {
    title: [...a.chain.map((c) => c.name), a.name].join(' › '),
    window: `${t('window.label')}：${
      w.from && w.to ? t('window.span', { from: w.from, to: w.to }) : t('window.allTime')
    }`,
    exportedAt: t('export.exportedAt', { time: zoneMinute(what.timeZone, now).replace('T', ' ') }),
    metric: {
      label: tr.figure(METRIC_FIGURES[scale.metric]),
      ramp: scale.ramp,
      low: count(scale.extent[0]),
      high: count(scale.extent[1]),
    },
    notes,
    source: what.illustrative ? `${t('app.title')} · ${t('app.illustrative')}` : t('app.title'),
  });
  const day = zoneMinute(what.timeZone, now).slice(0, 10).replaceAll('-', '');
  download(blob, `${t('app.title')}-${a.name}-${day}.png`);
}
