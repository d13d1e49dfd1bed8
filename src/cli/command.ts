/** The shape of a CLI command and what it gets to run with. */
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { CliIo } from './io.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder in help, e.g. `ROLE`. */
  value?: string;
  description: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  io: CliIo;
  values: OptionValues;
  positionals: string[];
  debug: boolean;
  /** Validated configuration (environment plus --data-dir); loaded on first use. */
  config(): Config;
  /** Opens and migrates the database (taking the data-directory lock); closed after the command. */
  database(): Promise<Database>;
  out(line?: string): void;
  err(line?: string): void;
}

export interface Command {
  /** Words after `sot`, e.g. `user add`. */
  name: string;
  summary: string;
  /** Argument part of the usage line, e.g. `<username> --role ROLE [options]`. */
  usage: string;
  options: Record<string, OptionSpec>;
  args: { min: number; max: number };
  /** Extra help paragraphs. */
  help?: string[];
  /** Resolves to the exit code (default 0). */
  run(ctx: CommandContext): Promise<number | undefined>;
}

/** The value of a string option, or undefined. */
export function str(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
