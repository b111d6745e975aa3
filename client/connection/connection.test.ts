import { describe, expect, it } from 'vitest';
import type { Health } from '../../server/contract/index.ts';
import type { HealthCheck } from '../api/api.ts';
import {
  DELAYED_CHECK_MS,
  HEALTHY_CHECK_MS,
  INITIAL_CONNECTION,
  connectionReducer,
  nextCheckDelay,
  type ConnectionEvent,
} from './connection.ts';

const HEALTH: Health = {
  status: 'ok',
  database: 'reachable',
  backend: 'pglite',
  vectorTiles: 'server',
  dataVersion: 'v1',
  dataSource: 'demo',
};
const healthy: HealthCheck = { reachable: true, health: HEALTH };
const databaseDown: HealthCheck = { reachable: false, cause: 'database', retryAfterS: 5 };
const serverDown: HealthCheck = { reachable: false, cause: 'server', retryAfterS: null };

const checked = (at: number, check: HealthCheck): ConnectionEvent => ({
  type: 'checked',
  at,
  check,
});
const run = (events: ConnectionEvent[]) => events.reduce(connectionReducer, INITIAL_CONNECTION);

describe('connectionReducer', () => {
  it('is well before the first check, so nothing flashes at start', () => {
    expect(INITIAL_CONNECTION.status).toBe('ok');
  });

  it('remembers the time and answer of a healthy check', () => {
    expect(run([checked(1000, healthy)])).toEqual({
      status: 'ok',
      cause: null,
      lastGoodAt: 1000,
      recoveries: 0,
      health: HEALTH,
    });
  });

  it('is delayed while the database is unreachable, keeping the last good time and health', () => {
    const state = run([checked(1000, healthy), checked(2000, databaseDown)]);
    expect(state).toMatchObject({
      status: 'delayed',
      cause: 'database',
      lastGoodAt: 1000,
      health: HEALTH,
    });
  });

  it('tells an unreachable server from an unreachable database', () => {
    expect(run([checked(1000, serverDown)]).cause).toBe('server');
  });

  it('counts a recovery when health is ok again, so the views reload', () => {
    const state = run([
      checked(1000, healthy),
      checked(2000, databaseDown),
      checked(3000, serverDown),
      checked(4000, healthy),
    ]);
    expect(state).toMatchObject({ status: 'ok', cause: null, lastGoodAt: 4000, recoveries: 1 });
  });

  it('counts no recovery for a check that was healthy anyway', () => {
    expect(run([checked(1000, healthy), checked(2000, healthy)]).recoveries).toBe(0);
  });

  it('moves the last good time with every data answer', () => {
    expect(run([checked(1000, healthy), { type: 'dataLoaded', at: 1500 }]).lastGoodAt).toBe(1500);
  });

  it('stays delayed after a data answer until a check is healthy', () => {
    const state = run([checked(1000, databaseDown), { type: 'dataLoaded', at: 1500 }]);
    expect(state.status).toBe('delayed');
    expect(state.lastGoodAt).toBe(1500);
  });
});

describe('nextCheckDelay', () => {
  it('checks every 30 s while all is well', () => {
    expect(nextCheckDelay(healthy)).toBe(HEALTHY_CHECK_MS);
    expect(HEALTHY_CHECK_MS).toBe(30_000);
  });

  it('retries as soon as the server asks while delayed', () => {
    expect(nextCheckDelay(databaseDown)).toBe(5_000);
  });

  it('retries soon when an unreachable server could not say', () => {
    expect(nextCheckDelay(serverDown)).toBe(DELAYED_CHECK_MS);
  });

  it('keeps a Retry-After within bounds', () => {
    expect(nextCheckDelay({ reachable: false, cause: 'database', retryAfterS: 0 })).toBe(2_000);
    expect(nextCheckDelay({ reachable: false, cause: 'database', retryAfterS: 3600 })).toBe(30_000);
  });
});
