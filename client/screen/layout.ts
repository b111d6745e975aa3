/**
 * The big screen's layout as a pure function of the window size: where the header, the map and
 * each panel go, in device pixels, and the scale the panels are drawn at. Panels are designed at
 * 1920x1080 and scaled as a whole (CSS transform on their box); the map is never scaled, its
 * canvas keeps the native size so that picking stays under the pointer.
 *
 * Two arrangements: `standard` (16:9 and narrower; 3840x2160 is 1920x1080 at scale 2) with a
 * column of panels each side of the map and the ticker under it; `wide` (an ultra-wide wall such
 * as 5760x1080, three screens side by side) with the panels on the outer screens in columns and
 * the map filling the middle screen.
 */

/** The panels of the screen, in the `panels=` parameter's vocabulary. */
export const SCREEN_PANELS = [
  'kpi',
  'trend',
  'path',
  'ranking',
  'categories',
  'tourism',
  'peak',
  'ticker',
] as const;
/** One panel of the screen. */
export type ScreenPanel = (typeof SCREEN_PANELS)[number];

/** The size the panels are designed at (design pixels). */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;
/** Height of the header strip, gap between boxes, width of a side column (design pixels). */
export const HEADER_HEIGHT = 64;
export const GAP = 14;
export const SIDE_WIDTH = 448;
/** Height of the strip under the map holding the ticker and the peak list (design pixels). */
export const STRIP_HEIGHT = 236;
/** From this width/height ratio on, the wall is laid out as three screens side by side. */
export const WIDE_RATIO = 2.6;

/** A rectangle in device pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A panel's place: its box in device pixels and its size in design pixels. */
export interface PanelBox {
  id: ScreenPanel;
  rect: Rect;
  /** The panel's own size in design pixels (rect / scale). */
  design: { width: number; height: number };
}

/** Where everything goes. */
export interface ScreenLayout {
  arrangement: 'standard' | 'wide';
  /** Device pixels per design pixel. */
  scale: number;
  /** The header strip, scaled like the panels. */
  header: PanelBox['design'] & { rect: Rect };
  /** The map, in device pixels (not scaled). */
  map: Rect;
  panels: PanelBox[];
}

/** Relative heights of the panels sharing a column (their design heights at 1920x1080). */
const WEIGHT: Record<ScreenPanel, number> = {
  kpi: 386,
  trend: 290,
  path: 276,
  ranking: 440,
  categories: 246,
  tourism: 266,
  peak: 2,
  ticker: 3,
};

/** Columns of the `standard` arrangement; the ticker and peak list go in the strip. */
const STANDARD: Record<'left' | 'right', ScreenPanel[]> = {
  left: ['kpi', 'trend', 'path'],
  right: ['ranking', 'categories', 'tourism'],
};
/**
 * Columns of the `wide` arrangement, outer-left screen then outer-right screen. The peak list and
 * the ticker share a column: each a full-height column of its own was mostly empty (a peak list
 * out of season says one line; a ticker fills only as events come).
 */
const WIDE = {
  left: [['kpi'], ['trend', 'categories'], ['ranking']],
  right: [
    ['path', 'tourism'],
    ['peak', 'ticker'],
  ],
} satisfies Record<string, ScreenPanel[][]>;

/** Reads the `panels=` parameter: known names in any order; none or nothing known: all. */
export function parsePanels(value: string | null): ScreenPanel[] {
  const named = (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p): p is ScreenPanel => (SCREEN_PANELS as readonly string[]).includes(p));
  return named.length > 0 ? SCREEN_PANELS.filter((p) => named.includes(p)) : [...SCREEN_PANELS];
}

interface DesignBox {
  id: ScreenPanel;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Shares the length from `start` to `end` among panels by weight, gaps between: each panel's
 * offset and length along the one axis, for a column or a row alike.
 */
function spread(
  ids: readonly ScreenPanel[],
  start: number,
  end: number,
): { id: ScreenPanel; at: number; size: number }[] {
  const total = ids.reduce((sum, id) => sum + WEIGHT[id], 0);
  const room = end - start - GAP * (ids.length - 1);
  let at = start;
  return ids.map((id) => {
    const size = (room * WEIGHT[id]) / total;
    const part = { id, at, size };
    at += size + GAP;
    return part;
  });
}

/** Stacks panels in a column from `top` to `bottom`, heights by weight, gaps between. */
function stack(
  ids: readonly ScreenPanel[],
  x: number,
  width: number,
  top: number,
  bottom: number,
): DesignBox[] {
  return spread(ids, top, bottom).map(({ id, at, size }) => ({
    id,
    x,
    y: at,
    width,
    height: size,
  }));
}

/** Puts panels side by side in a row from `left` to `right`, widths by weight. */
function row(
  ids: readonly ScreenPanel[],
  left: number,
  right: number,
  y: number,
  height: number,
): DesignBox[] {
  return spread(ids, left, right).map(({ id, at, size }) => ({
    id,
    x: at,
    y,
    width: size,
    height,
  }));
}

/** Columns side by side between `left` and `right`, each stacked. */
function columns(
  cols: readonly (readonly ScreenPanel[])[],
  left: number,
  right: number,
  top: number,
  bottom: number,
): DesignBox[] {
  if (cols.length === 0) return [];
  const width = (right - left - GAP * (cols.length - 1)) / cols.length;
  return cols.flatMap((col, i) => stack(col, left + i * (width + GAP), width, top, bottom));
}

/** Lays the screen out for a window of `width` x `height` device pixels. */
export function screenLayout(
  width: number,
  height: number,
  shown: readonly ScreenPanel[] = SCREEN_PANELS,
): ScreenLayout {
  const wide = width / height >= WIDE_RATIO;
  const scale = wide
    ? height / DESIGN_HEIGHT
    : Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT);
  const W = width / scale;
  const H = height / scale;
  const has = (id: ScreenPanel) => shown.includes(id);
  const keep = (ids: readonly ScreenPanel[]) => ids.filter(has);
  const top = HEADER_HEIGHT + GAP;
  const bottom = H - GAP;

  let boxes: DesignBox[];
  let map: { x: number; y: number; width: number; height: number };
  if (wide) {
    const third = W / 3;
    const side = (cols: ScreenPanel[][]) => cols.map(keep).filter((c) => c.length > 0);
    const left = side(WIDE.left);
    const right = side(WIDE.right);
    const mapLeft = left.length > 0 ? third : GAP;
    const mapRight = right.length > 0 ? 2 * third : W - GAP;
    boxes = [
      ...columns(left, GAP, third - GAP, top, bottom),
      ...columns(right, 2 * third + GAP, W - GAP, top, bottom),
    ];
    map = { x: mapLeft, y: top, width: mapRight - mapLeft, height: bottom - top };
  } else {
    const left = keep(STANDARD.left);
    const right = keep(STANDARD.right);
    const strip = keep(['ticker', 'peak']);
    const mapLeft = left.length > 0 ? GAP + SIDE_WIDTH + GAP : GAP;
    const mapRight = right.length > 0 ? W - GAP - SIDE_WIDTH - GAP : W - GAP;
    const mapBottom = strip.length > 0 ? bottom - STRIP_HEIGHT - GAP : bottom;
    boxes = [
      ...stack(left, GAP, SIDE_WIDTH, top, bottom),
      ...stack(right, W - GAP - SIDE_WIDTH, SIDE_WIDTH, top, bottom),
      ...row(strip, mapLeft, mapRight, bottom - STRIP_HEIGHT, STRIP_HEIGHT),
    ];
    map = { x: mapLeft, y: top, width: mapRight - mapLeft, height: mapBottom - top };
  }

  // Device pixels: edges rounded, so boxes that do not touch in design pixels never overlap.
  // Rounded to whole design pixels first, so that a 2x screen is exactly the 1x one doubled.
  const device = (b: { x: number; y: number; width: number; height: number }): Rect => {
    const at = (v: number, max: number) => Math.min(max, Math.round(Math.round(v) * scale));
    const x = at(b.x, width);
    const y = at(b.y, height);
    return { x, y, width: at(b.x + b.width, width) - x, height: at(b.y + b.height, height) - y };
  };
  const panels = SCREEN_PANELS.flatMap((id) => boxes.filter((b) => b.id === id)).map((b) => {
    const rect = device(b);
    return {
      id: b.id,
      rect,
      design: { width: rect.width / scale, height: rect.height / scale },
    };
  });
  const headerRect = device({ x: 0, y: 0, width: W, height: HEADER_HEIGHT });
  return {
    arrangement: wide ? 'wide' : 'standard',
    scale,
    header: { rect: headerRect, width: headerRect.width / scale, height: HEADER_HEIGHT },
    map: device(map),
    panels,
  };
}

/** Whether two rectangles share any area (touching edges do not). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
