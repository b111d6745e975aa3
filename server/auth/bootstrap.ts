import type { Db } from '../db/db.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { accessRepository, audit } from './repository.ts';
import { sqlFile } from '../db/sql-files.ts';

const ADMIN_EXISTS = sqlFile(new URL('./admin-exists.sql', import.meta.url));

/**
 * Creates the first admin from ADMIN_USERNAME and ADMIN_PASSWORD when the database has no
 * admin yet. There is no default password: without both variables nothing is created.
 */
export async function ensureFirstAdmin(
  db: Db,
  env: NodeJS.ProcessEnv = process.env,
): Promise<'created' | 'exists' | 'not-configured'> {
  const username = env.ADMIN_USERNAME;
  const password = env.ADMIN_PASSWORD;
  const [admin] = await db.query(ADMIN_EXISTS);
  if (admin) return 'exists';
  if (!username || !password) return 'not-configured';
  const problem = passwordProblem(password);
  if (problem) throw new Error(`ADMIN_PASSWORD: ${problem}`);
  const hash = await hashPassword(password);
  // Two instances starting together on a new database both get here: the second one's
  // insert finds the name taken and it goes on, instead of dying on the unique index.
  const created = await db.transaction(async (tx) => {
    const id = await accessRepository(tx).createUser({
      username,
      displayName: username,
      role: 'admin',
      areaCode: null,
      passwordHash: hash,
    });
    if (id === null) return false;
    await audit(tx, 'system', 'user.create', `user:${id}`, { role: 'admin', via: 'env' });
    return true;
  });
  return created ? 'created' : 'exists';
}
