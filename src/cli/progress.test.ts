import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { OutStream } from './io.js';
import { createProgress } from './progress.js';

function stream(tty: boolean): { s: OutStream; text: () => string } {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  s.isTTY = tty;
  s.columns = 80;
  let text = '';
  s.on('data', (d: Buffer) => {
    text += d.toString();
  });
  return { s, text: () => text };
}

describe('progress display', () => {
  it('redraws one bar line on a terminal and clears it at the end', () => {
    let now = 0;
    const { s, text } = stream(true);
    const p = createProgress(s, { label: 'import', delayMs: 500, intervalMs: 100, now: () => now });
    p.update({ phase: 'read', done: 1, total: 10 });
    expect(text()).toBe(''); // quick work stays quiet
    now = 600;
    p.update({ phase: 'read', done: 45 * 1024 * 1024, total: 100 * 1024 * 1024 });
    now = 650;
    p.update({ phase: 'read', done: 50 * 1024 * 1024, total: 100 * 1024 * 1024 }); // throttled
    now = 800;
    p.update({ phase: 'write', done: 300, total: 1200 });
    p.finish();
    const frames = text().split('\r\x1b[2K').filter(Boolean);
    expect(frames).toEqual([
      `import [${'#'.repeat(14)}${'.'.repeat(16)}]  45% read 45.0 MB / 100.0 MB`,
      `import [${'#'.repeat(8)}${'.'.repeat(22)}]  25% write 300 / 1,200`,
    ]);
    expect(text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('writes a plain line per quarter when stderr is not a terminal', () => {
    let now = 1000;
    const { s, text } = stream(false);
    const p = createProgress(s, { delayMs: 0, now: () => now });
    for (let done = 0; done <= 100; done += 5) {
      now += 10;
      p.update({ phase: 'validate', done, total: 100 });
    }
    p.finish();
    expect(text().trim().split('\n')).toEqual([
      'validate 0% (0 / 100)',
      'validate 25% (25 / 100)',
      'validate 50% (50 / 100)',
      'validate 75% (75 / 100)',
      'validate 100% (100 / 100)',
    ]);
  });
});
