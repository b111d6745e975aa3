import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDbOrExit } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo } from './db/seed.ts';
import { ensureFirstAdmin } from './auth/bootstrap.ts';
import { runSimulation } from './features/live/simulator.ts';

/** Bootstrap: open the database, migrate, load the demo data if needed, listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const where = config.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `embedded PGlite in ${config.dataDir}/`;
  console.log(`片区一张图: opening ${where} …`);
  const db = await openDbOrExit({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(db);
  if (applied.length > 0) console.log(`  applied migrations ${applied.join(', ')}`);
  if (config.seedDemo) {
    const seed = await seedDemo(db);
    console.log(
      seed.loaded
        ? `  loaded the demo data set (version ${seed.version})`
        : `  data set: ${seed.source} (version ${seed.version})`,
    );
  }
  if ((await ensureFirstAdmin(db)) === 'created')
    console.log('  created the first admin from ADMIN_USERNAME');
  const app = await buildApp({
    db,
    clientDir: config.clientDir,
    logger: { level: 'warn' },
    publicDemo: config.publicDemo,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy,
    tileCacheBytes: config.tileCacheBytes,
    importMaxBytes: config.importMaxBytes,
    importParseLimits: config.importParseLimits,
    eventStreamCaps: { perClient: config.eventStreamsPerClient, max: config.eventStreamsMax },
    publicOrigins: config.publicOrigins,
    corsOrigins: config.corsOrigins,
    onlineBasemaps: config.onlineBasemaps,
  });
  console.log(
    (config.publicDemo ?? db.backend === 'pglite')
      ? '  open demo: visitors see aggregates read-only without login'
      : '  login required (PUBLIC_DEMO=true opens a read-only demo)',
  );

  if (config.onlineBasemaps.length > 0) {
    console.log(
      `  online basemaps offered: ${config.onlineBasemaps.map((b) => b.name ?? b.id).join(', ')}`,
    );
  }

  // Demo events from inside the server (SIMULATE_EVENTS): the embedded database has no other writer.
  const simulation = new AbortController();
  if (config.simulateEvents > 0) {
    console.log(`  simulating ${config.simulateEvents} changes a second (SIMULATE_EVENTS)`);
    void runSimulation(db, { rate: config.simulateEvents, signal: simulation.signal }).catch(
      (error: unknown) => console.error('simulator stopped:', error),
    );
  }

  // Finish in-flight requests, then close the database, on Ctrl-C or a service stop.
  // Past the grace, the process ends anyway: a request that never finishes cannot hold it.
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: shutting down …`);
    setTimeout(() => {
      console.error(
        `  still busy after ${config.shutdownGraceMs / 1000} s (SHUTDOWN_GRACE_S): exiting`,
      );
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    simulation.abort();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${db.backend})`);
  console.log(`\n  Open http://${shownHost}:${config.port}/\n`);
}

main().catch((error: unknown) => {
  console.error('片区一张图 failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
