import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, ErrorIds } from '../errors.js';
import { LOCK_FILE, lockDataDir } from './lock.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-lock-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('lets one holder in and names it to the next', () => {
    const dir = tmp();
    const lock = lockDataDir(dir, 'the SOT server');
    const info = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
    expect(info.pid).toBe(process.pid);
    let err: unknown;
    try {
      lockDataDir(dir, 'sot user list');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).id).toBe(ErrorIds.dataDirLocked);
    expect((err as AppError).message).toMatch(/in use by the SOT server \(process \d+/);
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir, 'again').release();
  });

  it('refuses a lock held by another live process and takes over one left by a dead process', () => {
    const dir = tmp();
    const file = path.join(dir, LOCK_FILE);
    // Our parent process is alive and is not us.
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: process.ppid, host: os.hostname(), purpose: 'the SOT server', startedAt: 'x' }),
    );
    expect(() => lockDataDir(dir, 'cli')).toThrow(/in use by the SOT server/);

    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(dead.stdout.toString());
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: deadPid, host: os.hostname(), purpose: 'crashed', startedAt: 'x' }),
    );
    const lock = lockDataDir(dir, 'cli');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).purpose).toBe('cli');
    lock.release();
  });
});
