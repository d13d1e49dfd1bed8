/**
 * The CLI's window on the world. `main(argv, io)` takes everything it touches — streams,
 * environment, working directory, cancellation — so tests run it in-process with fakes.
 */
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

export type OutStream = Writable & { isTTY?: boolean; columns?: number };
export type InStream = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: NodeJS.ProcessEnv;
  /** Relative paths in arguments resolve against this; default process.cwd(). */
  cwd?: string;
  /** Aborted on Ctrl+C by bin/sot.js; long commands (imports) stop and roll back. */
  signal?: AbortSignal;
}

export function resolvePath(io: CliIo, p: string): string {
  return path.resolve(io.cwd ?? process.cwd(), p);
}

/** A usage mistake (unknown option, missing argument): exit code 2 and the command's usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Left-aligned text table with a header row. */
export function formatTable(headers: string[], rows: (string | number)[][]): string[] {
  const cells = [headers, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)];
}

/** `12.3 MB`, `512 kB`, `800 B`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} B`;
}
