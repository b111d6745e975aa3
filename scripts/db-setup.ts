/**
 * Prepares a database for the dashboard: migrations, then the demo data set unless
 * `--no-demo`. Without DATABASE_URL it prepares the embedded one in DATA_DIR (default .data/).
 *
 *   DATABASE_URL=postgres://… npm run db:setup
 *   npm run db:setup -- --no-demo
 */
import { loadConfig } from '../server/config.ts';
import { openDbOrExit } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { seedDemo } from '../server/db/seed.ts';

const config = loadConfig();
const db = await openDbOrExit({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrate(db);
  console.log(applied.length ? `applied migrations ${applied.join(', ')}` : 'schema up to date');
  if (!process.argv.includes('--no-demo')) {
    const seed = await seedDemo(db);
    console.log(
      seed.loaded ? `loaded demo data ${seed.version}` : `kept ${seed.source} data ${seed.version}`,
    );
  }
} finally {
  await db.close();
}
