/**
 * The areas an official can be given (片区, 社区, 小区), from the area list the map reads, with
 * geometry cut to nothing at zoom 0: the pickers need codes, names and parents only.
 */
import { useMemo } from 'react';
import { areaRoutes } from '../../server/contract/index.ts';
import { useRouteQuery } from '../api/query.ts';
import type { AreaChoice } from './admin-state.ts';

export interface ScopeAreas {
  areas: AreaChoice[];
  /** An area's name by its code. */
  names: Map<string, string>;
  loading: boolean;
  error: unknown;
  retry(): void;
}

export function useScopeAreas(): ScopeAreas {
  const pianqu = useRouteQuery(areaRoutes.list, { query: { level: 'pianqu', zoom: 0 } });
  const shequ = useRouteQuery(areaRoutes.list, { query: { level: 'shequ', zoom: 0 } });
  const xiaoqu = useRouteQuery(areaRoutes.list, { query: { level: 'xiaoqu', zoom: 0 } });
  const lists = [pianqu, shequ, xiaoqu];
  const areas = useMemo(
    () =>
      [pianqu.data, shequ.data, xiaoqu.data].flatMap((c) =>
        (c?.features ?? []).map(({ properties: p }) => ({
          code: p.code,
          name: p.name,
          level: p.level as AreaChoice['level'],
          parentCode: p.parentCode,
        })),
      ),
    [pianqu.data, shequ.data, xiaoqu.data],
  );
  const names = useMemo(() => new Map(areas.map((a) => [a.code, a.name])), [areas]);
  return {
    areas,
    names,
    loading: lists.some((l) => l.loading),
    error: lists.find((l) => l.error)?.error ?? null,
    retry: () => lists.forEach((l) => l.error && l.retry()),
  };
}
