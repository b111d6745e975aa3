import type { Db } from '../db/db.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { audit } from './repository.ts';

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
  const [admin] = await db.query("SELECT 1 FROM app_user WHERE role = 'admin' LIMIT 1");
  if (admin) return 'exists';
  if (!username || !password) return 'not-configured';
  const problem = passwordProblem(password);
  if (problem) throw new Error(`ADMIN_PASSWORD: ${problem}`);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO app_user (username, display_name, role, password_hash) VALUES ($1, $1, 'admin', $2)`,
      [username, hash],
    );
    await audit(tx, 'system', 'user.create', `user:${username}`, { role: 'admin', via: 'env' });
  });
  return 'created';
}
