/**
 * Progress display on stderr for long-running commands. On a terminal one line is redrawn
 * (`[#####.....] 45% read 120.0 MB / 267.0 MB`); when stderr is a file or pipe, a plain line is
 * written at each quarter so logs stay short. Nothing is shown for work that finishes quickly.
 */
import { formatBytes, type OutStream } from './io.js';

export interface ProgressEvent {
  /** `read` counts bytes; any other phase (validate, write, rows, …) counts items. */
  phase: string;
  done: number;
  total: number;
}

export interface Progress {
  update(p: ProgressEvent): void;
  /** Clears the progress line (terminal). */
  finish(): void;
}

export interface ProgressOptions {
  /** Text before the bar, e.g. `import`. */
  label?: string;
  /** Show nothing until this much time has passed (default 700 ms): small inputs stay quiet. */
  delayMs?: number;
  /** Minimum time between redraws on a terminal. */
  intervalMs?: number;
  now?: () => number;
}

const BAR = 30;

function amount(p: ProgressEvent): string {
  const fmt =
    p.phase === 'read' || p.phase === 'verify' ? formatBytes : (n: number) => n.toLocaleString('en');
  return p.total > 0 ? `${fmt(p.done)} / ${fmt(p.total)}` : fmt(p.done);
}

export function createProgress(stream: OutStream, opts: ProgressOptions = {}): Progress {
  const now = opts.now ?? Date.now;
  const started = now();
  const delay = opts.delayMs ?? 700;
  const interval = opts.intervalMs ?? 100;
  const tty = Boolean(stream.isTTY);
  const label = opts.label ? `${opts.label} ` : '';
  let lastDraw = 0;
  let drawn = false;
  let lastPhase = '';
  let lastQuarter = -1;

  return {
    update(p) {
      const t = now();
      if (t - started < delay) return;
      const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      if (tty) {
        if (t - lastDraw < interval && p.phase === lastPhase && p.done < p.total) return;
        lastDraw = t;
        lastPhase = p.phase;
        const filled = Math.round(fraction * BAR);
        const bar =
          p.total > 0
            ? `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% `
            : '';
        const text = `${label}${bar}${p.phase} ${amount(p)}`;
        const width = stream.columns ? stream.columns - 1 : 120;
        stream.write(`\r\x1b[2K${text.slice(0, width)}`);
        drawn = true;
        return;
      }
      const quarter = Math.floor(fraction * 4);
      if (p.phase === lastPhase && quarter === lastQuarter) return;
      lastPhase = p.phase;
      lastQuarter = quarter;
      const pct = p.total > 0 ? ` ${Math.floor(fraction * 100)}%` : '';
      stream.write(`${label}${p.phase}${pct} (${amount(p)})\n`);
    },
    finish() {
      if (tty && drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
