/**
 * Colours and shapes of the overlays' symbols, written once for the map and the legend.
 * Categories are told apart by shape as well as colour (not colour alone); colours are the
 * Okabe-Ito palette, safe for the common forms of colour blindness.
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

/** Colour and shape of each issue category. */
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

/** Colour and shape of each department that sends staff down. */
export const DEPARTMENT_SYMBOL: Record<Department, { colour: Rgb; shape: Shape }> = {
  police: { colour: OKABE_ITO.blue, shape: 'square' },
  fire: { colour: OKABE_ITO.vermillion, shape: 'triangle' },
  market: { colour: OKABE_ITO.bluishGreen, shape: 'diamond' },
  urban: { colour: OKABE_ITO.orange, shape: 'circle' },
};

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

/** Icon id of an issue point. */
export const issueIconId = (category: IssueCategory, status: IssueStatus) =>
  `issue-${category}-${status}`;
/** Icon id of a 邻里之家. */
export const siteIconId = (kind: SiteRoomKind) => `site-${kind}`;
/** Icon id of a staff post; off duty is drawn greyed. */
export const staffIconId = (department: Department, onDuty: boolean) =>
  `staff-${department}-${onDuty ? 'on' : 'off'}`;

/** Every icon the overlays draw. */
export function iconSpecs(): IconSpec[] {
  const specs: IconSpec[] = [];
  for (const category of ISSUE_CATEGORIES) {
    for (const status of ISSUE_STATUSES) {
      const s = STATUS_STYLE[status];
      specs.push({
        id: issueIconId(category, status),
        shape: CATEGORY_SYMBOL[category].shape,
        colour: CATEGORY_SYMBOL[category].colour,
        filled: s.filled,
        outline: s.filled ? s.outline : CATEGORY_SYMBOL[category].colour,
        outlineWidth: s.outlineWidth,
      });
    }
  }
  for (const kind of SITE_ROOM_KINDS) {
    specs.push({
      id: siteIconId(kind),
      shape: 'house',
      colour: ROOM_KIND_SYMBOL[kind].colour,
      filled: true,
      outline: [255, 255, 255],
      outlineWidth: 2.5,
      mark: ROOM_KIND_SYMBOL[kind].mark,
    });
  }
  for (const department of DEPARTMENTS) {
    for (const onDuty of [true, false]) {
      specs.push({
        id: staffIconId(department, onDuty),
        shape: DEPARTMENT_SYMBOL[department].shape,
        colour: onDuty ? DEPARTMENT_SYMBOL[department].colour : [190, 190, 190],
        filled: true,
        outline: onDuty ? [20, 20, 20] : DEPARTMENT_SYMBOL[department].colour,
        outlineWidth: onDuty ? 2 : 3,
      });
    }
  }
  specs.push({
    id: HALO_ICON,
    shape: 'circle',
    colour: OKABE_ITO.yellow,
    filled: true,
    outline: [60, 60, 60],
    outlineWidth: 1.5,
  });
  return specs;
}

/** Icon id of the yellow halo behind staff on duty. */
export const HALO_ICON = 'halo';

/** A CSS colour of an RGB triple, with an alpha 0..1. */
export function css(rgb: readonly number[], alpha = 1): string {
  return alpha === 1 ? `rgb(${rgb.join(',')})` : `rgba(${rgb.join(',')},${alpha})`;
}
