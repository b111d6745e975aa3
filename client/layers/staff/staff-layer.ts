/**
 * The sent-down staff layer model: at each 小区 post one icon per department (shape and colour
 * by department), set around the post so several departments do not hide each other, with the
 * number on duty / posted; groups with someone on duty at the chosen time get a yellow halo.
 */
import { IconLayer, TextLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Duty } from '../../../server/contract/index.ts';
import { DEPARTMENTS } from '../../../server/contract/vocabulary.ts';
import { OVERLAY_BEFORE } from '../issues/issues-layer.ts';
import { iconAtlas } from '../overlays/icon-atlas.ts';
import { HALO_ICON, staffIconId } from '../overlays/symbols.ts';

type InterleavedProps = { beforeId?: string };

/** The staff of one department at one 小区 post. */
export interface StaffGroup {
  xiaoquCode: string;
  xiaoquName: string;
  /** A key of the departments' rows. */
  department: string;
  position: [number, number];
  total: number;
  onDuty: number;
  /** Duty schedules of the group's staff, as the API words them. */
  schedules: string[];
  /** Pixel offset around the post, so the departments of one post sit side by side. */
  offset: [number, number];
}

const RING_PX = 13;

/** The designed departments in their order, then any other (by key), so a post's ring is stable. */
const rank = (department: string) => {
  const i = (DEPARTMENTS as readonly string[]).indexOf(department);
  return i < 0 ? DEPARTMENTS.length : i;
};

/** Groups duty rows per 小区 and department, and spreads the departments of a post around it. */
export function staffGroups(duty: Duty): StaffGroup[] {
  const groups = new Map<string, StaffGroup>();
  for (const s of duty) {
    const key = `${s.xiaoquCode}|${s.department}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        xiaoquCode: s.xiaoquCode,
        xiaoquName: s.xiaoquName,
        department: s.department,
        position: s.position,
        total: 0,
        onDuty: 0,
        schedules: [],
        offset: [0, 0],
      };
      groups.set(key, g);
    }
    g.total += 1;
    if (s.onDuty) g.onDuty += 1;
    if (!g.schedules.includes(s.dutySchedule)) g.schedules.push(s.dutySchedule);
  }
  const byPost = new Map<string, StaffGroup[]>();
  for (const g of groups.values()) {
    byPost.set(g.xiaoquCode, [...(byPost.get(g.xiaoquCode) ?? []), g]);
  }
  for (const post of byPost.values()) {
    post.sort(
      (a, b) => rank(a.department) - rank(b.department) || (a.department < b.department ? -1 : 1),
    );
    if (post.length === 1) continue;
    post.forEach((g, i) => {
      const a = -Math.PI / 2 + (i * 2 * Math.PI) / post.length;
      g.offset = [Math.round(Math.cos(a) * RING_PX), Math.round(Math.sin(a) * RING_PX)];
    });
  }
  return [...groups.values()];
}

/** What the staff layers draw. */
export interface StaffLayerInput {
  groups: StaffGroup[] | null;
  opacity: number;
  onHover(info: PickingInfo): void;
}

/** Halo, icons and counts of the staff posts. */
export function staffLayers({ groups, opacity, onHover }: StaffLayerInput): Layer[] {
  if (!groups || groups.length === 0) return [];
  const atlas = iconAtlas(groups.map((g) => staffIconId(g.department, g.onDuty > 0)));
  const onDuty = groups.filter((g) => g.onDuty > 0);
  return [
    new IconLayer<StaffGroup, InterleavedProps>({
      id: 'staff-on-duty-halo',
      beforeId: OVERLAY_BEFORE,
      data: onDuty,
      iconAtlas: atlas.texture,
      iconMapping: atlas.mapping,
      getIcon: () => HALO_ICON,
      getPosition: (g) => g.position,
      getPixelOffset: (g) => g.offset,
      getSize: 34,
      sizeUnits: 'pixels',
      opacity,
    }),
    new IconLayer<StaffGroup, InterleavedProps>({
      id: 'staff-icons',
      beforeId: OVERLAY_BEFORE,
      data: groups,
      iconAtlas: atlas.texture,
      iconMapping: atlas.mapping,
      getIcon: (g) => staffIconId(g.department, g.onDuty > 0),
      getPosition: (g) => g.position,
      getPixelOffset: (g) => g.offset,
      getSize: (g) => (g.onDuty > 0 ? 24 : 18),
      sizeUnits: 'pixels',
      opacity,
      pickable: true,
      onHover,
    }),
    new TextLayer<StaffGroup, InterleavedProps>({
      id: 'staff-counts',
      beforeId: OVERLAY_BEFORE,
      data: groups.filter((g) => g.total > 1),
      getPosition: (g) => g.position,
      getPixelOffset: (g) => [g.offset[0] + 9, g.offset[1] - 9],
      getText: (g) => String(g.total),
      getSize: 11,
      getColor: [20, 20, 20, 255],
      fontWeight: 700,
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 255],
      fontSettings: { sdf: true },
      characterSet: '0123456789',
      opacity,
    }),
  ];
}
