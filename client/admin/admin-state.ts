/**
 * The admin page's pure rules: which query a set of audit filters asks, which areas an
 * official may be given, and which fields of a user an edit changes.
 */
import type {
  AuditCsvQuery,
  AuditAction,
  UpdateUserBody,
  User,
} from '../../server/contract/index.ts';
import { zoneWallTime } from '../../server/contract/zone-time.ts';

/** The audit filters as the form holds them: empty text means no filter. */
export interface AuditFilter {
  actor: string;
  action: AuditAction | '';
  /** `YYYY-MM-DD` days of the data set's clock, both inclusive. */
  from: string;
  to: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { actor: '', action: '', from: '', to: '' };

/**
 * The query of a filter (what the log and its CSV are asked with), or `range` when its days
 * are the wrong way round (the server would refuse them).
 */
export function auditQuery(filter: AuditFilter): AuditCsvQuery | 'range' {
  const actor = filter.actor.trim();
  if (filter.from && filter.to && filter.from > filter.to) return 'range';
  return {
    ...(actor ? { actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
  };
}

/** The levels an official's area can be at. */
export const SCOPE_LEVELS = ['pianqu', 'shequ', 'xiaoqu'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

/** An area as the pickers list it. */
export interface AreaChoice {
  code: string;
  name: string;
  level: ScopeLevel;
  parentCode: string | null;
}

/** One option of the area picker: the area's name, with its parent's for a 社区 or 小区. */
export interface AreaOption {
  code: string;
  label: string;
}

/**
 * The areas of a level to choose from, by their parent's name and then their own (the
 * Chinese collation), each named with its parent so two 小区 of one name are told apart.
 */
export function areaOptions(areas: readonly AreaChoice[], level: ScopeLevel): AreaOption[] {
  const names = new Map(areas.map((a) => [a.code, a.name]));
  const collator = new Intl.Collator('zh-CN');
  return areas
    .filter((a) => a.level === level)
    .map((a) => {
      const parent = a.parentCode ? names.get(a.parentCode) : undefined;
      return { code: a.code, label: parent ? `${a.name} · ${parent}` : a.name, parent };
    })
    .sort(
      (a, b) =>
        collator.compare(a.parent ?? '', b.parent ?? '') || collator.compare(a.label, b.label),
    )
    .map(({ code, label }) => ({ code, label }));
}

/** The level of an area code, when the list knows it. */
export function levelOf(areas: readonly AreaChoice[], code: string | null): ScopeLevel | null {
  return areas.find((a) => a.code === code)?.level ?? null;
}

/** What the edit dialog holds of a user. */
export interface UserEdit {
  displayName: string;
  role: User['role'];
  /** Only an official's counts; planners and admins are zone-wide. */
  areaCode: string | null;
}

/**
 * The PATCH body of an edit: only the fields it changes (a changed role or area ends the
 * user's sessions, so nothing unchanged is sent), or null when nothing changed.
 */
export function userChange(user: User, edit: UserEdit): UpdateUserBody | null {
  const areaCode = edit.role === 'official' ? edit.areaCode : null;
  const displayName = edit.displayName.trim();
  const body: UpdateUserBody = {
    ...(displayName && displayName !== user.displayName ? { displayName } : {}),
    ...(edit.role !== user.role ? { role: edit.role } : {}),
    ...(areaCode !== user.areaCode ? { areaCode } : {}),
  };
  return Object.keys(body).length > 0 ? body : null;
}

/** Whether an edit can be saved: an official needs an area, everyone a name. */
export function editComplete(edit: UserEdit): boolean {
  return edit.displayName.trim() !== '' && (edit.role !== 'official' || edit.areaCode !== null);
}

/**
 * An instant of the API (ISO text) as the data set's wall time to the second,
 * `YYYY-MM-DD HH:MM:SS`: the audit log is read across years, so the year is always there.
 */
export function zoneTime(timeZone: string, iso: string): string {
  return zoneWallTime(timeZone, new Date(iso)).replace('T', ' ');
}
