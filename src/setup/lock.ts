/**
 * One process at a time per embedded data directory. PGlite does not stop a second process from
 * opening the same files (its own postmaster.pid holds a fake pid), and two writers corrupt the
 * database — so the server and every CLI command take this lock first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, ErrorIds } from '../errors.js';

export const LOCK_FILE = 'sot.lock';

interface LockInfo {
  pid: number;
  host: string;
  purpose: string;
  startedAt: string;
}

export interface DataDirLock {
  file: string;
  release(): void;
}

/** Directories locked by this process: a second open from the same process is refused too. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

function inUse(dataDir: string, file: string, info: LockInfo | null): AppError {
  const who = info
    ? `${info.purpose} (process ${info.pid} on ${info.host}, since ${info.startedAt})`
    : 'another SOT process';
  return new AppError(
    ErrorIds.dataDirLocked,
    409,
    `The data directory ${dataDir} is in use by ${who}. The embedded database allows one process at a time: stop the server first, or run SOT on PostgreSQL (DATABASE_URL) to use the CLI while it runs.`,
    [
      {
        field: 'SOT_DATA_DIR',
        reason: `locked by ${file}; delete that file only if no SOT process is running`,
      },
    ],
  );
}

/**
 * Takes the lock on `dataDir` for `purpose` (shown to whoever is refused), replacing a stale lock
 * left by a process that no longer runs. Released by `release()` or when the process exits.
 */
export function lockDataDir(dataDir: string, purpose: string): DataDirLock {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  if (held.has(dir)) throw inUse(dir, file, readLock(file));
  fs.mkdirSync(dir, { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    purpose,
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const other = readLock(file);
      // A lock from another host cannot be checked; our own pid here is a leftover (e.g. container restart).
      const stale = other && other.host === info.host && (other.pid === process.pid || !alive(other.pid));
      if (!stale) throw inUse(dir, file, other);
      fs.rmSync(file, { force: true });
    }
  }
  held.add(dir);
  const onExit = () => release();
  process.once('exit', onExit);
  let released = false;
  function release() {
    if (released) return;
    released = true;
    held.delete(dir);
    process.removeListener('exit', onExit);
    if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  }
  return { file, release };
}
