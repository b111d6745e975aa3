import type { AreaDetail, AreaLevel, MapLevel } from '../../server/contract/index.ts';

/** Which polygons the map draws for a selection, and which of them is the selected one. */
export interface AreaScope {
  /** Level of the polygons drawn (and clickable). */
  level: MapLevel;
  /** Only children of this area (`parent` of `GET /api/areas`); undefined: the whole level. */
  parent: string | undefined;
  /** Code of the drawn polygon that is the selection itself (a 小区), else null. */
  selected: string | null;
}

/** The level below another, or null for a 小区 (the bottom of the hierarchy). */
export function childLevel(level: AreaLevel): MapLevel | null {
  switch (level) {
    case 'chengqu':
      return 'pianqu';
    case 'pianqu':
      return 'shequ';
    case 'shequ':
      return 'xiaoqu';
    case 'xiaoqu':
      return null;
  }
}

/**
 * The polygons to draw for a selected area: its children, so the next click drills down; for a
 * 小区, which has none, the 小区 of its 社区 with the selected one marked, so the user can move
 * sideways.
 */
export function areaScope(detail: Pick<AreaDetail, 'code' | 'level' | 'chain'>): AreaScope {
  const below = childLevel(detail.level);
  if (below) {
    return {
      level: below,
      parent: detail.level === 'chengqu' ? undefined : detail.code,
      selected: null,
    };
  }
  const parent = detail.chain[detail.chain.length - 1];
  return { level: 'xiaoqu', parent: parent?.code, selected: detail.code };
}

/** A stable key of a scope, e.g. for caching its feature collection. */
export function scopeKey(scope: Pick<AreaScope, 'level' | 'parent'>): string {
  return `${scope.level}:${scope.parent ?? '*'}`;
}

/** The neighbours drawn around a selection: areas at its own level, minus one. */
export interface ContextScope {
  level: MapLevel;
  /** Only children of this area; undefined: the whole level. */
  parent: string | undefined;
  /** The area to leave out: the one whose children the scope draws. */
  exclude: string;
}

/**
 * The neighbours outlined around a selection, so the user can move sideways on the map: for a
 * 片区 the other 片区; for a 社区 the other 社区 of its 片区; for a 小区 (whose siblings are
 * already drawn) the other 社区 around its own. The zone has none.
 */
export function contextScope(
  detail: Pick<AreaDetail, 'code' | 'level' | 'chain'>,
): ContextScope | null {
  const parentOf = (depth: number) => detail.chain[detail.chain.length - depth]?.code;
  switch (detail.level) {
    case 'chengqu':
      return null;
    case 'pianqu':
      return { level: 'pianqu', parent: undefined, exclude: detail.code };
    case 'shequ': {
      const pianqu = parentOf(1);
      return pianqu ? { level: 'shequ', parent: pianqu, exclude: detail.code } : null;
    }
    case 'xiaoqu': {
      const shequ = parentOf(1);
      const pianqu = parentOf(2);
      return shequ && pianqu ? { level: 'shequ', parent: pianqu, exclude: shequ } : null;
    }
  }
}

/**
 * The zoom each level's polygons are requested for (the server simplifies to half a pixel
 * there): about the zoom the camera reaches when it fits an area one level up.
 */
export const LEVEL_ZOOM: Record<MapLevel, number> = { pianqu: 12, shequ: 14, xiaoqu: 16 };
