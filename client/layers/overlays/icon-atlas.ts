/**
 * The overlays' icons, drawn at run time on a canvas (no icon font, no download): one atlas for
 * deck.gl's IconLayer, the same pixels as ImageData for MapLibre and as data URLs for the legend.
 */
import { css, iconSpec, iconSpecs, type IconSpec, type Shape } from './symbols.ts';

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
    // A house's mark sits in its body; the generic symbol's dot in the middle.
    const dy = spec.shape === 'house' ? r * 0.3 : 0;
    tracePath(ctx, spec.mark, cx, cy + dy, r * (spec.shape === 'house' ? 0.46 : 0.38));
    ctx.fillStyle = 'rgb(255,255,255)';
    ctx.fill();
  }
}

/** The atlas: every icon drawn so far, in rows of `PER_ROW`. */
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

/** Icons per row of the atlas: any number of terms stays within a canvas's size limits. */
const PER_ROW = 16;

let atlas: IconAtlas | null = null;
/** Icons beyond the designed ones, in the order first asked for. */
const extra: IconSpec[] = [];

/**
 * The atlas, drawn once per page with the designed icons, and drawn again (a new canvas, so
 * deck.gl uploads it) when `ids` names an icon it lacks: a term the vocabulary gained.
 */
export function iconAtlas(ids: Iterable<string> = []): IconAtlas {
  let grown = false;
  for (const id of ids) {
    if (atlas?.mapping[id] || extra.some((e) => e.id === id)) continue;
    const spec = iconSpec(id);
    if (spec && !(atlas === null && iconSpecs().some((d) => d.id === id))) {
      extra.push(spec);
      grown = true;
    }
  }
  if (atlas && !grown) return atlas;
  const specs = [...iconSpecs(), ...extra];
  const canvas = document.createElement('canvas');
  canvas.width = ICON_PX * Math.min(PER_ROW, specs.length);
  canvas.height = ICON_PX * Math.ceil(specs.length / PER_ROW);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const mapping: IconMapping = {};
  specs.forEach((spec, i) => {
    const x = (i % PER_ROW) * ICON_PX;
    const y = Math.floor(i / PER_ROW) * ICON_PX;
    drawIcon(ctx, spec, x, y);
    mapping[spec.id] = { x, y, width: ICON_PX, height: ICON_PX, mask: false };
  });
  atlas = { canvas, texture: canvas as unknown as string, mapping };
  return atlas;
}

/** One icon's pixels, for `map.addImage` (any icon id of symbols.ts). */
export function iconImageData(id: string): ImageData {
  const { canvas, mapping } = iconAtlas([id]);
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
