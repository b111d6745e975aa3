/**
 * The messages of the layer panel and of every overlay. The shell's catalogue spreads them
 * once: both the dashboard and the big screen draw the overlays. An overlay's own are in its
 * folder.
 */
import { issuesEn, issuesZh } from './issues/messages.ts';
import { sitesEn, sitesZh } from './sites/messages.ts';
import { staffEn, staffZh } from './staff/messages.ts';
import { tourismEn, tourismZh } from './tourism/messages.ts';

export const overlayZh = {
  'layers.title': '图层',
  'layers.opacity': '透明度',
  'layers.failed': '图层数据加载失败',
  ...issuesZh,
  ...sitesZh,
  ...staffZh,
  ...tourismZh,
};

export const overlayEn: Record<keyof typeof overlayZh, string> = {
  'layers.title': 'Layers',
  'layers.opacity': 'Opacity',
  'layers.failed': 'Could not load this layer',
  ...issuesEn,
  ...sitesEn,
  ...staffEn,
  ...tourismEn,
};
