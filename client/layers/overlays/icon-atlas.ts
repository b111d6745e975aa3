/**
 * The overlays' icons, drawn at run time on a canvas (no icon font, no download): one atlas for
 * deck.gl's IconLayer, the same pixels as ImageData for MapLibre and as data URLs for the legend.
 */
import { css, iconSpecs, type IconSpec, type Shape } from './symbols.ts';

/** Size of one icon in the atlas, in canvas pixels (drawn at twice the size shown). */
export const ICON_PX = 48;

/** Where each icon sits in the atlas, as deck.gl's `iconMapping` takes it. */
export type IconMapping = Record<
  string,
  { x: number; y: number; width: number; height: number; mask: boolean }
>;

function tracePath(ctx: CanvasRenderingContext2D, shape: Shape, cx: number, cy: number, r: number) {
  const polygon = (points: [number, number][]) => {
    ctx.moveTo(cx + points[0]![0] * r, cy + points[0]![1] * r);
    for (const [x, y] of points.slice(1)) ctx.lineTo(cx + x * r, cy + y * r);
    ctx.closePath();
  };
  const regular = (n: number, rotation: number, radius = 1) =>
    Array.from({ length: n }, (_, i): [number, number] => {
      const a = rotation + (i * 2 * Math.PI) / n;
      return [Math.cos(a) * radius, Math.sin(a) * radius];
    });
  switch (shape) {
    case 'circle':
      ctx.arc(cx, cy, r * 0.9, 0, 2 * Math.PI);
      break;
    case 'square':
      polygon([
        [-0.78, -0.78],
        [0.78, -0.78],
        [0.78, 0.78],
        [-0.78, 0.78],
      ]);
      break;
    case 'diamond':
      polygon(regular(4, -Math.PI / 2));
      break;
    case 'triangle':
      polygon([
        [0, -1],
        [0.95, 0.75],
        [-0.95, 0.75],
      ]);
      break;
    case 'triangleDown':
      polygon([
        [0, 1],
        [0.95, -0.75],
        [-0.95, -0.75],
      ]);
      break;
    case 'star': {
      const outer = regular(5, -Math.PI / 2);
      const inner = regular(5, -Math.PI / 2 + Math.PI / 5, 0.45);
      polygon(outer.flatMap((p, i) => [p, inner[i]!]));
      break;
    }
    case 'hexagon':
      polygon(regular(6, 0, 0.95));
      break;
    case 'house':
      polygon([
        [0, -1],
        [1, -0.1],
        [0.78, -0.1],
        [0.78, 0.9],
        [-0.78, 0.9],
        [-0.78, -0.1],
        [-1, -0.1],
      ]);
      break;
  }
}

function drawIcon(ctx: CanvasRenderingContext2D, spec: IconSpec, x: number, y: number) {
  const cx = x + ICON_PX / 2;
  const cy = y + ICON_PX / 2;
  const r = ICON_PX / 2 - 2 - spec.outlineWidth;
  ctx.beginPath();
  tracePath(ctx, spec.shape, cx, cy, r);
  ctx.fillStyle = spec.filled ? css(spec.colour) : 'rgb(255,255,255)';
  ctx.fill();
  ctx.lineJoin = 'round';
  ctx.lineWidth = spec.outlineWidth * 2;
  ctx.strokeStyle = css(spec.outline);
  ctx.stroke();
  if (spec.mark) {
    ctx.beginPath();
    tracePath(ctx, spec.mark, cx, cy + r * 0.3, r * 0.46);
    ctx.fillStyle = 'rgb(255,255,255)';
    ctx.fill();
  }
}

/** The atlas: every icon side by side in one row. */
export interface IconAtlas {
  canvas: HTMLCanvasElement;
  /**
   * The canvas as deck.gl's `iconAtlas`. A data URL would be fetched, which the CSP's
   * `connect-src 'self'` forbids; deck.gl turns an image prop given as a canvas into a texture
   * directly, though its types name only a URL or a texture.
   */
  texture: string;
  mapping: IconMapping;
}

let atlas: IconAtlas | null = null;

/** Draws the atlas once per page. */
export function iconAtlas(): IconAtlas {
  if (atlas) return atlas;
  const specs = iconSpecs();
  const canvas = document.createElement('canvas');
  canvas.width = ICON_PX * specs.length;
  canvas.height = ICON_PX;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const mapping: IconMapping = {};
  specs.forEach((spec, i) => {
    drawIcon(ctx, spec, i * ICON_PX, 0);
    mapping[spec.id] = { x: i * ICON_PX, y: 0, width: ICON_PX, height: ICON_PX, mask: false };
  });
  atlas = { canvas, texture: canvas as unknown as string, mapping };
  return atlas;
}

/** One icon's pixels, for `map.addImage`. */
export function iconImageData(id: string): ImageData {
  const { canvas, mapping } = iconAtlas();
  const m = mapping[id]!;
  return canvas.getContext('2d')!.getImageData(m.x, m.y, m.width, m.height);
}

const urls = new Map<string, string>();

/** One icon as a data URL, for the legend's `<img>`. */
export function iconDataUrl(id: string): string {
  let url = urls.get(id);
  if (!url) {
    const one = document.createElement('canvas');
    one.width = ICON_PX;
    one.height = ICON_PX;
    one.getContext('2d')!.putImageData(iconImageData(id), 0, 0);
    url = one.toDataURL('image/png');
    urls.set(id, url);
  }
  return url;
}
