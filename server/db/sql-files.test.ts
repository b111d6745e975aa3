import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sqlQueries } from './sql-files.ts';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'sql-')), 'q.sql');
  writeFileSync(path, text);
  return pathToFileURL(path);
};

describe('named statement files', () => {
  it('reads each statement up to the next name', () => {
    const q = sqlQueries(file('-- name: one\nSELECT 1;\n\n-- name: two\nSELECT\n  2;\n'), [
      'one',
      'two',
    ]);
    expect(q).toEqual({ one: 'SELECT 1;', two: 'SELECT\n  2;' });
  });

  it('fails naming a statement asked for that the file lacks', () => {
    expect(() => sqlQueries(file('-- name: one\nSELECT 1;'), ['one', 'two'])).toThrow(
      /no statement named two/,
    );
  });

  it('fails naming a statement nobody asks for', () => {
    expect(() =>
      sqlQueries(file('-- name: one\nSELECT 1;\n-- name: old\nSELECT 2;'), ['one']),
    ).toThrow(/statements nobody runs: old/);
  });

  it('fails on two statements of one name', () => {
    expect(() =>
      sqlQueries(file('-- name: one\nSELECT 1;\n-- name: one\nSELECT 2;'), ['one']),
    ).toThrow(/two statements named one/);
  });
});
