import { Type, type Static } from '@sinclair/typebox';

/**
 * The problems an error answer names by a stable code, beside its English `message`: the ones a
 * user of the app meets. The client says each in the UI's language (`problem.<code>` in its
 * catalogue, checked complete by the compiler); a problem without a code is told by its HTTP
 * status, and its English message is kept only as a technical detail.
 */
export const PROBLEM_CODES = [
  'request.invalid',
  'request.notOneOf',
  'request.cutShort',
  'request.tooMany',
  'db.unreachable',
  'server.internal',
  'login.refused',
  'login.required',
  'login.demoOnly',
  'kiosk.unknown',
  'role.required',
  'area.unknown',
  'planner.noPianqu',
  'planner.noSuccessor',
  'planner.recordsCollide',
  'planner.stillReferenced',
  'planner.staleBase',
  'planner.effectiveDate',
  'planner.appliedMeanwhile',
  'planner.unconfirmed',
  'admin.usernameTaken',
  'admin.selfDemote',
  'admin.auditTooLarge',
  'admin.passwordWeak',
  'admin.areaNeeded',
] as const;
/** One of {@link PROBLEM_CODES}. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Values a problem's sentence names (`{name}` in the catalogue): numbers, codes, dates. */
export const ProblemParamsSchema = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Number()]),
  { description: 'Values the sentence of `code` names' },
);
export type ProblemParams = Static<typeof ProblemParamsSchema>;
