#!/usr/bin/env node
/**
 * `npm run dev`: the API server from the TypeScript sources, restarted on change (tsx watch), and
 * the Vite dev server for the web client with hot reload (http://localhost:5173, proxying /api to
 * the API server on PORT, default 8080). Ctrl+C stops both.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsxCli = require.resolve('tsx/cli');
const viteCli = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

const children = [
  {
    name: 'server',
    args: [tsxCli, 'watch', '--clear-screen=false', 'src/server/main.ts'],
  },
  { name: 'web', args: [viteCli, '--config', 'web/vite.config.ts'] },
].map(({ name, args }) => {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`dev: ${name} exited (${signal ?? code}); stopping.\n`);
      stop(code ?? 1);
    }
  });
  return child;
});

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // Give the server time to close its database cleanly before leaving.
  const timer = setTimeout(() => process.exit(code), 10_000);
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null))).then(
    () => {
      clearTimeout(timer);
      process.exit(code);
    },
  );
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
