import { prepareTestDatabase } from './test-db.ts';

/** Runs once per vitest run, before any suite: build the seeded database they all start from. */
export default async function setup(): Promise<void> {
  await prepareTestDatabase();
}
