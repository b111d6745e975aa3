import { Type, type Static } from '@sinclair/typebox';
import { AreaCodeSchema, errorResponses } from './common.ts';
import { aggregates, defineRoute, zone } from './route.ts';
import { DateSchema } from './figures.ts';
import { MonthSchema } from './overlays.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

/** An IANA time zone name, such as `Asia/Urumqi`. */
export const TimeZoneSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_+/-]+$',
  description: 'IANA time zone name',
});

/** A 镇街 of the data set: a row of its own, taken from the boundaries. */
export const StreetSchema = Type.Object(
  { code: AreaCodeSchema, name: Type.String() },
  { additionalProperties: false },
);
export type Street = Static<typeof StreetSchema>;

/**
 * `GET /api/dataset`: what the loaded data set says of itself, fetched once by the client. Every
 * default that depends on the district (the selection, the months of the record, the clock)
 * comes from here, never from the code.
 */
export const DatasetSchema = Type.Object(
  {
    /** The data set's name (the demo's, or what an admin set), null when never named. */
    name: nullable(Type.String()),
    /** `demo` for the illustrative demo data set, else how it was loaded. */
    source: nullable(Type.String()),
    /** The illustrative demo data set, untouched by any import. */
    isDemo: Type.Boolean(),
    /** IANA time zone of the zone's clock: local days, months and the screen's clock. */
    timeZone: TimeZoneSchema,
    /** Today in that time zone (the server's clock). */
    today: DateSchema,
    /** The zone (城区): the default selection; null in an empty database. */
    zone: nullable(
      Type.Object(
        {
          code: AreaCodeSchema,
          name: Type.String(),
          bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
        },
        { additionalProperties: false },
      ),
    ),
    /** 镇街, in code order. */
    streets: Type.Array(StreetSchema),
    /** The record's time span, read from the issues and activities; nulls when it is empty. */
    record: Type.Object(
      {
        firstMonth: nullable(MonthSchema),
        lastMonth: nullable(MonthSchema),
        /** The last day anything is dated: before `today` when the record has ended. */
        lastDay: nullable(DateSchema),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type Dataset = Static<typeof DatasetSchema>;

/** `PUT /api/admin/dataset`: an admin names the data set or sets its clock. */
export const DatasetUpdateSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    timeZone: Type.Optional(TimeZoneSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DatasetUpdate = Static<typeof DatasetUpdateSchema>;

/** The data set's description, and the admin's change of it. */
export const datasetRoutes = {
  /**
   * Read before anyone logs in: the login page and a kiosk's first load need the zone and its
   * clock. It names the district, nothing in it.
   */
  describe: defineRoute({
    method: 'GET',
    url: '/api/dataset',
    access: 'none',
    scope: aggregates,
    schema: { response: { 200: DatasetSchema, ...errorResponses } },
  }),
  /** Admins name the data set and set its time zone. */
  update: defineRoute({
    method: 'PUT',
    url: '/api/admin/dataset',
    access: 'admin',
    scope: zone,
    schema: { body: DatasetUpdateSchema, response: { 200: DatasetSchema, ...errorResponses } },
  }),
};
