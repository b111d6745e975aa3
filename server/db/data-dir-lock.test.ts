import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DataDirLockedError,
  LOCK_FILE,
  acquireDataDirLock,
  liveLockHolder,
} from './data-dir-lock.ts';

describe('the data folder lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-lockfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeLock = (pid: number, startedAtS: number, host = hostname()) =>
    writeFileSync(join(dir, LOCK_FILE), `${pid}\n${dir}\n${startedAtS}\n${host}\nsome command\n`);
  const nowS = () => Math.floor(Date.now() / 1000);

  it('writes pid, folder, start time, host and command, and removes the file on release', () => {
    const lock = acquireDataDirLock(dir);
    const [pid, folder, started, host, command] = readFileSync(join(dir, LOCK_FILE), 'utf8').split(
      '\n',
    );
    expect([pid, folder, host]).toEqual([String(process.pid), dir, hostname()]);
    expect(Number(started)).toBeLessThanOrEqual(nowS());
    expect(command).toContain('node');
    lock.release();
    expect(liveLockHolder(dir)).toBeNull();
  });

  it('refuses a second open in the same process', () => {
    const lock = acquireDataDirLock(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    } finally {
      lock.release();
    }
  });

  it('refuses while a live process holds it, naming it', () => {
    // The parent (the test runner) is alive and started before now.
    writeLock(process.ppid, nowS());
    expect(() => acquireDataDirLock(dir)).toThrow(`in use by process ${process.ppid}`);
    expect(liveLockHolder(dir)?.pid).toBe(process.ppid);
  });

  it('takes a live pid that started after the lock was written for a reused one: stale', () => {
    writeLock(process.ppid, nowS() - 365 * 24 * 3600);
    acquireDataDirLock(dir).release();
  });

  it('clears a file cut short, and one naming this pid from an earlier life', () => {
    writeFileSync(join(dir, LOCK_FILE), '');
    acquireDataDirLock(dir).release();
    writeLock(process.pid, nowS() - 3600);
    acquireDataDirLock(dir).release();
  });

  it('counts a lock from another host as held: its pid cannot be checked from here', () => {
    writeLock(999_999, nowS(), 'another-host');
    expect(() => acquireDataDirLock(dir)).toThrow('on host another-host');
  });
});
