/**
 * `sot`: the administrator's command line. Commands act as the system administrator on the
 * database the configuration names — the CLI is for people with access to the server's files and
 * environment, not a replacement for logging in.
 *
 * Exit codes: 0 success, 1 error (message and details on stderr, no stack trace unless --debug),
 * 2 usage error (with the command's usage), 130 cancelled with Ctrl+C.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { errorLines } from '../setup/error-lines.js';
import { prepareDatabase } from '../setup/prepare.js';
import { ACCESS_COMMANDS } from './access.js';
import type { Command, CommandContext, OptionSpec } from './command.js';
import { backup, dbMigrate, restore } from './commands/data.js';
import { demoGenerate, demoImport } from './commands/demo.js';
import { exportPlaces, exportServicePoints } from './commands/export.js';
import { importBoundaries, importOsm, importPlaces, importServicePoints } from './commands/import.js';
import { userAdd, userList, userPasswd } from './commands/user.js';
import { GRAPH_COMMANDS } from './graph.js';
import { type CliIo, resolvePath, UsageError } from './io.js';

export type { CliIo } from './io.js';

export const COMMANDS: Command[] = [
  userAdd,
  userList,
  userPasswd,
  importServicePoints,
  importPlaces,
  importBoundaries,
  importOsm,
  exportServicePoints,
  exportPlaces,
  demoGenerate,
  demoImport,
  backup,
  restore,
  dbMigrate,
  ...GRAPH_COMMANDS,
  ...ACCESS_COMMANDS,
];

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  'data-dir': {
    type: 'string',
    value: 'DIR',
    description: 'embedded database directory (overrides SOT_DATA_DIR; default ./sot-data)',
  },
  debug: { type: 'boolean', description: 'show stack traces of errors' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};

const ADMIN_NOTE = [
  'The CLI acts as the system administrator on the database named by the environment (SOT_DATA_DIR or',
  'DATABASE_URL): it is for administrators with access to the server. The embedded database can be',
  'opened by one process at a time: stop the server before using the CLI on it, or run on PostgreSQL.',
];

function version(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file))
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    dir = path.dirname(dir);
  }
  return 'unknown';
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [flag, o.description];
  });
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([flag, d]) => `  ${flag.padEnd(width)}  ${d}`);
}

function commandList(commands: Command[]): string[] {
  const width = Math.max(...commands.map((c) => c.name.length));
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
}

function topHelp(): string[] {
  return [
    `sot ${version()}: SOT (service och trygghet) administration`,
    '',
    'usage: sot <command> [options]',
    '',
    'Commands:',
    ...commandList(COMMANDS),
    '',
    'Global options:',
    ...optionLines({ ...GLOBAL_OPTIONS, version: { type: 'boolean', description: 'print the version' } }),
    '',
    ...ADMIN_NOTE,
    '',
    'Run "sot <command> --help" for the options of a command.',
  ];
}

function commandHelp(cmd: Command): string[] {
  return [
    `usage: sot ${cmd.name}${cmd.usage ? ` ${cmd.usage}` : ''}`,
    '',
    cmd.summary,
    ...(cmd.help ? ['', ...cmd.help] : []),
    '',
    'Options:',
    ...optionLines({ ...cmd.options, ...GLOBAL_OPTIONS }),
  ];
}

/** Splits argv into command words (e.g. `user`, `add`) and the rest, skipping global options placed first. */
function splitCommand(argv: string[]): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  const isPrefix = (ws: string[]) => {
    const name = ws.join(' ');
    return COMMANDS.some((c) => c.name === name || c.name.startsWith(`${name} `));
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--data-dir') {
      rest.push(a, ...(i + 1 < argv.length ? [argv[++i]] : []));
      continue;
    }
    if (a.startsWith('-')) {
      rest.push(a);
      continue;
    }
    if (words.length < 2 && isPrefix([...words, a])) {
      words.push(a);
      continue;
    }
    rest.push(...argv.slice(i));
    break;
  }
  return { words, rest };
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const print = (stream: NodeJS.WritableStream, lines: string[]) => {
    for (const line of lines) stream.write(`${line}\n`);
  };
  const { words, rest } = splitCommand(argv);
  const name = words.join(' ');
  const cmd = COMMANDS.find((c) => c.name === name);
  const wantsHelp = rest.includes('--help') || rest.includes('-h');

  if (!cmd) {
    if (words.length === 0 && rest.includes('--version')) {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    const group = words.length > 0 ? COMMANDS.filter((c) => c.name.startsWith(`${name} `)) : [];
    if (wantsHelp) {
      print(
        io.stdout,
        group.length > 0 ? [`usage: sot ${name} <command> [options]`, '', ...commandList(group)] : topHelp(),
      );
      return 0;
    }
    const unknown = rest.find((a) => !a.startsWith('-'));
    const message =
      words.length === 0 && !unknown
        ? 'no command given'
        : unknown
          ? `unknown command: sot ${[...words, unknown].join(' ')}`
          : `sot ${name} needs a subcommand`;
    print(io.stderr, [`error: ${message}`, '', ...(group.length > 0 ? commandList(group) : topHelp())]);
    return 2;
  }

  let database: Database | null = null;
  let debug = false;
  const usageFail = (message: string) => {
    print(io.stderr, [
      `error: ${message}`,
      `usage: sot ${cmd.name}${cmd.usage ? ` ${cmd.usage}` : ''}`,
      `Run "sot ${cmd.name} --help" for details.`,
    ]);
    return 2;
  };
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: Object.fromEntries(
          Object.entries({ ...cmd.options, ...GLOBAL_OPTIONS }).map(([k, o]) => [
            k,
            o.short ? { type: o.type, short: o.short } : { type: o.type },
          ]),
        ),
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      return usageFail((err as Error).message.split('\n')[0]);
    }
    const values = parsed.values as CommandContext['values'];
    debug = values.debug === true;
    if (values.help === true) {
      print(io.stdout, commandHelp(cmd));
      return 0;
    }
    const positionals = parsed.positionals;
    if (positionals.length < cmd.args.min) return usageFail('missing argument');
    if (positionals.length > cmd.args.max)
      return usageFail(`unexpected argument: ${positionals[cmd.args.max]}`);

    let config: Config | null = null;
    const ctx: CommandContext = {
      io,
      values,
      positionals,
      debug,
      config() {
        if (!config) {
          const dataDir =
            typeof values['data-dir'] === 'string' ? resolvePath(io, values['data-dir']) : undefined;
          config = loadConfig(dataDir ? { ...io.env, SOT_DATA_DIR: dataDir } : io.env);
        }
        return config;
      },
      async database() {
        if (!database) {
          const cfg = ctx.config();
          const isNew = !cfg.databaseUrl && !fs.existsSync(path.join(cfg.dataDir, 'pgdata', 'PG_VERSION'));
          database = await prepareDatabase(cfg, { purpose: `sot ${cmd.name}` });
          // A mistyped --data-dir would otherwise look like an empty installation.
          if (isNew) io.stderr.write(`note: created a new, empty database in ${cfg.dataDir}\n`);
        }
        return database;
      },
      out: (line = '') => io.stdout.write(`${line}\n`),
      err: (line = '') => io.stderr.write(`${line}\n`),
    };
    return (await cmd.run(ctx)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) return usageFail(err.message);
    if (io.signal?.aborted) {
      print(io.stderr, ['Cancelled; nothing was changed.']);
      return 130;
    }
    print(io.stderr, errorLines(err, debug));
    return 1;
  } finally {
    if (database) await (database as Database).close();
  }
}

/** Process entry used by bin/sot.js: real streams, Ctrl+C cancels the running command. */
export async function runCli(argv = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nCancelling … (Ctrl+C again to quit at once)\n');
    controller.abort(new Error('cancelled'));
  });
  const code = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signal: controller.signal,
  });
  process.exitCode = code;
  // Let piped output drain; don't wait for idle handles (stdin) left by a password prompt.
  process.stdin.unref?.();
}
