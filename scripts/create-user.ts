/**
 * Creates a user from the command line; the way to make the first admin on a new database.
 * The password is read from the PASSWORD environment variable or asked for (never echoed),
 * never taken as an argument, so it stays out of shell history.
 *
 *   npm run user:create -- --username admin --role admin
 *   npm run user:create -- --username tc01 --role official --area PQ03 --name 田村片区书记
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../server/config.ts';
import { openDbOrExit } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { hashPassword, passwordProblem } from '../server/auth/passwords.ts';
import { audit } from '../server/auth/repository.ts';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    area: { type: 'string' },
    name: { type: 'string' },
  },
});
const { username, role } = values;
if (!username || !role || !['official', 'planner', 'admin'].includes(role)) {
  console.error(
    'usage: --username NAME --role official|planner|admin [--area CODE] [--name DISPLAY]',
  );
  process.exit(2);
}
if (role === 'official' && !values.area) {
  console.error('an official needs --area (the code of their 片区, 社区 or 小区)');
  process.exit(2);
}

let password = process.env.PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  password = await rl.question('password: ');
  rl.close();
}
const problem = passwordProblem(password);
if (problem) {
  console.error(problem);
  process.exit(2);
}

const config = loadConfig();
const db = await openDbOrExit({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO app_user (username, display_name, role, area_code, password_hash)
       VALUES ($1, $2, $3, $4, $5)`,
      [username, values.name ?? username, role, values.area ?? null, hash],
    );
    await audit(tx, 'cli', 'user.create', `user:${username}`, {
      role,
      areaCode: values.area ?? null,
    });
  });
  console.log(`created ${role} ${username}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
