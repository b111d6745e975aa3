import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from './data-dir-lock.ts';
import { lastGoodPath, saveLastGood } from './data-dir.ts';

describe('the last good copy of a data folder', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'atlas-lastgood-'));
    dir = join(root, 'data');
    mkdirSync(join(dir, 'base', '5'), { recursive: true });
    writeFileSync(join(dir, 'PG_VERSION'), '18\n');
    writeFileSync(join(dir, 'base', '5', '1259'), 'catalog v1');
    writeFileSync(join(dir, 'base', '5', '2000'), 'table v1');
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n`);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const copied = (...path: string[]) => join(lastGoodPath(dir), ...path);

  it('copies everything but the lock, and leaves no temporary folder', () => {
    saveLastGood(dir);
    expect(readFileSync(copied('base', '5', '2000'), 'utf8')).toBe('table v1');
    expect(existsSync(copied(LOCK_FILE))).toBe(false);
    expect(existsSync(`${lastGoodPath(dir)}.tmp`)).toBe(false);
    expect(existsSync(`${lastGoodPath(dir)}.old`)).toBe(false);
  });

  it('copies what changed since the previous copy, links the rest, and follows removals', () => {
    saveLastGood(dir);
    const before = statSync(copied('base', '5', '1259')).ino;
    // PostgreSQL writes relation files in place: same name, new bytes.
    appendFileSync(join(dir, 'base', '5', '2000'), ' + v2');
    unlinkSync(join(dir, 'PG_VERSION'));
    writeFileSync(join(dir, 'base', '5', '3000'), 'new table');
    saveLastGood(dir);
    expect(readFileSync(copied('base', '5', '2000'), 'utf8')).toBe('table v1 + v2');
    expect(readFileSync(copied('base', '5', '3000'), 'utf8')).toBe('new table');
    expect(existsSync(copied('PG_VERSION'))).toBe(false);
    expect(statSync(copied('base', '5', '1259')).ino).toBe(before);
  });

  it('is never changed by later writes to the live folder', () => {
    saveLastGood(dir);
    saveLastGood(dir);
    appendFileSync(join(dir, 'base', '5', '1259'), ' damaged');
    expect(readFileSync(copied('base', '5', '1259'), 'utf8')).toBe('catalog v1');
  });
});
