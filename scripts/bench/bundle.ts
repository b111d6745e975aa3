/**
 * The client bundle as the browser downloads it: every chunk with its gzip size, and what the
 * first visit of each mode fetches (the entry with its preloads and style sheet, then the
 * mode's lazy chunk with the chunks and style sheets Vite preloads alongside it). Chunks that
 * deck.gl imports on demand later (e.g. its WebGL adapter) are not counted in a first load.
 * MapLibre's worker (`.mjs`) is left out, as the bench always did.
 * `npx tsx scripts/bench/bundle.ts [dist/client]` prints the table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** One file of `assets/`. */
export interface Chunk {
  file: string;
  /** gzip size (KiB), as a server compressing at the default level would send it. */
  gzipKiB: number;
}

/** What the first visit of a mode downloads. */
export interface ModeLoad {
  mode: string;
  files: string[];
  gzipKiB: number;
}

/** The modes by the file name of their lazy chunk (see client/app/App.tsx). */
const MODE_CHUNKS: Record<string, string> = {
  dashboard: 'Dashboard',
  'screen (?mode=screen)': 'ScreenApp',
  'plan (?mode=plan)': 'PlannerApp',
  'import (?mode=import)': 'ImportPage',
};

/** Chunks and first loads of the client built in `dir` (holding index.html and assets/). */
export function bundleReport(dir: string): { chunks: Chunk[]; modes: ModeLoad[] } {
  const assets = join(dir, 'assets');
  const size = new Map<string, number>();
  for (const file of readdirSync(assets).filter((f) => /\.(js|css)$/.test(f)))
    size.set(file, gzipSync(readFileSync(join(assets, file))).length / 1024);
  const chunks = [...size].map(([file, gzipKiB]) => ({ file, gzipKiB }));

  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const shell = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  const entry = shell.find((f) => /^index-.*\.js$/.test(f));
  const code = entry ? readFileSync(join(assets, entry), 'utf8') : '';
  // Vite lists every lazy chunk's preloads once, and refers to them by index at each import().
  const deps = /m\.f=(\[[^\]]*\])/.exec(code);
  const depFiles: string[] = deps ? (JSON.parse(deps[1]!) as string[]) : [];
  const modes: ModeLoad[] = [];
  for (const [mode, name] of Object.entries(MODE_CHUNKS)) {
    const call = new RegExp(
      `import\\(\`\\./(${name}-[\\w-]+\\.js)\`\\)[^;]*?__vite__mapDeps\\(\\[([\\d,]*)\\]\\)`,
    ).exec(code);
    if (!call) continue;
    const lazy = call[2]!
      .split(',')
      .filter(Boolean)
      .map((i) => depFiles[Number(i)]!.replace(/^assets\//, ''));
    const files = [...new Set([...shell, call[1]!, ...lazy])];
    modes.push({ mode, files, gzipKiB: files.reduce((s, f) => s + (size.get(f) ?? 0), 0) });
  }
  return { chunks, modes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../dist/client', import.meta.url));
  const { chunks, modes } = bundleReport(dir);
  for (const c of chunks.sort((a, b) => b.gzipKiB - a.gzipKiB))
    console.log(`${c.gzipKiB.toFixed(1).padStart(8)} KiB  ${c.file}`);
  const total = chunks.reduce((s, c) => s + c.gzipKiB, 0);
  console.log(`${total.toFixed(1).padStart(8)} KiB  all chunks\n`);
  for (const m of modes)
    console.log(
      `${m.gzipKiB.toFixed(1).padStart(8)} KiB  first visit, ${m.mode}: ${m.files.join(' ')}`,
    );
}
