/**
 * `npm run db:recover`: brings back an embedded database folder (DATA_DIR, default .data) that
 * no longer opens. The damaged folder is moved aside, never deleted; then the copy saved at the
 * last clean close (`<DATA_DIR>.last-good`) is restored, or, without one, a fresh demo is built
 * when the folder held only the demo.
 *
 *   npm run db:recover             only when the folder does not open
 *   npm run db:recover -- --force  also when it opens (e.g. its data is wrong)
 *
 * Exits 0 when the folder was restored or rebuilt (or opens), 1 when there is nothing to put in
 * its place (then nothing is changed), 75 when a process holds the folder.
 */
import { existsSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import {
  EXIT_DATA_DIR_LOCKED,
  liveLockHolder,
  DataDirLockedError,
} from '../server/db/data-dir-lock.ts';
import {
  copyTree,
  DataDirDamagedError,
  lastGoodPath,
  lastGoodTime,
  readContent,
} from '../server/db/data-dir.ts';
import { migrate } from '../server/db/migrate.ts';
import { openPglite } from '../server/db/pglite.ts';
import { seedDemo } from '../server/db/seed.ts';

const { values } = parseArgs({ options: { force: { type: 'boolean' } } });
const config = loadConfig();
if (config.databaseUrl) {
  console.error(
    'db:recover is for the embedded database (DATA_DIR); with DATABASE_URL restore PostgreSQL\n' +
      'from its backup (see the README, Backup and restore).',
  );
  process.exit(2);
}
const dir = resolve(config.dataDir);
if (!existsSync(dir)) {
  console.log(`no folder at ${dir}: nothing to recover (npm start creates it).`);
  process.exit(0);
}
const holder = liveLockHolder(dir);
if (holder) {
  console.error(new DataDirLockedError(dir, holder).message);
  process.exit(EXIT_DATA_DIR_LOCKED);
}

if (!values.force) {
  // A folder that opens is not damaged: recovering it would throw away good data.
  try {
    const db = await openPglite({ dataDir: dir });
    await db.close();
    console.log(
      `${dir} opens: nothing to recover. 文件夹可以正常打开，无需恢复。\n` +
        '(npm run db:recover -- --force replaces it all the same; it is kept aside.)',
    );
    process.exit(0);
  } catch (error) {
    if (!(error instanceof DataDirDamagedError)) throw error;
  }
}

const copy = lastGoodPath(dir);
const copyAt = lastGoodTime(dir);
const demoOnly = readContent(dir)?.source === 'demo';
if (!copyAt && !demoOnly) {
  // Nothing to put in its place: leave the folder where it is rather than start an empty one.
  console.error(
    `no last good copy at ${copy}, and ${dir} does not say it held only the demo: nothing was\n` +
      'changed. Restore the folder from a backup of your own into DATA_DIR, or move it away and\n' +
      'start afresh (npm start builds a new database with the demo; SEED_DEMO=false without it).\n' +
      '没有可用的副本，且无法确定文件夹只有演示数据：未做任何改动。请从您自己的备份恢复，或移走它后重新开始。',
  );
  process.exit(1);
}

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
const aside = `${dir}.damaged-${stamp}`;
renameSync(dir, aside);
console.log(`moved ${dir} aside to ${aside} (kept, not deleted) · 已将原文件夹改名保留`);

if (copyAt) {
  // Copied, not moved: the last good copy stays for a next time.
  copyTree(copy, dir);
  console.log(
    `restored ${dir} from ${copy} (saved at the clean close of ${copyAt}) · 已从上次正常关闭时的副本恢复\n` +
      'Writes after that close are in the folder moved aside. npm start serves it again.',
  );
  process.exit(0);
}
console.log(
  'no last good copy; the folder held only the demo: building a fresh demo · 重建演示数据 …',
);
const db = await openPglite({ dataDir: dir });
try {
  await migrate(db);
  const seed = await seedDemo(db);
  console.log(`built a fresh demo in ${dir} (version ${seed.version}). npm start serves it.`);
} finally {
  await db.close();
}
