import type { Queryable } from '../../db/db.ts';
import type { Duty, StaffList } from '../../contract/index.ts';

/**
 * SQL deciding whether staff row `s` is on duty at the local time (the zone's clock) in parameter
 * `$n`: its weekday, its minute of the day and, for peak-only duty, the peak season (July,
 * August, 1–7 October: the National Day week).
 */
export function onDutySql(n: number): string {
  const t = `$${n}::timestamp`;
  return `(extract(isodow FROM ${t})::int = ANY (s.duty_days)
    AND (extract(hour FROM ${t}) * 60 + extract(minute FROM ${t})) >= s.duty_start
    AND (extract(hour FROM ${t}) * 60 + extract(minute FROM ${t})) < s.duty_end
    AND (NOT s.peak_only OR extract(month FROM ${t}) IN (7, 8)
         OR (extract(month FROM ${t}) = 10 AND extract(day FROM ${t}) <= 7)))`;
}

/**
 * The staff posted in the subtree of area `$1`, with `extra` columns; shared by the post list
 * and the duty view so both read the same rows.
 */
const postsSql = (extra: string) => `WITH RECURSIVE sub AS (
    SELECT code FROM area WHERE code = $1
    UNION ALL SELECT a.code FROM area a JOIN sub ON a.parent_code = sub.code
  )
  SELECT s.code, s.department, s.xiaoqu_code AS "xiaoquCode", x.name AS "xiaoquName",
         s.duty_schedule AS "dutySchedule", ${extra}
         json_build_array(ST_X(x.label_point), ST_Y(x.label_point)) AS position
  FROM staff s JOIN sub ON sub.code = s.xiaoqu_code JOIN area x ON x.code = s.xiaoqu_code
  ORDER BY s.code`;
const POSTS = postsSql('');
const DUTY = postsSql(`${onDutySql(2)} AS "onDuty",`);

/** Staff posts and duty. Positions are 小区 posts, never a person's address. */
export function staffRepository(db: Queryable) {
  return {
    async posts(area: string): Promise<StaffList> {
      return db.query(POSTS, [area]);
    },

    async duty(area: string, at: string): Promise<Duty> {
      return db.query(DUTY, [area, at]);
    },
  };
}
