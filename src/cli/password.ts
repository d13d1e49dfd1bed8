/**
 * Reading a new password: from stdin (`--password-stdin`, for scripts) or by prompting twice on
 * a terminal without echo. Never from an argument, where it would land in shell history and `ps`.
 */
import { type CliIo, UsageError } from './io.js';

/** The first line of stdin, without its line ending. */
export async function readPasswordFromStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    if (chunks.some((c) => c.includes(10))) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

/** Prompts on stderr and reads one line from a terminal without echoing it. */
export function promptHidden(io: CliIo, question: string): Promise<string> {
  const stdin = io.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    io.stderr.write(question);
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const cleanup = () => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: string | Buffer) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          cleanup();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          cleanup();
          reject(new UsageError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** A new password from stdin or the terminal (asked twice); usage error when neither is possible. */
export async function readNewPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  if (fromStdin) return readPasswordFromStdin(io);
  if (!io.stdin.isTTY || !io.stdin.setRawMode)
    throw new UsageError('no terminal to ask for the password: pipe it in with --password-stdin');
  const first = await promptHidden(io, 'New password: ');
  const second = await promptHidden(io, 'Repeat password: ');
  if (first !== second) throw new UsageError('the passwords do not match');
  return first;
}
