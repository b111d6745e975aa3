import { Type, type Static } from '@sinclair/typebox';
import { AreaCodeSchema, literalUnion } from './common.ts';
import { HANDLING_LEVELS, ISSUE_STATUSES, VocabKeySchema } from './vocabulary.ts';

export const IssueParamsSchema = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2147483647 }) },
  { additionalProperties: false },
);

/** `GET /api/issues/:id`: one issue. `reporter` only for an official whose area holds it. */
export const IssueDetailSchema = Type.Object(
  {
    id: Type.Integer(),
    category: VocabKeySchema,
    status: literalUnion(ISSUE_STATUSES),
    handlingLevel: literalUnion(HANDLING_LEVELS),
    reportedAt: Type.String(),
    resolvedAt: Type.Union([Type.String(), Type.Null()]),
    xiaoquCode: Type.String(),
    xiaoquName: Type.String(),
    position: Type.Tuple([Type.Number(), Type.Number()]),
    reporter: Type.Union([
      Type.Object(
        { name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type IssueDetail = Static<typeof IssueDetailSchema>;

/** `GET /api/staff?area=CODE`: staff sent down, by post (their 小区), for officials and above. */
export const StaffQuerySchema = Type.Object(
  { area: AreaCodeSchema },
  { additionalProperties: false },
);

/** What a staff member sent down is, wherever a list of them is answered. */
export const staffPostFields = {
  code: Type.String(),
  department: VocabKeySchema,
  xiaoquCode: Type.String(),
  xiaoquName: Type.String(),
  dutySchedule: Type.String(),
  /** The post: the label point of the 小区, [lon, lat]. */
  position: Type.Tuple([Type.Number(), Type.Number()]),
};

export const StaffListSchema = Type.Array(
  Type.Object(staffPostFields, { additionalProperties: false }),
);
export type StaffList = Static<typeof StaffListSchema>;
