/**
 * Colours and shapes of the overlays' symbols, written once for the map and the legend.
 * Categories are told apart by shape as well as colour (not colour alone); colours are the
 * Okabe-Ito palette, safe for the common forms of colour blindness. The vocabulary is rows a
 * district extends, so past the designed keys every category, department or room kind gets
 * the generic symbol (a circle with a white dot, or a house with a white triangle) in a colour
 * derived from its key: the same on every screen and every day.
 */
import {
  DEPARTMENTS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  SITE_ROOM_KINDS,
  type Department,
  type IssueCategory,
  type IssueStatus,
  type SiteRoomKind,
} from '../../../server/contract/vocabulary.ts';

/** An RGB colour as deck.gl takes it. */
export type Rgb = [number, number, number];

/** Okabe-Ito (2008), without black: eight colours distinguishable with any colour vision. */
export const OKABE_ITO = {
  orange: [230, 159, 0],
  skyBlue: [86, 180, 233],
  bluishGreen: [0, 158, 115],
  yellow: [240, 228, 66],
  blue: [0, 114, 178],
  vermillion: [213, 94, 0],
  reddishPurple: [204, 121, 167],
  grey: [120, 120, 120],
} as const satisfies Record<string, Rgb>;

/** Shapes an icon can take. */
export const SHAPES = [
  'circle',
  'square',
  'diamond',
  'triangle',
  'triangleDown',
  'star',
  'hexagon',
  'house',
] as const;
export type Shape = (typeof SHAPES)[number];

/** How a term is drawn: colour, shape and, for the generic symbol, a white mark inside. */
export interface TermSymbol {
  colour: Rgb;
  shape: Shape;
  mark?: Shape;
}

/** Colour and shape of each designed issue category. */
export const CATEGORY_SYMBOL: Record<IssueCategory, { colour: Rgb; shape: Shape }> = {
  environment: { colour: OKABE_ITO.bluishGreen, shape: 'circle' },
  facilities: { colour: OKABE_ITO.blue, shape: 'square' },
  roads: { colour: OKABE_ITO.orange, shape: 'diamond' },
  parking: { colour: OKABE_ITO.skyBlue, shape: 'triangle' },
  stairwells: { colour: OKABE_ITO.reddishPurple, shape: 'triangleDown' },
  disputes: { colour: OKABE_ITO.vermillion, shape: 'star' },
  power_grid: { colour: OKABE_ITO.yellow, shape: 'hexagon' },
};

/**
 * How a status draws an issue: filled or hollow, and the outline. Open issues are filled with a
 * dark outline; in progress filled with a white outline; escalated filled with a thick black
 * ring; resolved hollow and fainter.
 */
export const STATUS_STYLE: Record<
  IssueStatus,
  { filled: boolean; outline: Rgb; outlineWidth: number; alpha: number }
> = {
  open: { filled: true, outline: [40, 40, 40], outlineWidth: 1.5, alpha: 1 },
  in_progress: { filled: true, outline: [255, 255, 255], outlineWidth: 2, alpha: 1 },
  escalated: { filled: true, outline: [0, 0, 0], outlineWidth: 4, alpha: 1 },
  resolved: { filled: false, outline: [0, 0, 0], outlineWidth: 2.5, alpha: 0.75 },
};

/** Colour and inner mark of each kind of room a 邻里之家 occupies (all drawn as a house). */
export const ROOM_KIND_SYMBOL: Record<SiteRoomKind, { colour: Rgb; mark: Shape }> = {
  idle_room: { colour: OKABE_ITO.bluishGreen, mark: 'circle' },
  property_room: { colour: OKABE_ITO.blue, mark: 'square' },
  party_post: { colour: OKABE_ITO.vermillion, mark: 'star' },
  community_office: { colour: OKABE_ITO.reddishPurple, mark: 'diamond' },
};

/** Colour and shape of each designed department that sends staff down. */
export const DEPARTMENT_SYMBOL: Record<Department, { colour: Rgb; shape: Shape }> = {
  police: { colour: OKABE_ITO.blue, shape: 'square' },
  fire: { colour: OKABE_ITO.vermillion, shape: 'triangle' },
  market: { colour: OKABE_ITO.bluishGreen, shape: 'diamond' },
  urban: { colour: OKABE_ITO.orange, shape: 'circle' },
};

/** The generic symbol's shape and white mark: no designed term is drawn like it. */
export const GENERIC_SHAPE: Shape = 'circle';
export const GENERIC_MARK: Shape = 'circle';
/** A room kind past the designed ones: the house with a mark no designed kind has. */
export const GENERIC_ROOM_MARK: Shape = 'triangleDown';

/** FNV-1a, 32 bits: a stable hash of a key (not for security). */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A colour for a key past the designed ones, the same for the key everywhere: a hue from its
 * hash at a saturation and lightness that read on the light map and keep white marks visible.
 */
export function keyColour(key: string): Rgb {
  const h = (hash(key) % 360) / 360;
  const s = 0.6;
  const l = 0.42;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v =
      u < 1 / 6
        ? p + (q - p) * 6 * u
        : u < 1 / 2
          ? q
          : u < 2 / 3
            ? p + (q - p) * (2 / 3 - u) * 6
            : p;
    return Math.round(v * 255);
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)];
}

const designed = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** How an issue category is drawn: its designed symbol, else the generic one. */
export function categorySymbol(key: string): TermSymbol {
  return (
    designed(CATEGORY_SYMBOL, key) ?? {
      colour: keyColour(key),
      shape: GENERIC_SHAPE,
      mark: GENERIC_MARK,
    }
  );
}

/** How a department's staff are drawn: its designed symbol, else the generic one. */
export function departmentSymbol(key: string): TermSymbol {
  return (
    designed(DEPARTMENT_SYMBOL, key) ?? {
      colour: keyColour(key),
      shape: GENERIC_SHAPE,
      mark: GENERIC_MARK,
    }
  );
}

/** How a room kind's 邻里之家 is drawn: always a house, with its designed mark or the generic one. */
export function roomKindSymbol(key: string): { colour: Rgb; mark: Shape } {
  return designed(ROOM_KIND_SYMBOL, key) ?? { colour: keyColour(key), mark: GENERIC_ROOM_MARK };
}

/** One icon of the atlas: its id and how to draw it. */
export interface IconSpec {
  id: string;
  /** Outer shape, filled with `fill` (or white when hollow). */
  shape: Shape;
  colour: Rgb;
  filled: boolean;
  outline: Rgb;
  outlineWidth: number;
  /** A white mark inside (sites), or none. */
  mark?: Shape;
}

// Keys are `[a-z][a-z0-9_]*` (the vocabulary's pattern), so `-` parts an id unambiguously.
/** Icon id of an issue point. */
export const issueIconId = (category: string, status: IssueStatus) => `issue-${category}-${status}`;
/** Icon id of a 邻里之家. */
export const siteIconId = (kind: string) => `site-${kind}`;
/** Icon id of a staff post; off duty is drawn greyed. */
export const staffIconId = (department: string, onDuty: boolean) =>
  `staff-${department}-${onDuty ? 'on' : 'off'}`;

/** Icon id of the yellow halo behind staff on duty. */
export const HALO_ICON = 'halo';

const HALO: IconSpec = {
  id: HALO_ICON,
  shape: 'circle',
  colour: OKABE_ITO.yellow,
  filled: true,
  outline: [60, 60, 60],
  outlineWidth: 1.5,
};

/** How to draw the icon of `id` (any key, designed or not), or null for no icon id. */
export function iconSpec(id: string): IconSpec | null {
  if (id === HALO_ICON) return HALO;
  const issue = /^issue-([a-z][a-z0-9_]*)-([a-z_]+)$/.exec(id);
  if (issue && Object.hasOwn(STATUS_STYLE, issue[2]!)) {
    const s = STATUS_STYLE[issue[2] as IssueStatus];
    const c = categorySymbol(issue[1]!);
    return {
      id,
      shape: c.shape,
      colour: c.colour,
      filled: s.filled,
      outline: s.filled ? s.outline : c.colour,
      outlineWidth: s.outlineWidth,
      ...(c.mark && s.filled ? { mark: c.mark } : {}),
    };
  }
  const site = /^site-([a-z][a-z0-9_]*)$/.exec(id);
  if (site) {
    const r = roomKindSymbol(site[1]!);
    return {
      id,
      shape: 'house',
      colour: r.colour,
      filled: true,
      outline: [255, 255, 255],
      outlineWidth: 2.5,
      mark: r.mark,
    };
  }
  const staff = /^staff-([a-z][a-z0-9_]*)-(on|off)$/.exec(id);
  if (staff) {
    const d = departmentSymbol(staff[1]!);
    const onDuty = staff[2] === 'on';
    return {
      id,
      shape: d.shape,
      colour: onDuty ? d.colour : [190, 190, 190],
      filled: true,
      outline: onDuty ? [20, 20, 20] : d.colour,
      outlineWidth: onDuty ? 2 : 3,
      ...(d.mark && onDuty ? { mark: d.mark } : {}),
    };
  }
  return null;
}

/** Every icon of the designed keys (terms past them are drawn when first asked for). */
export function iconSpecs(): IconSpec[] {
  const ids = [
    ...ISSUE_CATEGORIES.flatMap((c) => ISSUE_STATUSES.map((s) => issueIconId(c, s))),
    ...SITE_ROOM_KINDS.map(siteIconId),
    ...DEPARTMENTS.flatMap((d) => [staffIconId(d, true), staffIconId(d, false)]),
    HALO_ICON,
  ];
  return ids.map((id) => iconSpec(id)!);
}

/** A CSS colour of an RGB triple, with an alpha 0..1. */
export function css(rgb: readonly number[], alpha = 1): string {
  return alpha === 1 ? `rgb(${rgb.join(',')})` : `rgba(${rgb.join(',')},${alpha})`;
}
