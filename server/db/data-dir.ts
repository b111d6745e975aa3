/**
 * The embedded database's folder over its life: a copy of it after every clean close (the
 * last good one), what it held (the demo or imported data), and the way back when it no
 * longer opens. A folder is never deleted here: a damaged one is moved aside.
 */
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { LOCK_FILE } from './data-dir-lock.ts';

/** Exit code of a process whose data folder does not open (sysexits EX_DATAERR). */
export const EXIT_DATA_DIR_DAMAGED = 65;

/** What the folder held at its last clean close or open, written beside the cluster's files. */
export const CONTENT_FILE = 'atlas-content.json';

/** What `CONTENT_FILE` says. */
export interface DataDirContent {
  /** `dataset.source`: `demo`, or what an import named; null before the first migration. */
  source: string | null;
  /** When this was written (ISO). */
  at: string;
}

/** Where the copy of the folder at its last clean close is kept: beside it. */
export function lastGoodPath(dir: string): string {
  return `${resolve(dir)}.last-good`;
}

/**
 * Files that belong to one running process, never to a copy: our lock, and PGlite's own
 * postmaster.pid (left behind by a crash, harmless but confusing in a backup).
 */
const NOT_COPIED = new Set([LOCK_FILE, 'postmaster.pid']);

/**
 * Copies the (closed) folder to its last-good place: into a temporary folder first, then
 * swapped in, so a crash during the copy leaves the previous copy whole. Only files changed
 * since the previous copy (size or modification time, as rsync decides) are copied; the others
 * are hard links to the previous copy's files, which nothing ever writes in place (a restore
 * copies them back). The demo folder is 91 MB in 1,261 files; a close after a few writes copies
 * a handful of them.
 */
export function saveLastGood(dir: string): void {
  const source = resolve(dir);
  const target = lastGoodPath(dir);
  const tmp = `${target}.tmp`;
  const old = `${target}.old`;
  rmSync(tmp, { recursive: true, force: true });
  syncTree(source, tmp, existsSync(target) ? target : null, NOT_COPIED);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, old);
  renameSync(tmp, target);
  rmSync(old, { recursive: true, force: true });
}

/** `copyTree` that links unchanged files from `previous`, a copy of an earlier state. */
function syncTree(
  from: string,
  to: string,
  previous: string | null,
  skip: ReadonlySet<string> = new Set(),
): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    const before = previous && join(previous, entry.name);
    if (entry.isDirectory()) {
      syncTree(source, target, before && existsSync(before) ? before : null);
      continue;
    }
    const now = statSync(source);
    if (before) {
      const then = statSync(before, { throwIfNoEntry: false });
      // Within a millisecond: utimes keeps the time to about a microsecond, not the nanosecond.
      if (then && then.size === now.size && Math.abs(then.mtimeMs - now.mtimeMs) < 1) {
        linkSync(before, target);
        continue;
      }
    }
    copyFileSync(source, target);
    // The copy carries the original's time, so the next close can tell it unchanged.
    utimesSync(target, now.atime, now.mtime);
  }
}

/**
 * Copies a folder tree, leaving out the named files at its top. Plain copyFileSync per file
 * (copy_file_range on Linux): a little faster here than fs.cpSync and than spawning cp.
 */
export function copyTree(from: string, to: string, skip: ReadonlySet<string> = new Set()): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else copyFileSync(source, target);
  }
}

/** Records what the folder holds (read by `npm run db:recover` when there is no copy). */
export function writeContent(dir: string, source: string | null): void {
  const content: DataDirContent = { source, at: new Date().toISOString() };
  writeFileSync(join(resolve(dir), CONTENT_FILE), `${JSON.stringify(content)}\n`);
}

/** What a folder held as last recorded, or null when it never said. */
export function readContent(dir: string): DataDirContent | null {
  try {
    return JSON.parse(readFileSync(join(resolve(dir), CONTENT_FILE), 'utf8')) as DataDirContent;
  } catch {
    return null;
  }
}

/** When the last good copy was taken (its content file's time, else the folder's), or null. */
export function lastGoodTime(dir: string): string | null {
  const copy = lastGoodPath(dir);
  if (!existsSync(copy)) return null;
  return readContent(copy)?.at ?? statSync(copy).mtime.toISOString();
}

/** The folder exists but PGlite could not open it: the message says what to do. */
export class DataDirDamagedError extends Error {
  readonly exitCode = EXIT_DATA_DIR_DAMAGED;
  constructor(
    readonly dataDir: string,
    readonly reason: string,
  ) {
    super(damagedMessage(resolve(dataDir), reason));
    this.name = 'DataDirDamagedError';
  }
}

function damagedMessage(dataDir: string, reason: string): string {
  const copy = lastGoodPath(dataDir);
  const copyAt = lastGoodTime(dataDir);
  const demo = readContent(dataDir)?.source === 'demo';
  const zhWay = copyAt
    ? `恢复上次正常关闭时保存的副本 ${copy}（${copyAt}）`
    : demo
      ? '没有正常关闭时的副本；文件夹只有演示数据，将重建演示数据'
      : `没有正常关闭时的副本（${copy}），也无法确定文件夹只有演示数据：请从您自己的备份恢复`;
  const enWay = copyAt
    ? `restores the copy saved at the last clean close, ${copy} (${copyAt})`
    : demo
      ? 'finds no copy from a clean close; the folder held only the demo, so it rebuilds a fresh demo'
      : `finds no copy from a clean close (${copy}) and cannot tell that the folder held only the demo: restore it from a backup of your own`;
  return [
    `嵌入式数据库文件夹 ${dataDir} 无法打开（${reason}）。它可能已损坏：例如两个进程曾同时写入它，` +
      `或写入时磁盘已满、机器断电。恢复：停止使用它的进程后运行 npm run db:recover：` +
      `它把损坏的文件夹改名保留（不删除），然后${zhWay}。`,
    `The embedded database folder ${dataDir} could not be opened (${reason}). It may be damaged: ` +
      'two processes wrote it at once, or a disk filled up or the machine lost power while it ' +
      'was written. To recover, run npm run db:recover: it moves the damaged folder aside ' +
      `(never deletes it) and ${enWay}.`,
  ].join('\n');
}
