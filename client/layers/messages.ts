/**
 * The messages of the layer panel and of every overlay of the registry. The shell's catalogue
 * spreads them once: both the dashboard and the big screen draw the overlays. An overlay's own
 * are in its folder.
 */
import type { Lang } from '../i18n/catalogue.ts';
import type { OverlayDescriptor } from './overlay.ts';
import { OVERLAY_REGISTRY, type OverlayEntry } from './registry.ts';

type KeysOf<E> = E extends OverlayDescriptor<string, object, infer K> ? K : never;
/** Every overlay's message keys. */
type OverlayKey = KeysOf<OverlayEntry>;

const overlaysIn = (lang: Lang) =>
  // Each descriptor's table has its own keys; together they have every OverlayKey.
  Object.fromEntries(
    OVERLAY_REGISTRY.flatMap((o) => Object.entries<string>(o.messages[lang])),
  ) as Record<OverlayKey, string>;

export const overlayZh = {
  'layers.title': '图层',
  'layers.opacity': '透明度',
  'layers.failed': '图层数据加载失败',
  'layers.flat': '当前范围内均为 0，无色阶',
  'layers.basemap.title': '底图',
  'layers.basemap.offline': '离线底图',
  'layers.basemap.tianditu-vec': '天地图 矢量',
  'layers.basemap.tianditu-img': '天地图 影像',
  'layers.basemap.xyz': '在线底图',
  ...overlaysIn('zh-CN'),
};

export const overlayEn: Record<keyof typeof overlayZh, string> = {
  'layers.title': 'Layers',
  'layers.opacity': 'Opacity',
  'layers.failed': 'Could not load this layer',
  'layers.flat': 'Nothing here in this view: no colour scale',
  'layers.basemap.title': 'Basemap',
  'layers.basemap.offline': 'Offline',
  'layers.basemap.tianditu-vec': 'Tianditu map',
  'layers.basemap.tianditu-img': 'Tianditu imagery',
  'layers.basemap.xyz': 'Online basemap',
  ...overlaysIn('en'),
};
