/**
 * Applying a scenario: its preconditions (a real date after the current version's and not
 * in the future, the scenario made on the current version, a valid assignment), then the new
 * boundary version written in one transaction. Failures are HTTP errors (400, 404, 409).
 */
import { httpErrors } from '@fastify/sensible';
import type { Db, Tx } from '../../db/db.ts';
import type { ApplyBody, BoundaryVersion, Scenario } from '../../contract/index.ts';
import {
  applyWarnings,
  assignmentProblems,
  computeMetrics,
  describeProblems,
  type ApplyWarning,
} from '../../contract/planner-metrics.ts';
import { audit } from '../../auth/repository.ts';
import { rebuildSearchIndex } from '../search/search-index.ts';
import { applyRepository } from './apply-repository.ts';
import { scenariosRepository } from './scenarios-repository.ts';
import { versionsRepository } from './versions-repository.ts';
import { Problem } from '../../http/problem.ts';
import { lockVersions, precomputeVersion, type BoundaryVersions } from './versions.ts';

/** A `YYYY-MM-DD` that exists on the calendar (the schema's pattern admits 30 February). */
export function isCalendarDate(s: string): boolean {
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

/** What an apply changed among the 片区. */
interface Applied {
  versionId: number;
  created: string[];
  dissolved: string[];
  moved: string[];
}

/** Makes a scenario the current configuration; the caller checked it may be. */
async function writeApply(
  tx: Tx,
  s: Scenario,
  effectiveFrom: string,
  note: string,
  actor: string,
): Promise<Applied> {
  const repo = applyRepository(tx);
  const assignment = JSON.stringify(s.assignment);
  const listed = new Map(s.pianqu.map((p) => [p.code, p]));
  const used = new Set(Object.values(s.assignment));
  const existing = await repo.pianquNow();
  const existingCodes = new Set(existing.map((p) => p.code));
  const zone = existing[0]?.parent_code;
  if (!zone)
    throw new Problem(409, 'planner.noPianqu', 'There is no 片区 to apply the scenario to');
  const created = [...used].filter((c) => !existingCodes.has(c)).sort();
  const dissolved = existing.filter((p) => !used.has(p.code)).map((p) => p.code);

  const versionId = await repo.insertVersion(effectiveFrom, note, actor, s.id);
  // New 片区 first, so the 社区 can point at them; their shape is set below with the rest.
  for (const code of created) {
    await repo.createPianqu(code, zone, listed.get(code)?.name ?? code, assignment);
  }
  const moved = await repo.moveShequ(assignment);
  for (const p of existing) {
    const name = listed.get(p.code)?.name;
    if (name && name !== p.name && used.has(p.code)) await repo.renamePianqu(p.code, name);
  }
  await repo.reshapePianqu();
  // A dissolved 片区's own records (片区 activities, projects, meetings, shared resources:
  // every foreign key to area but the 社区's parent link) pass to the 片区 that took most
  // of its residents; its name and shape stay in pianqu_version. Rows deleted with their
  // area (ON DELETE CASCADE: its pre-simplified shapes) are part of it and go with it. The
  // tables and columns come from the catalogue, never from input.
  const references = dissolved.length === 0 ? [] : await repo.references();
  for (const code of dissolved) {
    const successor = await repo.successorOf(code, assignment);
    if (!successor) {
      throw new Problem(409, 'planner.noSuccessor', `片区 ${code} has no 社区 to succeed it`, {
        code,
      });
    }
    for (const ref of references) {
      try {
        await repo.reassign(ref, code, successor);
      } catch (error) {
        // Records that cannot be merged (one meeting per 片区 and month, say): refuse
        // rather than lose or rewrite history.
        if ((error as { code?: string }).code !== '23505') throw error;
        throw new Problem(
          409,
          'planner.recordsCollide',
          `片区 ${code} cannot be dissolved: its records in ${ref.tbl} collide with those of ${successor}, which would take them over`,
          { code, table: ref.tbl, successor },
        );
      }
    }
    await repo.setSuccessor(await repo.previousVersionId(versionId), code, successor);
    try {
      await repo.deletePianqu(code);
    } catch {
      throw new Problem(
        409,
        'planner.stillReferenced',
        `片区 ${code} is still referenced by other records and cannot be dissolved`,
        { code },
      );
    }
  }
  await repo.recordMoves(assignment, effectiveFrom, versionId);
  const versions = versionsRepository(tx);
  await versions.snapshotPianqu(versionId);
  await precomputeVersion(tx, versionId);
  // New 片区 are found by search from the moment they exist, dissolved ones no longer.
  await rebuildSearchIndex(tx);
  await scenariosRepository(tx).markApplied(s.id, versionId);
  return { versionId, created, dissolved, moved: [...moved].sort() };
}

/** `POST /planner/scenarios/:id/apply`: checks, then writes the new version and audits it. */
export async function applyScenario(
  db: Db,
  versions: BoundaryVersions,
  id: number,
  body: ApplyBody,
  actor: string,
): Promise<BoundaryVersion> {
  const { effectiveFrom } = body;
  if (!isCalendarDate(effectiveFrom)) {
    throw httpErrors.badRequest(`body/effectiveFrom: ${effectiveFrom} is not a date`);
  }
  const s = await scenariosRepository(db).byId(id);
  if (!s) throw httpErrors.notFound(`No scenario ${id}`);
  const current = await versions.versionGraph();
  if (s.baseVersion !== current.version.id) {
    throw new Problem(
      409,
      'planner.staleBase',
      `scenario ${s.id} starts from boundary version ${s.baseVersion}, but version ${current.version.id} is current: open it on the current version and save again`,
      { scenario: s.id, base: s.baseVersion, current: current.version.id },
    );
  }
  const today = await versionsRepository(db).dayOrToday(undefined);
  if (effectiveFrom <= current.version.effectiveFrom || effectiveFrom > today) {
    throw new Problem(
      400,
      'planner.effectiveDate',
      `effectiveFrom must be after ${current.version.effectiveFrom} (the current version's) and not after today (${today})`,
      { after: current.version.effectiveFrom, today },
    );
  }
  const problem = describeProblems(assignmentProblems(current.graph, s.assignment, s.pianqu));
  if (problem) throw httpErrors.badRequest(problem);
  // Judged on the version in force (the same as the scenario's base, checked above).
  const warnings = applyWarnings(
    computeMetrics(current.graph, s.assignment, s.pianqu, { bandPct: s.bandPct }),
  );
  const confirmed = new Set(body.overrides ?? []);
  const unconfirmed = warnings.filter((w) => !confirmed.has(w.id));
  if (unconfirmed.length > 0) {
    const of = (kind: ApplyWarning['kind']) =>
      unconfirmed
        .filter((w) => w.kind === kind)
        .map((w) => w.code)
        .join(', ');
    throw new Problem(
      409,
      'planner.unconfirmed',
      `the plan has problems the planner did not confirm: ${unconfirmed.map((w) => w.id).join(', ')}`,
      { nonContiguous: of('nonContiguous') || '—', outsideBand: of('outsideBand') || '—' },
    );
  }
  const versionId = await db.transaction(async (tx) => {
    await lockVersions(tx, db);
    // Another server may have applied a plan between the checks above and the lock.
    if ((await versionsRepository(tx).latestId()) !== current.version.id) {
      throw new Problem(
        409,
        'planner.appliedMeanwhile',
        'another scenario was applied meanwhile; try again',
      );
    }
    const result = await writeApply(tx, s, effectiveFrom, body.note ?? s.name, actor);
    await audit(tx, actor, 'planner.apply', `scenario:${s.id}`, {
      version: result.versionId,
      effectiveFrom,
      overrides: warnings.map((w) => w.id),
      moved: result.moved,
      created: result.created,
      dissolved: result.dissolved,
    });
    return result.versionId;
  });
  return (await versions.versionGraph(versionId)).version;
}
