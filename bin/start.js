#!/usr/bin/env node
/**
 * `npm start`: builds what is out of date — the server (tsc → dist/src) when a source is newer than
 * the build, the web client (vite → dist/web) likewise — then runs the server in this process, so
 * SIGTERM/SIGINT from npm, systemd or Docker reach it directly and it shuts down gracefully.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const at = (...p) => path.join(root, ...p);

/** Newest modification time under the given files/directories (0 if none exist). */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      continue;
    }
    if (stat.isDirectory()) t = Math.max(t, newest(fs.readdirSync(p).map((name) => path.join(p, name))));
    else t = Math.max(t, stat.mtimeMs);
  }
  return t;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function run(label, script, args) {
  process.stdout.write(`Building ${label} …\n`);
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`error: building ${label} failed (see above)\n`);
    process.exit(1);
  }
}

function resolveTool(pkg, bin) {
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), bin);
  } catch {
    return null;
  }
}

const serverEntry = at('dist', 'src', 'server', 'main.js');
const serverSources = [
  at('src'),
  at('drizzle'),
  at('tsconfig.json'),
  at('tsconfig.build.json'),
  at('package.json'),
];
if (process.env.SOT_SKIP_BUILD !== '1') {
  if (newest(serverSources) > mtime(serverEntry)) {
    const tsc = resolveTool('typescript', 'bin/tsc');
    if (tsc) run('the server', tsc, ['-p', 'tsconfig.build.json']);
    else if (!fs.existsSync(serverEntry)) {
      process.stderr.write('error: SOT is not built and TypeScript is not installed. Run: npm install\n');
      process.exit(1);
    }
    // tsc leaves unchanged outputs alone; touch the entry so the next start sees a fresh build.
    if (fs.existsSync(serverEntry)) fs.utimesSync(serverEntry, new Date(), new Date());
  }
  const webIndex = at('dist', 'web', 'index.html');
  if (fs.existsSync(at('web', 'index.html')) && newest([at('web'), at('package.json')]) > mtime(webIndex)) {
    const vite = resolveTool('vite', 'bin/vite.js');
    if (vite) run('the web client', vite, ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
    else if (!fs.existsSync(webIndex))
      process.stderr.write('warning: the web client is not built (vite missing)\n');
  }
}

const { runMain } = await import(pathToFileURL(serverEntry).href);
await runMain();
