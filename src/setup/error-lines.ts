/** How the server entry point and the CLI show an error on a terminal: message and details, no stack. */
import { AppError, formatDetail } from '../errors.js';

/** `error: <message>` plus one indented line per detail; the stack only when `debug` is set. */
export function errorLines(err: unknown, debug = false): string[] {
  if (err instanceof AppError) {
    const lines = [`error: ${err.message}`, ...err.details.map((d) => `  - ${formatDetail(d)}`)];
    if (debug && err.stack) lines.push(err.stack);
    return lines;
  }
  const e = err as NodeJS.ErrnoException;
  const message = e instanceof Error ? e.message : String(err);
  const lines = [`error: ${message}`];
  if (debug && e instanceof Error && e.stack) lines.push(e.stack);
  else lines.push('  (run with --debug for the stack trace)');
  return lines;
}
