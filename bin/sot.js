#!/usr/bin/env node
/**
 * The `sot` command (package.json "bin"; `npx sot …`). Runs the compiled CLI from dist/ when it
 * is there and up to date; in a checkout without a build (or with newer sources) it runs the
 * TypeScript sources through tsx, so `npx sot` works right after cloning.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'src', 'cli', 'main.js');
const source = path.join(root, 'src', 'cli', 'main.ts');

/** Newest modification time of the TypeScript sources (0 when there are none, e.g. an installed package). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

async function loadCli() {
  const haveBuild = fs.existsSync(built);
  const fromSource =
    process.env.SOT_CLI_FROM_SOURCE === '1' ||
    !haveBuild ||
    (fs.existsSync(source) && newestSource(path.join(root, 'src')) > fs.statSync(built).mtimeMs);
  if (fromSource && fs.existsSync(source)) {
    let register = null;
    try {
      ({ register } = await import('tsx/esm/api'));
    } catch {
      // tsx is a dev dependency: without it (production install) only the build can run.
      if (!haveBuild) {
        process.stderr.write(
          'error: SOT is not built and tsx is not installed. Run: npm install && npm run build\n',
        );
        process.exit(1);
      }
      process.stderr.write(
        'warning: the sources are newer than dist/; running the old build. Run: npm run build\n',
      );
    }
    if (register) {
      register();
      return import(pathToFileURL(source).href);
    }
  }
  return import(pathToFileURL(built).href);
}

const cli = await loadCli();
await cli.runCli(process.argv.slice(2));
