import type { Queryable } from '../db/db.ts';
import { sqlFile } from '../db/sql-files.ts';
import { ROLES, type Access, type Role } from '../contract/roles.ts';

// The roles and what a route requires are contract: the client reads them too.
export { ROLES, type Access, type Role };

/** Who is asking: set on every request by the access plugin. */
export interface Principal {
  role: Role;
  userId: number | null;
  username: string | null;
  /** An official's area; null means no area restriction (planner, admin) or none at all. */
  areaCode: string | null;
}

export const ANONYMOUS: Principal = {
  role: 'public',
  userId: null,
  username: null,
  areaCode: null,
};

export function allows(principal: Principal, access: Access): boolean {
  if (access === 'none') return true;
  return ROLES.indexOf(principal.role) >= ROLES.indexOf(access);
}

/**
 * Where a principal may read per-area detail (staff posts and who is on duty, single issues):
 * an official in their own area (it and every area below it), planners and admins zone-wide
 * (their work is the whole zone), screens and visitors nowhere: they get the aggregates, which
 * every role gets alike. This is the one scoping rule; which routes hold such detail, and what
 * they do outside the scope, is decided route by route in `route-scopes.ts`.
 */
export type DetailScope =
  { kind: 'nowhere' } | { kind: 'zone' } | { kind: 'within'; areaCode: string };

export function detailScope(p: Principal): DetailScope {
  if (!allows(p, 'official')) return { kind: 'nowhere' };
  if (p.role !== 'official') return { kind: 'zone' };
  return p.areaCode === null ? { kind: 'nowhere' } : { kind: 'within', areaCode: p.areaCode };
}

/**
 * Where a principal may read personal data (a reporter's name and phone): only the official
 * handling the area. Planners and admins, zone-wide for everything else, handle no issue.
 */
export function personalScope(p: Principal): DetailScope {
  return p.role === 'official' && p.areaCode !== null
    ? { kind: 'within', areaCode: p.areaCode }
    : { kind: 'nowhere' };
}

/** A scope bound to the area tree: which area codes it covers. */
export interface AreaScope {
  readonly scope: DetailScope;
  /** Whether the scope covers the area `code` (of any level); false for an unknown code. */
  covers(code: string): Promise<boolean>;
  /** The same test for many codes, with one query for the whole answer. */
  coverage(): Promise<(code: string) => boolean>;
  /**
   * The codes the scope covers, for a statement to filter by (`= ANY($n)`): null for the whole
   * zone, empty for nowhere.
   */
  codes(): Promise<readonly string[] | null>;
  /**
   * The 403 answer for detail outside the scope; `subject` names it and where it is
   * ("Staff posts of PQ01 are", "Issue 12 in XQ035 is").
   */
  refusal(subject: string): { statusCode: 403; error: 'Forbidden'; message: string };
}

const SUBTREE = sqlFile(new URL('./area-subtree.sql', import.meta.url));

export function areaScope(db: Queryable, scope: DetailScope): AreaScope {
  let subtree: Promise<Set<string>> | undefined;
  const within = (areaCode: string) =>
    (subtree ??= db
      .query<{ code: string }>(SUBTREE, [areaCode])
      .then((rows) => new Set(rows.map((r) => r.code))));
  const coverage = async (): Promise<(code: string) => boolean> => {
    if (scope.kind === 'zone') return () => true;
    if (scope.kind === 'nowhere') return () => false;
    const covered = await within(scope.areaCode);
    return (code) => covered.has(code);
  };
  return {
    scope,
    coverage,
    async codes() {
      if (scope.kind === 'zone') return null;
      if (scope.kind === 'nowhere') return [];
      return [...(await within(scope.areaCode))];
    },
    async covers(code) {
      return (await coverage())(code);
    },
    refusal(subject) {
      const where =
        scope.kind === 'within'
          ? `outside your area ${scope.areaCode}`
          : 'for an official of its area, a planner or an admin';
      return {
        statusCode: 403,
        error: 'Forbidden',
        message: `${subject} ${where}; its area's statistics show the totals.`,
      };
    },
  };
}
