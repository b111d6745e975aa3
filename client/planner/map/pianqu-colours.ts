/**
 * Colours of the 片区 in the workbench: a categorical palette, assigned so that two 片区 that
 * touch never share a colour (greedy colouring of the 片区 adjacency graph). Colours stay put
 * from move to move; only a 片区 that now touches one of its own colour gets another, so the
 * map does not flicker while the planner paints.
 */

/**
 * Eight categorical colours, light enough for the 社区 outlines and labels to read on them
 * (d3's Tableau10 softened towards white, without its pink and grey, too close to red and to
 * the grey of unassigned 社区).
 */
export const PIANQU_PALETTE = [
  '#7fa7d1',
  '#f5ad63',
  '#ee8a8b',
  '#8ccac5',
  '#84bf79',
  '#f1d774',
  '#c89dbd',
  '#c7a98f',
] as const;

/** The fill of unassigned 社区 (under the hatching). */
export const UNASSIGNED_COLOUR = '#9aa3ad';

/** 片区 code → the 片区 codes it touches (through any pair of member 社区). */
export function pianquNeighbours(
  assignment: Readonly<Record<string, string | null>>,
  adjacency: ReadonlyArray<{ a: string; b: string }>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { a, b } of adjacency) {
    const da = assignment[a] ?? null;
    const db = assignment[b] ?? null;
    if (da === null || db === null || da === db) continue;
    if (!out.has(da)) out.set(da, new Set());
    if (!out.has(db)) out.set(db, new Set());
    out.get(da)!.add(db);
    out.get(db)!.add(da);
  }
  return out;
}

/**
 * Palette index of each 片区. Keeps `previous` colours where no neighbour shares them; the
 * rest, most-connected first, take the colour used least so far among those none of their
 * neighbours has (spreading the palette), or with more neighbours than colours the one fewest
 * neighbours share.
 */
export function colourPianqu(
  pianqu: readonly string[],
  neighbours: ReadonlyMap<string, ReadonlySet<string>>,
  previous: ReadonlyMap<string, number> = new Map(),
  paletteSize: number = PIANQU_PALETTE.length,
): Map<string, number> {
  const colours = new Map<string, number>();
  // Keep an old colour unless a neighbour already kept the same one.
  for (const d of pianqu) {
    const c = previous.get(d);
    if (c === undefined || c >= paletteSize) continue;
    const clash = [...(neighbours.get(d) ?? [])].some((n) => colours.get(n) === c);
    if (!clash) colours.set(d, c);
  }
  const degree = (d: string) => neighbours.get(d)?.size ?? 0;
  const rest = pianqu
    .filter((d) => !colours.has(d))
    .sort((x, y) => degree(y) - degree(x) || x.localeCompare(y));
  for (const d of rest) {
    const used = new Map<number, number>();
    for (const n of neighbours.get(d) ?? []) {
      const c = colours.get(n);
      if (c !== undefined) used.set(c, (used.get(c) ?? 0) + 1);
    }
    const total = new Array<number>(paletteSize).fill(0);
    for (const c of colours.values()) total[c] = (total[c] ?? 0) + 1;
    let pick = -1;
    for (let c = 0; c < paletteSize; c++) {
      if (!used.has(c) && (pick < 0 || total[c]! < total[pick]!)) pick = c;
    }
    if (pick < 0) {
      pick = [...used.entries()].sort((x, y) => x[1] - y[1] || x[0] - y[0])[0]![0];
    }
    colours.set(d, pick);
  }
  return colours;
}
