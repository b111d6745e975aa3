import type { Queryable } from '../../db/db.ts';
import type { Duty, StaffList } from '../../contract/index.ts';
import { sqlFile } from '../../db/sql-files.ts';

const ON_DUTY = sqlFile(new URL('./on-duty.sql', import.meta.url))
  .split('\n')
  .filter((line) => !line.startsWith('--'))
  .join('\n')
  .trim();

/** The on-duty test of on-duty.sql, reading its local time from parameter `$n`. */
export function onDutySql(n: number): string {
  return ON_DUTY.replaceAll('$AT', `$${n}`);
}

const POSTS_SQL = sqlFile(new URL('./posts.sql', import.meta.url));
const POSTS = POSTS_SQL.replace('/*ON_DUTY*/', '');
const DUTY = POSTS_SQL.replace('/*ON_DUTY*/', `${onDutySql(2)} AS "onDuty",`);

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
