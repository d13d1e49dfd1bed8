/**
 * The demo logins file `<dataDir>/demo-logins.txt` (mode 0600). Demo passwords are random per data
 * set (a constant password would be a known credential on every forgotten demo install); they are
 * kept here so the start banner, the README walkthrough and browser tests can find them.
 */

import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../shared/kinds.js';

export const DEMO_LOGINS_FILE = 'demo-logins.txt';

export interface DemoLogin {
  role: Role;
  username: string;
  password: string;
  /** Human description of the territory, e.g. `9901 Demoby kommun`. */
  territory: string;
}

export function demoLoginsPath(dataDir: string): string {
  return path.join(dataDir, DEMO_LOGINS_FILE);
}

/** Readable random password: four groups of four from an alphabet without look-alike characters. */
export function generateDemoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/** Writes the file; `createdAt` ties it to one demo data set so a stale file is never shown. */
export function writeDemoLogins(dataDir: string, createdAt: string, logins: DemoLogin[]): string {
  const file = demoLoginsPath(dataDir);
  const lines = [
    '# SOT demo logins: only for the generated demo data set. Anyone with this file can log in.',
    '# Do not keep real data in a demo data set; start real use with SOT_NO_DEMO=1 and a fresh data directory.',
    `# demo-created: ${createdAt}`,
    '# role         username            password              territory',
    ...logins.map(
      (l) => `${l.role.padEnd(14)} ${l.username.padEnd(19)} ${l.password.padEnd(21)} ${l.territory}`,
    ),
    '',
  ];
  fs.mkdirSync(dataDir, { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  return file;
}

/** The logins of the demo data set created at `createdAt`, or null when the file is missing or from another data set. */
export function readDemoLogins(dataDir: string, createdAt?: string): DemoLogin[] | null {
  let text: string;
  try {
    text = fs.readFileSync(demoLoginsPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  const created = /^# demo-created: (.+)$/m.exec(text)?.[1]?.trim();
  if (createdAt && created !== createdAt) return null;
  const logins: DemoLogin[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [role, username, password, ...rest] = line.trim().split(/\s+/);
    if (role && username && password)
      logins.push({ role: role as Role, username, password, territory: rest.join(' ') });
  }
  return logins;
}

/** Banner lines: one login per role. */
export function formatDemoLogins(logins: DemoLogin[]): string[] {
  return logins.map(
    (l) => `  ${l.role.padEnd(13)} ${l.username.padEnd(18)} ${l.password.padEnd(20)} ${l.territory}`,
  );
}
