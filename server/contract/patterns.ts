/**
 * The shapes of the values the API's addresses and files carry, written once: the schemas
 * (TypeBox `pattern`), the client's URL parsing and the importers' checks all use these.
 */

/** An area's code (小区, 社区, 片区 or 城区): letters, digits, `_` and `-`, up to 32. */
export const AREA_CODE = '[A-Za-z0-9_-]{1,32}';
/** A calendar month, `YYYY-MM`. */
export const MONTH = '[0-9]{4}-(0[1-9]|1[0-2])';
/** A calendar date, `YYYY-MM-DD` (the day is checked against its month elsewhere). */
export const DATE = `${MONTH}-(0[1-9]|[12][0-9]|3[01])`;
/** A local time to the minute, `YYYY-MM-DDTHH:MM`. */
export const LOCAL_TIME = `${DATE}T([01][0-9]|2[0-3]):[0-5][0-9]`;
/** A local time on the hour, `YYYY-MM-DDTHH:00`. */
export const LOCAL_HOUR = `${DATE}T([01][0-9]|2[0-3]):00`;

/** A whole string of one of the shapes above. */
export const whole = (pattern: string): RegExp => new RegExp(`^${pattern}$`);
