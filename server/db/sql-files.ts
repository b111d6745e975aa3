import { readFileSync } from 'node:fs';

/** One query file's text (a whole file is one statement: `area-detail.sql`). */
export const sqlFile = (url: URL): string => readFileSync(url, 'utf8');

/**
 * A file of named statements, as yesql and pgtyped write them: each starts at a line
 * `-- name: listUsers` and runs to the next. The names asked for must be exactly the names
 * the file holds, so a typo or a forgotten statement fails at start-up, not at the first call.
 */
export function sqlQueries<const N extends string>(
  url: URL,
  names: readonly N[],
): Readonly<Record<N, string>> {
  const found = new Map<string, string>();
  let current: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current === null) return;
    if (found.has(current)) throw new Error(`${url.pathname}: two statements named ${current}`);
    found.set(current, lines.join('\n').trim());
  };
  for (const line of readFileSync(url, 'utf8').split('\n')) {
    const name = /^--\s*name:\s*([A-Za-z][A-Za-z0-9_]*)\s*$/.exec(line);
    if (name) {
      flush();
      current = name[1]!;
      lines = [];
    } else if (current !== null) {
      lines.push(line);
    }
  }
  flush();
  const missing = names.filter((n) => !found.has(n));
  const extra = [...found.keys()].filter((n) => !(names as readonly string[]).includes(n));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${url.pathname}: ${missing.length ? `no statement named ${missing.join(', ')}` : ''}` +
        `${missing.length && extra.length ? '; ' : ''}` +
        `${extra.length ? `statements nobody runs: ${extra.join(', ')}` : ''}`,
    );
  }
  return Object.fromEntries(names.map((n) => [n, found.get(n)!])) as Record<N, string>;
}
