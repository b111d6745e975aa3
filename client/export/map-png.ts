/**
 * "导出PNG": the map view as it is on screen, with a title, the date and a legend drawn on.
 * The deck.gl layers are interleaved into MapLibre's own WebGL context, so one canvas holds
 * everything the map draws. Without `preserveDrawingBuffer` that canvas is only readable while
 * its frame is being drawn: it is copied inside MapLibre's `render` event.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';

/** What the picture says besides the map. */
export interface PngCaption {
  /** The area with its ancestors, zone first: 城区 › 片区 › 社区. */
  title: string;
  /** The time window counted, e.g. 全部时间 or 2024-02-01 至 2024-04-30. */
  window: string;
  /** The export's time, e.g. 导出于 YYYY-MM-DD HH:MM. */
  exportedAt: string;
  /** The colouring of the areas: its name, the colours low to high, and the values at the ends. */
  metric: { label: string; ramp: readonly string[]; low: string; high: string };
  /** Lines under the ramp: overlays on, filters set (none: nothing drawn). */
  notes: readonly string[];
  /** Bottom right, e.g. 片区一张图 · 示意数据. */
  source: string;
}

const FONT = '"Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Copies the map's next frame into a new 2D canvas. */
function captureFrame(map: MaplibreMap): Promise<HTMLCanvasElement> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the map drew no frame')), 10_000);
    map.once('render', () => {
      clearTimeout(timer);
      const source = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d');
      if (!ctx) return reject(new Error('no 2D canvas'));
      ctx.drawImage(source, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}

function roundedBox(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 8);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.94)';
  ctx.shadowColor = 'rgba(8, 26, 51, 0.25)';
  ctx.shadowBlur = 10;
  ctx.fill();
  ctx.shadowBlur = 0;
  ctx.shadowColor = 'transparent';
}

/**
 * Draws the map with its caption and legend; `scale` is device pixels per CSS pixel (the map
 * canvas is drawn at the device's resolution).
 */
export async function composeMapPng(map: MaplibreMap, caption: PngCaption): Promise<Blob> {
  // Canvas text finds only fonts already loaded: load the glyphs of every string first.
  const text = [
    caption.title,
    caption.window,
    caption.exportedAt,
    caption.metric.label,
    caption.source,
    ...caption.notes,
  ].join('');
  await Promise.all([
    document.fonts.load(`700 20px ${FONT}`, text),
    document.fonts.load(`400 13px ${FONT}`, text),
  ]).catch(() => undefined);

  const frame = await captureFrame(map);
  const scale = frame.width / Math.max(1, map.getContainer().clientWidth);
  const out = document.createElement('canvas');
  out.width = frame.width;
  out.height = frame.height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(frame, 0, 0);
  ctx.scale(scale, scale);
  const width = out.width / scale;
  const height = out.height / scale;
  ctx.textBaseline = 'alphabetic';

  // Title, window and date, top left.
  ctx.font = `700 20px ${FONT}`;
  const titleWidth = ctx.measureText(caption.title).width;
  ctx.font = `400 13px ${FONT}`;
  const lineWidth = Math.max(
    ctx.measureText(caption.window).width,
    ctx.measureText(caption.exportedAt).width,
  );
  const boxW = Math.min(width - 32, Math.max(titleWidth, lineWidth) + 32);
  roundedBox(ctx, 16, 16, boxW, 78);
  ctx.fillStyle = '#0c2344';
  ctx.font = `700 20px ${FONT}`;
  ctx.fillText(caption.title, 32, 44, boxW - 32);
  ctx.fillStyle = '#3b4a63';
  ctx.font = `400 13px ${FONT}`;
  ctx.fillText(caption.window, 32, 66, boxW - 32);
  ctx.fillText(caption.exportedAt, 32, 84, boxW - 32);

  // Legend, bottom left: the colour ramp of the areas, then the notes.
  const rampW = 180;
  ctx.font = `400 12px ${FONT}`;
  const notesW = Math.max(0, ...caption.notes.map((n) => ctx.measureText(n).width));
  const legendW = Math.min(width - 32, Math.max(rampW + 90, notesW + 28));
  const legendH = 62 + caption.notes.length * 18;
  const top = height - legendH - 16;
  roundedBox(ctx, 16, top, legendW, legendH);
  ctx.fillStyle = '#0c2344';
  ctx.font = `700 13px ${FONT}`;
  ctx.fillText(caption.metric.label, 30, top + 22);
  const gradient = ctx.createLinearGradient(30, 0, 30 + rampW, 0);
  const ramp = caption.metric.ramp.length > 1 ? caption.metric.ramp : ['#eee', '#999'];
  ramp.forEach((c, i) => gradient.addColorStop(i / (ramp.length - 1), c));
  ctx.fillStyle = gradient;
  ctx.fillRect(30, top + 32, rampW, 10);
  ctx.fillStyle = '#3b4a63';
  ctx.font = `400 12px ${FONT}`;
  ctx.fillText(caption.metric.low, 30, top + 56);
  ctx.textAlign = 'right';
  ctx.fillText(caption.metric.high, 30 + rampW, top + 56);
  ctx.textAlign = 'left';
  caption.notes.forEach((note, i) => ctx.fillText(note, 30, top + 78 + i * 18, legendW - 28));

  // Source, bottom right.
  ctx.font = `400 12px ${FONT}`;
  const sourceW = ctx.measureText(caption.source).width + 20;
  roundedBox(ctx, width - sourceW - 16, height - 40, sourceW, 24);
  ctx.fillStyle = '#3b4a63';
  ctx.fillText(caption.source, width - sourceW - 6, height - 23);

  return new Promise((resolve, reject) =>
    out.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))),
      'image/png',
    ),
  );
}

/** Hands a file to the browser's download. */
export function download(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
