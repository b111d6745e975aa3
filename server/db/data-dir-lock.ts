/**
 * The embedded database's folder belongs to one process. PGlite itself does not guard it (its
 * own postmaster.pid holds the WASM's fixed pid, never a real one), and two processes writing
 * one folder lose writes or damage it. So the folder holds a lock file, checked as PostgreSQL
 * checks postmaster.pid: a live process named in it keeps every other opener out; a dead one's
 * file is stale and cleared.
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** The lock file's name inside the data folder. */
export const LOCK_FILE = 'atlas.pid';

/** Exit code of a process refused because another one holds the folder (sysexits EX_TEMPFAIL). */
export const EXIT_DATA_DIR_LOCKED = 75;

/** Who holds a data folder, as its lock file says. */
export interface LockHolder {
  pid: number;
  /** When that process started (ms since the epoch); null when the file does not say. */
  startedAt: number | null;
  hostname: string;
  /** Its command line, when it was readable. */
  command: string;
}

/** Another live process holds the folder. */
export class DataDirLockedError extends Error {
  readonly exitCode = EXIT_DATA_DIR_LOCKED;
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(lockedMessage(dataDir, holder));
    this.name = 'DataDirLockedError';
  }
}

/** Folders this process holds: a second open inside one process is refused too. */
const held = new Set<string>();

/** When this process started, to tell a live holder from an unrelated process reusing its pid. */
const OWN_START = Date.now() - process.uptime() * 1000;

/**
 * Takes the folder's lock or throws DataDirLockedError. The folder must exist. Returns the
 * release, which removes the file (only if it is still ours).
 */
export function acquireDataDirLock(dir: string): { release(): void } {
  const dataDir = resolve(dir);
  const file = join(dataDir, LOCK_FILE);
  if (held.has(dataDir)) throw new DataDirLockedError(dataDir, ownHolder());
  const content = [
    process.pid,
    dataDir,
    Math.floor(OWN_START / 1000),
    hostname(),
    commandOf(process.pid) ?? process.argv.join(' '),
  ].join('\n');
  // A handful of tries: each one either creates the file or finds a holder; a stale holder is
  // moved away and the next try creates it.
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const raw = readRaw(file);
      const holder = raw === null ? null : parseLock(raw);
      if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      if (raw !== null) clearStale(file, raw);
      continue;
    }
    try {
      writeSync(fd, `${content}\n`);
    } finally {
      closeSync(fd);
    }
    held.add(dataDir);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        held.delete(dataDir);
        if (readLockFile(file)?.pid === process.pid) unlinkSync(file);
      },
    };
  }
  throw new Error(`could not take the lock ${file}: it kept reappearing (another opener racing)`);
}

/** The folder's lock holder if a live process holds it, else null (no file, or a stale one). */
export function liveLockHolder(dir: string): LockHolder | null {
  const holder = readLockFile(join(resolve(dir), LOCK_FILE));
  return holder && isAlive(holder) ? holder : null;
}

/**
 * Moves a stale file aside and removes it, so two openers clearing it at once cannot remove
 * the fresh lock the faster one created: the rename takes one file, and if what it took is no
 * longer the stale holder, it is put back.
 */
function clearStale(file: string, stale: string): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readRaw(aside) !== stale) {
    // Someone else's fresh lock: give it back (rename over nothing; the next try then finds it).
    renameSync(aside, file);
    return;
  }
  unlinkSync(aside);
}

function readRaw(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function readLockFile(file: string): LockHolder | null {
  const raw = readRaw(file);
  return raw === null ? null : parseLock(raw);
}

function parseLock(text: string): LockHolder | null {
  const [pid, , started, host, ...command] = text.split('\n');
  const n = Number(pid);
  // A file cut short (a crash between create and write) holds nothing: stale.
  if (!Number.isInteger(n) || n <= 0) return null;
  const s = Number(started);
  return {
    pid: n,
    startedAt: Number.isFinite(s) && s > 0 ? s * 1000 : null,
    hostname: host ?? '',
    command: command.join(' ').trim(),
  };
}

/**
 * As PostgreSQL decides for postmaster.pid: alive when a signal 0 reaches the pid (EPERM: it
 * exists under another user). Our own pid is a leftover of an earlier process that had it (a
 * container restarted), unless this process holds the folder. On Linux a live pid whose
 * process started after the holder did is a reused pid, so stale as well. A file written on
 * another host cannot be checked from here: it counts as held.
 */
function isAlive(holder: LockHolder): boolean {
  if (holder.hostname && holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStart(holder.pid);
  // Start times from /proc are whole clock ticks after a boot time in whole seconds.
  if (started !== null && holder.startedAt !== null && started > holder.startedAt + 5000) {
    return false;
  }
  return true;
}

function ownHolder(): LockHolder {
  return {
    pid: process.pid,
    startedAt: OWN_START,
    hostname: hostname(),
    command: commandOf(process.pid) ?? process.argv.join(' '),
  };
}

/** A process's command line from /proc (Linux), cut to a readable length. */
function commandOf(pid: number): string | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const command = raw.split('\0').filter(Boolean).join(' ');
    return command.length > 300 ? `${command.slice(0, 300)} …` : command || null;
  } catch {
    return null;
  }
}

/** When a process started (ms since the epoch), from /proc (Linux); null elsewhere. */
function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    if (!btime || !Number.isFinite(ticks)) return null;
    // USER_HZ is 100 on every Linux build Node runs on.
    return Number(btime[1]) * 1000 + ticks * 10;
  } catch {
    return null;
  }
}

function lockedMessage(dataDir: string, holder: LockHolder): string {
  const when = holder.startedAt ? new Date(holder.startedAt).toISOString() : '?';
  const host = holder.hostname && holder.hostname !== hostname() ? holder.hostname : '';
  const command = holder.command || commandOf(holder.pid) || '?';
  const file = join(dataDir, LOCK_FILE);
  return [
    `嵌入式数据库文件夹 ${dataDir} 正被另一个进程使用：进程 ${holder.pid}` +
      `${host ? `（主机 ${host}）` : ''}，启动于 ${when}，命令：${command}。` +
      '同一个文件夹只能由一个进程打开（两个进程同时写入会丢失数据或损坏文件夹）。' +
      `请先停止该进程（kill ${holder.pid}），或通过正在运行的服务器的页面导入；` +
      `若确认没有这样的进程在运行，删除 ${file}。`,
    `The embedded database folder ${dataDir} is in use by process ${holder.pid}` +
      `${host ? ` on host ${host}` : ''}, started ${when}, command: ${command}. ` +
      'A folder belongs to one process (two processes writing it lose writes or damage it): ' +
      `stop that process first (kill ${holder.pid}), or import through the running server's ` +
      `upload page. If no such process runs, delete ${file}.`,
  ].join('\n');
}
