/**
 * Puts the words on the exported map picture: the area with its parents, the window counted,
 * the date, the colouring of the areas, and the overlays and filters in force.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { AreaProfile } from '../../server/contract/index.ts';
import type { Translator } from '../i18n/i18n.ts';
import type { AreaColourScale } from '../layers/areas/area-colours.ts';
import type { UrlState } from '../state/url-state.ts';
import { composeMapPng, download } from './map-png.ts';

/** What the picture is of. */
export interface MapExport {
  profile: AreaProfile;
  url: UrlState;
  /** The scale the areas are coloured with (its legend is drawn). */
  scale: AreaColourScale;
  tr: Translator;
  /** The moment of the export (default now). */
  now?: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM` in local time. */
function stamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
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
    exportedAt: t('export.exportedAt', { time: stamp(now) }),
    metric: {
      label: t(`metric.${scale.metric}`),
      ramp: scale.ramp,
      low: count(scale.extent[0]),
      high: count(scale.extent[1]),
    },
    notes,
    source: `${t('app.title')} · ${t('app.illustrative')}`,
  });
  const day = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  download(blob, `${t('app.title')}-${a.name}-${day}.png`);
}
