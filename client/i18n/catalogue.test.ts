/**
 * A mode shows only the shell's messages and its own: a key used in the big screen's code but
 * kept in the planner's catalogue would show as the raw key on an unattended screen. The
 * compiler cannot see that (every key is a MessageKey), so this reads the sources: the files
 * each mode's entry imports, the keys they name, and the catalogue each key is in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, type CatalogueMode } from './all-catalogues.ts';

const CLIENT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each mode's entry: the module its lazy chunk starts from. */
const ENTRIES: Record<CatalogueMode, string> = {
  shell: 'main.tsx',
  dashboard: 'app/Dashboard.tsx',
  screen: 'screen/ScreenApp.tsx',
  planner: 'planner/PlannerApp.tsx',
  imports: 'imports/ImportPage.tsx',
  admin: 'admin/AdminPage.tsx',
};

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}
const FILES = new Map(sources(CLIENT).map((f) => [f, readFileSync(f, 'utf8')]));

/** The files a module imports statically (dynamic `import()` starts another chunk). */
function imports(file: string): string[] {
  const found: string[] = [];
  const text = FILES.get(file) ?? '';
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)) {
    if (/^\s*(?:import|export)\s+type\s/.test(m[0])) continue;
    const path = resolve(dirname(file), m[1]!);
    if (FILES.has(path)) found.push(path);
  }
  return found;
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [join(CLIENT, entry)];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...imports(file));
  }
  return seen;
}

const SHELL_FILES = reachable(ENTRIES.shell);
const keysOf = (mode: CatalogueMode) => new Set(Object.keys(CATALOGUES[mode]['zh-CN']));

/** Keys a file names as a literal (`t('panel.loading')`), or as a prefix it completes. */
function keysUsed(text: string, known: Set<string>): { literal: string[]; prefixes: string[] } {
  const literal = [...text.matchAll(/'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)]
    .map((m) => m[1]!)
    .filter((k) => known.has(k));
  const prefixes = [...text.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z]+)*\.)\$\{/g)].map((m) => m[1]!);
  return { literal, prefixes };
}

const ALL_KEYS = new Set(Object.values(CATALOGUES).flatMap((c) => Object.keys(c['zh-CN'])));

describe('catalogues per mode', () => {
  it('keep each key in one catalogue only', () => {
    const seen = new Map<string, CatalogueMode>();
    for (const mode of Object.keys(CATALOGUES) as CatalogueMode[]) {
      for (const key of keysOf(mode)) {
        expect(seen.get(key), `${key} in ${mode}`).toBeUndefined();
        seen.set(key, mode);
      }
    }
  });

  it('have the same keys in every language', () => {
    for (const [mode, catalogue] of Object.entries(CATALOGUES)) {
      expect(Object.keys(catalogue.en).sort(), mode).toEqual(
        Object.keys(catalogue['zh-CN']).sort(),
      );
    }
  });

  for (const mode of Object.keys(ENTRIES) as CatalogueMode[]) {
    it(`give the ${mode} every key its code names`, () => {
      const available =
        mode === 'shell' ? keysOf('shell') : new Set([...keysOf('shell'), ...keysOf(mode)]);
      const files = [...reachable(ENTRIES[mode])].filter(
        (f) => mode === 'shell' || !SHELL_FILES.has(f),
      );
      expect(files.length).toBeGreaterThan(0);
      const missing: string[] = [];
      for (const file of files) {
        const { literal, prefixes } = keysUsed(FILES.get(file)!, ALL_KEYS);
        for (const key of literal) if (!available.has(key)) missing.push(`${file}: ${key}`);
        for (const prefix of prefixes) {
          const anyKnown = [...ALL_KEYS].filter((k) => k.startsWith(prefix));
          for (const key of anyKnown) if (!available.has(key)) missing.push(`${file}: ${key}`);
        }
      }
      expect(missing).toEqual([]);
    });
  }
});
