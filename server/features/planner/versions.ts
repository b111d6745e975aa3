/**
 * Boundary versions as the planner's use cases see them: the current version made on first
 * use (and again after a reload), each version's precomputed graph kept, the configuration on
 * a date and the issue history. SQL is in versions-repository.ts.
 */
import type { Db, Queryable } from '../../db/db.ts';
import type {
  AssignmentOn,
  Attribution,
  BoundaryVersion,
  IssueHistory,
  PlanPianqu,
  PlannerUnit,
  PlannerUnits,
  UnitAdjacency,
} from '../../contract/index.ts';
import { buildGraph, type PlanGraph } from '../../contract/planner-metrics.ts';
import { lockForTransaction } from '../../db/locks.ts';
import { figuresRepository } from '../figures/repository.ts';
import { versionsRepository, type UnitRow } from './versions-repository.ts';
import { httpErrors } from '@fastify/sensible';

/** The precomputed units of a version, indexed for metrics. */
export interface VersionGraph {
  version: BoundaryVersion;
  referenceDate: string;
  units: PlannerUnit[];
  adjacency: UnitAdjacency[];
  pianqu: PlanPianqu[];
  graph: PlanGraph;
}

/** The 12 months ending on local day `ref` (inclusive): their first and last local days. */
export function twelveMonthWindow(ref: string): [string, string] {
  const [y, m, d] = ref.split('-').map(Number) as [number, number, number];
  const start = new Date(Date.UTC(y - 1, m - 1, d + 1));
  return [start.toISOString().slice(0, 10), ref];
}

/**
 * Serialises what builds on the latest boundary version (making one, applying a plan over
 * it) until the transaction ends: the one place the planner takes its lock.
 */
export const lockVersions = (tx: Queryable, db: Pick<Db, 'backend'>) =>
  lockForTransaction(tx, db.backend, 'boundaryVersion');

/**
 * Fills the precomputed tables of a version from `area` and the records: units, adjacency,
 * zone edges. Runs inside the transaction that creates the version.
 */
export async function precomputeVersion(tx: Queryable, versionId: number): Promise<void> {
  const repo = versionsRepository(tx);
  const ref = await repo.referenceDate();
  const [from] = twelveMonthWindow(ref);
  await repo.setReferenceDate(versionId, ref);
  // Each 社区's figures from the figures engine, so the planner's table and the dashboard's
  // panel show one number for one figure.
  const codes = await repo.shequCodes();
  const engine = figuresRepository(tx);
  const [now, year] = await Promise.all([
    engine.figures(codes, { kind: 'all', from: null, to: null }),
    engine.figures(codes, { kind: 'range', from, to: ref }),
  ]);
  const figures = codes.map((code) => {
    const n = now.get(code)!;
    const y = year.get(code)!;
    return {
      code,
      population: n.population,
      households: n.households,
      workers: n.workers,
      sites: n.sites,
      staff: n.staff,
      open: n.issues.unresolved,
      recent: y.issues.total,
      escalated: y.issues.escalated,
    };
  });
  await repo.precompute(versionId, figures);
}

const toUnit = (u: UnitRow): PlannerUnit => ({
  code: u.code,
  name: u.name,
  pianquCode: u.pianqu_code,
  street: u.street,
  figures: {
    population: u.population,
    households: u.households,
    workers: u.workers,
    openIssues: u.open_issues,
    issues12m: u.issues_12m,
    sites: u.sites,
    staff: u.staff,
    escalations12m: u.escalations_12m,
  },
  areaM2: u.area_m2,
  perimeterM: u.perimeter_m,
  zoneEdgeM: u.zone_edge_m,
  labelPoint: [u.lon, u.lat],
});

/** The planner's boundary versions over one database. */
export function boundaryVersions(db: Db) {
  const repo = versionsRepository(db);
  // Precomputed versions never change, so their graphs are kept (per app, per database).
  const graphs = new Map<number, Promise<VersionGraph>>();

  /** The current version if it still describes the loaded data; null when one must be made. */
  async function currentIfFresh(q: Queryable): Promise<number | null> {
    const row = await versionsRepository(q).latestFreshness();
    return row && row.fresh ? row.id : null;
  }

  /**
   * The current boundary version's id. The first call (or the first after the data was
   * reloaded) makes it from `area` and precomputes its units: a few seconds, once.
   */
  async function currentVersionId(): Promise<number> {
    const id = await currentIfFresh(db);
    if (id !== null) return id;
    return db.transaction(async (tx) => {
      await lockVersions(tx, db);
      const again = await currentIfFresh(tx);
      if (again !== null) return again;
      const txRepo = versionsRepository(tx);
      const made = await txRepo.insertLoaded((await txRepo.latestId()) !== null);
      await txRepo.restartAssignments(made.id, made.effectiveFrom);
      await txRepo.snapshotPianqu(made.id);
      await precomputeVersion(tx, made.id);
      return made.id;
    });
  }

  async function loadGraph(versionId: number): Promise<VersionGraph> {
    const found = await repo.byId(versionId);
    if (!found) throw httpErrors.notFound(`No boundary version ${versionId}`);
    const units = (await repo.units(versionId)).map(toUnit);
    const adjacency = await repo.adjacency(versionId);
    return {
      ...found,
      units,
      adjacency,
      pianqu: await repo.pianqu(versionId),
      graph: buildGraph(units, adjacency),
    };
  }

  /** The precomputed units of a version (cached; `current` when not given). */
  async function versionGraph(versionId?: number): Promise<VersionGraph> {
    const id = versionId ?? (await currentVersionId());
    let cached = graphs.get(id);
    if (!cached) {
      cached = loadGraph(id);
      graphs.set(id, cached);
      cached.catch(() => graphs.delete(id));
    }
    const g = await cached;
    // `current` changes when a version is applied after this one was cached.
    const latest = await repo.latestId();
    return { ...g, version: { ...g.version, current: latest === id } };
  }

  return {
    currentVersionId,
    versionGraph,

    /** Everything the workbench needs for a version, in one answer. */
    async units(versionId?: number): Promise<PlannerUnits> {
      const g = await versionGraph(versionId);
      return {
        version: g.version,
        referenceDate: g.referenceDate,
        units: g.units,
        adjacency: g.adjacency,
        pianqu: g.pianqu,
        edges: await repo.edges(g.version.id),
        shapes: await repo.shapes(g.version.id),
      };
    },

    async versions(): Promise<BoundaryVersion[]> {
      await currentVersionId();
      return repo.list();
    },

    /** The configuration in force on a date (default today), from the history table. */
    async assignmentOn(on: string | undefined): Promise<AssignmentOn> {
      await currentVersionId();
      const day = await repo.dayOrToday(on);
      const version = await repo.inForceOn(day);
      if (!version) return { on: day, version: null, shequ: [] };
      return { on: day, version, shequ: await repo.assignmentOn(day, version.id) };
    },

    /** Issues per 片区 and month under the boundaries of their time (`then`) or today's (`now`). */
    async issueHistory(from: string, to: string, attribution: Attribution): Promise<IssueHistory> {
      await currentVersionId();
      return { attribution, rows: await repo.issueHistory(`${from}-01`, `${to}-01`, attribution) };
    },

    nonPianquCodes: (codes: readonly string[]) => repo.nonPianquCodes(codes),
    latestVersionId: () => repo.latestId(),
  };
}

export type BoundaryVersions = ReturnType<typeof boundaryVersions>;
