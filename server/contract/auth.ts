import { Type, type Static } from '@sinclair/typebox';
import { AreaCodeSchema, ErrorSchema, errorResponses, literalUnion } from './common.ts';
import { DATE } from './patterns.ts';
import { NoContentSchema, defineRoute, own, ownPersonal, zone, zonePersonal } from './route.ts';

const RoleSchema = Type.Union(
  ['public', 'screen', 'official', 'planner', 'admin'].map((r) => Type.Literal(r)),
) as unknown as ReturnType<
  typeof Type.Unsafe<'public' | 'screen' | 'official' | 'planner' | 'admin'>
>;

export const UsernameSchema = Type.String({ pattern: '^[A-Za-z0-9_.-]{3,40}$' });
export const PasswordSchema = Type.String({ minLength: 1, maxLength: 200 });

/** `POST /api/auth/login`. */
export const LoginBodySchema = Type.Object(
  { username: UsernameSchema, password: PasswordSchema },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

/** `POST /api/auth/kiosk`: a big screen exchanges its kiosk token for a read-only session. */
export const KioskBodySchema = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

/** `GET /api/auth/me`: who the browser is, and whether the open demo mode is on. */
export const MeSchema = Type.Object(
  {
    role: RoleSchema,
    username: Type.Union([Type.String(), Type.Null()]),
    displayName: Type.Union([Type.String(), Type.Null()]),
    areaCode: Type.Union([Type.String(), Type.Null()]),
    /** True when nobody is logged in and the server lets visitors look read-only. */
    demo: Type.Boolean(),
    /** True when visitors must log in to see anything. */
    loginRequired: Type.Boolean(),
    /**
     * Where this session may read per-area detail (staff posts and who is on duty, single
     * issues): `zone` everywhere, else the codes of the areas it covers (none for visitors and
     * screens). The client asks for detail only there, so it is never refused.
     */
    detailIn: Type.Union([Type.Literal('zone'), Type.Array(Type.String())]),
  },
  { additionalProperties: false },
);
export type Me = Static<typeof MeSchema>;

export const UserSchema = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    role: Type.Union([Type.Literal('official'), Type.Literal('planner'), Type.Literal('admin')]),
    areaCode: Type.Union([Type.String(), Type.Null()]),
    disabled: Type.Boolean(),
    locked: Type.Boolean(),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);
export type User = Static<typeof UserSchema>;

export const CreateUserBodySchema = Type.Object(
  {
    username: UsernameSchema,
    displayName: Type.String({ minLength: 1, maxLength: 60 }),
    role: Type.Union([Type.Literal('official'), Type.Literal('planner'), Type.Literal('admin')]),
    areaCode: Type.Optional(AreaCodeSchema),
    password: PasswordSchema,
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    role: Type.Optional(
      Type.Union([Type.Literal('official'), Type.Literal('planner'), Type.Literal('admin')]),
    ),
    areaCode: Type.Optional(Type.Union([AreaCodeSchema, Type.Null()])),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(PasswordSchema),
    /** Clears a lock-out after repeated failed logins. */
    unlock: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBodySchema>;

export const IdParamsSchema = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2147483647 }) },
  { additionalProperties: false },
);

export const KioskTokenSchema = Type.Object(
  {
    id: Type.Integer(),
    label: Type.String(),
    /** Only in the response that creates it: it is stored hashed and cannot be shown again. */
    token: Type.Optional(Type.String()),
    createdAt: Type.String(),
    revoked: Type.Boolean(),
    /** The last time a screen exchanged it for a session (null: never). */
    lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type KioskToken = Static<typeof KioskTokenSchema>;

export const CreateKioskBodySchema = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 60 }) },
  { additionalProperties: false },
);

/** The roles an API token may read as: no admin (its reads are personal data). */
export const ApiTokenRoleSchema = Type.Union([
  Type.Literal('screen'),
  Type.Literal('official'),
  Type.Literal('planner'),
]);

/**
 * A read-only API token for GIS tools and other origins' pages, sent as
 * `Authorization: Bearer …`; it reads as its role and, for an official, its area.
 */
export const ApiTokenSchema = Type.Object(
  {
    id: Type.Integer(),
    label: Type.String(),
    /** Only in the response that creates it: it is stored hashed and cannot be shown again. */
    token: Type.Optional(Type.String()),
    role: ApiTokenRoleSchema,
    areaCode: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    expiresAt: Type.String(),
    revoked: Type.Boolean(),
    expired: Type.Boolean(),
    /** Requests made with it, and the last one (null: never used). */
    useCount: Type.Integer(),
    lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ApiToken = Static<typeof ApiTokenSchema>;

export const CreateApiTokenBodySchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 60 }),
    role: ApiTokenRoleSchema,
    /** Needed for an official: the 片区, 社区 or 小区 the token sees in detail. */
    areaCode: Type.Optional(AreaCodeSchema),
    /** Days until it expires (default 90, at most a year). */
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBodySchema>;

/**
 * What the audit log records, one name per kind of line: every `audit()` call names one, so
 * the admin's action filter and its labels cover them all.
 */
export const AUDIT_ACTIONS = [
  'login',
  'login.failed',
  'logout',
  'kiosk.session',
  'kiosk.session.failed',
  'kiosk.create',
  'kiosk.revoke',
  'api-token.create',
  'api-token.revoke',
  'api-token.use',
  'user.create',
  'user.update',
  'issue.reporter.read',
  'planner.create',
  'planner.update',
  'planner.duplicate',
  'planner.delete',
  'planner.apply',
  'data.import',
  'data.restore',
  'dataset.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Lines at most in one audit CSV: narrower filters for more. */
export const AUDIT_CSV_MAX_ROWS = 100_000;

/** The audit log's filters, shared by the page and the CSV. */
const auditFilterProps = {
  /** Who did it: a username, `screen`, `system` or `api-token:ID`, exactly. */
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  action: Type.Optional(literalUnion(AUDIT_ACTIONS, 'what was done')),
  /** First day (inclusive), in the data set's time zone. */
  from: Type.Optional(Type.String({ pattern: `^${DATE}$` })),
  /** Last day (inclusive), in the data set's time zone. */
  to: Type.Optional(Type.String({ pattern: `^${DATE}$` })),
};

export const AuditQuerySchema = Type.Object(
  {
    ...auditFilterProps,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditCsvQuerySchema = Type.Object(auditFilterProps, { additionalProperties: false });
export type AuditCsvQuery = Static<typeof AuditCsvQuerySchema>;

export const AuditEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String(),
    actor: Type.String(),
    action: Type.String(),
    target: Type.Union([Type.String(), Type.Null()]),
    detail: Type.Unknown(),
  },
  { additionalProperties: false },
);
export type AuditEntry = Static<typeof AuditEntrySchema>;

/** Login, logout, kiosk sessions and "who am I": about the caller's own session. */
export const authRoutes = {
  /** Starts a session; every refused login answers alike (401), rate-limited per client. */
  login: defineRoute({
    method: 'POST',
    url: '/api/auth/login',
    access: 'none',
    scope: ownPersonal,
    schema: {
      body: LoginBodySchema,
      response: { 200: MeSchema, 401: ErrorSchema, ...errorResponses },
    },
  }),
  /** A big screen exchanges its kiosk token for a read-only session of 30 days. */
  kiosk: defineRoute({
    method: 'POST',
    url: '/api/auth/kiosk',
    access: 'none',
    scope: own,
    schema: {
      body: KioskBodySchema,
      response: { 200: MeSchema, 401: ErrorSchema, ...errorResponses },
    },
  }),
  logout: defineRoute({
    method: 'POST',
    url: '/api/auth/logout',
    access: 'none',
    scope: own,
    schema: { response: { 204: NoContentSchema, ...errorResponses } },
  }),
  /** Who the browser is, and whether the open demo mode is on. */
  me: defineRoute({
    method: 'GET',
    url: '/api/auth/me',
    access: 'none',
    scope: ownPersonal,
    schema: { response: { 200: MeSchema, ...errorResponses } },
  }),
};

/** Users, kiosk tokens, API tokens and the audit log: admins only. */
export const adminRoutes = {
  users: defineRoute({
    method: 'GET',
    url: '/api/admin/users',
    access: 'admin',
    scope: zonePersonal,
    schema: { response: { 200: Type.Array(UserSchema), ...errorResponses } },
  }),
  createUser: defineRoute({
    method: 'POST',
    url: '/api/admin/users',
    access: 'admin',
    scope: zonePersonal,
    schema: {
      body: CreateUserBodySchema,
      response: { 201: UserSchema, 409: ErrorSchema, ...errorResponses },
    },
  }),
  updateUser: defineRoute({
    method: 'PATCH',
    url: '/api/admin/users/:id',
    access: 'admin',
    scope: zonePersonal,
    schema: {
      params: IdParamsSchema,
      body: UpdateUserBodySchema,
      response: { 200: UserSchema, ...errorResponses },
    },
  }),
  kioskTokens: defineRoute({
    method: 'GET',
    url: '/api/admin/kiosk-tokens',
    access: 'admin',
    scope: zone,
    schema: { response: { 200: Type.Array(KioskTokenSchema), ...errorResponses } },
  }),
  /** The new token is shown once, in this answer. */
  createKioskToken: defineRoute({
    method: 'POST',
    url: '/api/admin/kiosk-tokens',
    access: 'admin',
    scope: zonePersonal,
    schema: {
      body: CreateKioskBodySchema,
      response: { 201: KioskTokenSchema, ...errorResponses },
    },
  }),
  /** Revokes a token and ends the sessions it started. */
  revokeKioskToken: defineRoute({
    method: 'DELETE',
    url: '/api/admin/kiosk-tokens/:id',
    access: 'admin',
    scope: zone,
    schema: { params: IdParamsSchema, response: { 204: NoContentSchema, ...errorResponses } },
  }),
  /** No secret: tokens are stored hashed. */
  apiTokens: defineRoute({
    method: 'GET',
    url: '/api/admin/api-tokens',
    access: 'admin',
    scope: zone,
    schema: { response: { 200: Type.Array(ApiTokenSchema), ...errorResponses } },
  }),
  /** The new token is shown once, in this answer. */
  createApiToken: defineRoute({
    method: 'POST',
    url: '/api/admin/api-tokens',
    access: 'admin',
    scope: zonePersonal,
    schema: {
      body: CreateApiTokenBodySchema,
      response: { 201: ApiTokenSchema, ...errorResponses },
    },
  }),
  /** Revoked at once: the next request with it is 401. */
  revokeApiToken: defineRoute({
    method: 'DELETE',
    url: '/api/admin/api-tokens/:id',
    access: 'admin',
    scope: zone,
    schema: { params: IdParamsSchema, response: { 204: NoContentSchema, ...errorResponses } },
  }),
  /** Newest first; filtered by actor, action and local days, paged with `before`. */
  audit: defineRoute({
    method: 'GET',
    url: '/api/admin/audit',
    access: 'admin',
    scope: zonePersonal,
    schema: {
      querystring: AuditQuerySchema,
      response: { 200: Type.Array(AuditEntrySchema), ...errorResponses },
    },
  }),
  /**
   * The filtered audit log as a CSV for Excel (UTF-8 with BOM, Chinese headers, times in the
   * data set's time zone), newest first; more lines than `AUDIT_CSV_MAX_ROWS` are refused.
   */
  auditCsv: defineRoute({
    method: 'GET',
    url: '/api/admin/audit.csv',
    access: 'admin',
    scope: zonePersonal,
    schema: {
      querystring: AuditCsvQuerySchema,
      produces: ['text/csv'],
      response: {
        200: Type.String({ description: 'text/csv, UTF-8 with BOM' }),
        ...errorResponses,
      },
    },
  }),
};
