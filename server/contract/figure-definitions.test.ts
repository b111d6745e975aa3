import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIGURE_DEFINITIONS, glossaryRow } from './figure-definitions.ts';
import { emptyFigures } from '../features/figures/repository.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Every key path of an object's leaves and lists, e.g. `issues.byCategory`. */
function paths(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? paths(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}

describe('figure definitions', () => {
  it('define every figure the engine returns, and nothing else', () => {
    const keys = FIGURE_DEFINITIONS.map((d) => d.key).sort();
    expect(keys).toEqual(paths(emptyFigures()).sort());
  });

  it('give every figure its own label in each language', () => {
    for (const lang of ['zh', 'en'] as const) {
      const labels = FIGURE_DEFINITIONS.map((d) => d[lang]);
      expect(new Set(labels).size, lang).toBe(labels.length);
    }
  });

  it('are all listed in the README glossary', () => {
    for (const d of FIGURE_DEFINITIONS) expect(README, d.key).toContain(glossaryRow(d));
  });
});
