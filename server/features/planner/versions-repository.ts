import type { Queryable } from '../../db/db.ts';
import { sqlFile, sqlQueries } from '../../db/sql-files.ts';
import type {
  AssignmentOn,
  BoundaryVersion,
  EdgeCollection,
  IssueHistory,
  UnitAdjacency,
  UnitShapeCollection,
} from '../../contract/index.ts';

const SQL = sqlQueries(new URL('./versions.sql', import.meta.url), [
  'versionById',
  'listVersions',
  'versionInForceOn',
  'latestVersionId',
  'latestVersionFreshness',
  'insertLoadedVersion',
  'closeOpenAssignments',
  'deleteOpenAssignments',
  'insertLoadedAssignments',
  'snapshotPianqu',
  'referenceDate',
  'setReferenceDate',
  'shequCodes',
  'unitsOfVersion',
  'adjacencyOfVersion',
  'pianquOfVersion',
  'edgesOfVersion',
  'shapesOfVersion',
  'dayOrToday',
  'assignmentOn',
  'nonPianquCodes',
]);
const PRECOMPUTE_UNITS = sqlFile(new URL('./precompute-units.sql', import.meta.url));
const PRECOMPUTE_ADJACENCY = sqlFile(new URL('./precompute-adjacency.sql', import.meta.url));
const PRECOMPUTE_EDGES = sqlFile(new URL('./precompute-edges.sql', import.meta.url));
const ISSUE_HISTORY = sqlFile(new URL('./issue-history.sql', import.meta.url));

interface VersionRow {
  id: number;
  effective_from: string;
  note: string;
  created_by: string;
  created_at: string;
  scenario_id: number | null;
  current: boolean;
  reference_date: string | null;
}

/** A boundary version, with the day its 12-month figures end on. */
export interface VersionWithReference {
  version: BoundaryVersion;
  referenceDate: string;
}

/**
 * Where a version came from. A version the system made keeps its origin's code as its note;
 * databases made before that hold a bilingual sentence there (数据重新载入 · data reloaded).
 */
function originOf(r: VersionRow): BoundaryVersion['origin'] {
  if (r.scenario_id !== null) return 'scenario';
  return r.note === 'reloaded' || r.note.startsWith('数据重新载入') ? 'reloaded' : 'loaded';
}

const toVersion = (r: VersionRow): BoundaryVersion => ({
  id: r.id,
  effectiveFrom: r.effective_from,
  origin: originOf(r),
  // A system version's note is its origin, which the client words in the UI's language.
  note: r.scenario_id === null ? '' : r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
  scenarioId: r.scenario_id,
  current: r.current,
});

/** One 社区 of a version's precomputed table, as stored. */
export interface UnitRow {
  code: string;
  name: string;
  pianqu_code: string;
  street: string | null;
  population: number;
  households: number;
  workers: number;
  open_issues: number;
  issues_12m: number;
  sites: number;
  staff: number;
  escalations_12m: number;
  area_m2: number;
  perimeter_m: number;
  zone_edge_m: number;
  lon: number;
  lat: number;
}

/** What precompute-units.sql takes per 社区 (JSON). */
export interface UnitFigureRow {
  code: string;
  population: number;
  households: number;
  workers: number;
  sites: number;
  staff: number;
  open: number;
  recent: number;
  escalated: number;
}

/** The SQL of boundary versions and their precomputed units (`versions.sql`). */
export function versionsRepository(q: Queryable) {
  return {
    async byId(id: number): Promise<VersionWithReference | null> {
      const [r] = await q.query<VersionRow>(SQL.versionById, [id]);
      return r
        ? { version: toVersion(r), referenceDate: r.reference_date ?? r.effective_from }
        : null;
    },
    async list(): Promise<BoundaryVersion[]> {
      return (await q.query<VersionRow>(SQL.listVersions)).map(toVersion);
    },
    async inForceOn(day: string): Promise<BoundaryVersion | null> {
      const [r] = await q.query<VersionRow>(SQL.versionInForceOn, [day]);
      return r ? toVersion(r) : null;
    },
    async latestId(): Promise<number | null> {
      const [r] = await q.query<{ id: number | null }>(SQL.latestVersionId);
      return r?.id ?? null;
    },
    async latestFreshness(): Promise<{ id: number; fresh: boolean } | null> {
      const [r] = await q.query<{ id: number; fresh: boolean }>(SQL.latestVersionFreshness);
      return r ?? null;
    },
    async insertLoaded(afterReload: boolean): Promise<{ id: number; effectiveFrom: string }> {
      const [r] = await q.query<{ id: number; effective_from: string }>(SQL.insertLoadedVersion, [
        afterReload,
      ]);
      return { id: r!.id, effectiveFrom: r!.effective_from };
    },
    /** The history table restarted from `area` as loaded, from `effectiveFrom`. */
    async restartAssignments(versionId: number, effectiveFrom: string): Promise<void> {
      await q.query(SQL.closeOpenAssignments, [effectiveFrom]);
      await q.query(SQL.deleteOpenAssignments);
      await q.query(SQL.insertLoadedAssignments, [versionId, effectiveFrom]);
    },
    async snapshotPianqu(versionId: number): Promise<void> {
      await q.query(SQL.snapshotPianqu, [versionId]);
    },
    async referenceDate(): Promise<string> {
      const [r] = await q.query<{ d: string }>(SQL.referenceDate);
      return r!.d;
    },
    async setReferenceDate(versionId: number, day: string): Promise<void> {
      await q.query(SQL.setReferenceDate, [versionId, day]);
    },
    async shequCodes(): Promise<string[]> {
      return (await q.query<{ code: string }>(SQL.shequCodes)).map((r) => r.code);
    },
    /** Fills a version's units (with `figures`), adjacency and zone edges. */
    async precompute(versionId: number, figures: readonly UnitFigureRow[]): Promise<void> {
      await q.query(PRECOMPUTE_UNITS, [versionId, JSON.stringify(figures)]);
      await q.query(PRECOMPUTE_ADJACENCY, [versionId]);
      await q.query(PRECOMPUTE_EDGES, [versionId]);
    },
    units: (versionId: number) => q.query<UnitRow>(SQL.unitsOfVersion, [versionId]),
    adjacency: (versionId: number) => q.query<UnitAdjacency>(SQL.adjacencyOfVersion, [versionId]),
    pianqu: (versionId: number) =>
      q.query<{ code: string; name: string }>(SQL.pianquOfVersion, [versionId]),
    async edges(versionId: number): Promise<EdgeCollection> {
      const rows = await q.query<{ a: string; b: string | null; geometry: unknown }>(
        SQL.edgesOfVersion,
        [versionId],
      );
      return {
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          properties: { a: r.a, b: r.b },
          geometry: r.geometry as EdgeCollection['features'][number]['geometry'],
        })),
      };
    },
    async shapes(versionId: number): Promise<UnitShapeCollection> {
      const rows = await q.query<{ code: string; geometry: unknown }>(SQL.shapesOfVersion, [
        versionId,
      ]);
      return {
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          id: r.code,
          properties: { code: r.code },
          geometry: r.geometry as UnitShapeCollection['features'][number]['geometry'],
        })),
      };
    },
    async dayOrToday(day: string | undefined): Promise<string> {
      const [r] = await q.query<{ d: string }>(SQL.dayOrToday, [day ?? null]);
      return r!.d;
    },
    assignmentOn: (day: string, versionId: number) =>
      q.query<AssignmentOn['shequ'][number]>(SQL.assignmentOn, [day, versionId]),
    async nonPianquCodes(codes: readonly string[]): Promise<string[]> {
      return (await q.query<{ code: string }>(SQL.nonPianquCodes, [codes])).map((r) => r.code);
    },
    /** Issues per 片区 and month from `from` to `to` (first days of months). */
    issueHistory: (from: string, to: string, attribution: 'then' | 'now') =>
      q.query<IssueHistory['rows'][number]>(ISSUE_HISTORY, [from, to, attribution]),
  };
}

export type VersionsRepository = ReturnType<typeof versionsRepository>;
