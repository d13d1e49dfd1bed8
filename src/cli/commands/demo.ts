/** `sot demo generate|import`: the fictional demo region, as files or into an empty database. */
import { formatDemoLogins } from '../../setup/demo-logins.js';
import { seedDemo } from '../../setup/seed.js';
import { type Command, type CommandContext, type OptionSpec, str } from '../command.js';
import { resolvePath, UsageError } from '../io.js';
import { createProgress } from '../progress.js';

const sizeOptions: Record<string, OptionSpec> = {
  seed: {
    type: 'string',
    value: 'N',
    description: 'random seed; the same seed and size give the same region (default: the standard demo)',
  },
  nodes: {
    type: 'string',
    value: 'N',
    description: 'road-network size in nodes (default: the standard demo)',
  },
};

function intOption(ctx: CommandContext, name: string, min: number, max: number): number | undefined {
  const raw = str(ctx.values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** Scalar facts of a manifest (counts, seed, …) as `key: value` lines; nested objects summarised. */
function summarise(manifest: unknown): string[] {
  if (!manifest || typeof manifest !== 'object') return [];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(manifest as Record<string, unknown>)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      lines.push(`  ${key}: ${String(value)}`);
    else if (Array.isArray(value))
      lines.push(
        `  ${key}: ${value.map((v) => (v && typeof v === 'object' ? String((v as { name?: unknown }).name ?? '…') : String(v))).join(', ')}`,
      );
    else {
      const nested = Object.entries(value as Record<string, unknown>).filter(
        ([, v]) => typeof v !== 'object',
      );
      if (nested.length > 0 && nested.length <= 20)
        lines.push(`  ${key}: ${nested.map(([k, v]) => `${k} ${String(v)}`).join(', ')}`);
    }
  }
  return lines;
}

export const demoGenerate: Command = {
  name: 'demo generate',
  summary: 'Generate the fictional demo region as files (OSM XML, GeoJSON)',
  usage: '[--seed N] [--nodes N] [--out DIR]',
  args: { min: 0, max: 0 },
  options: {
    ...sizeOptions,
    out: { type: 'string', value: 'DIR', description: 'output directory (default ./sot-demo)' },
  },
  help: [
    'Writes region.osm, counties.geojson, municipalities.geojson, places.geojson and manifest.json;',
    'import them with `sot import …`. Does not touch the database.',
  ],
  async run(ctx) {
    const demo = await import('../../demo/generate.js');
    const seed = intOption(ctx, 'seed', 0, Number.MAX_SAFE_INTEGER) ?? demo.DEFAULT_DEMO_SEED;
    const nodes =
      intOption(ctx, 'nodes', demo.MIN_DEMO_NODES, demo.MAX_DEMO_NODES) ?? demo.DEFAULT_DEMO_NODES;
    const outDir = resolvePath(ctx.io, str(ctx.values, 'out') ?? 'sot-demo');
    const started = Date.now();
    const progress = createProgress(ctx.io.stderr, { label: 'demo' });
    let manifest: unknown;
    try {
      manifest = await demo.generateDemoRegion({
        seed,
        nodes,
        outDir,
        onProgress: (done, total) => progress.update({ phase: 'elements', done, total }),
      });
    } finally {
      progress.finish();
    }
    ctx.err(`Demo region written to ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
    for (const line of summarise(manifest)) ctx.err(line);
    return 0;
  },
};

export const demoImport: Command = {
  name: 'demo import',
  summary: 'Generate the demo region into an empty database, with one demo user per role',
  usage: '[--seed N] [--nodes N]',
  args: { min: 0, max: 0 },
  options: sizeOptions,
  help: [
    'What the server does on its first start (unless SOT_NO_DEMO=1). Refuses a database that holds any data.',
    'The demo logins are printed and stored in <data dir>/demo-logins.txt.',
  ],
  async run(ctx) {
    const demo = await import('../../demo/generate.js');
    const seed = intOption(ctx, 'seed', 0, Number.MAX_SAFE_INTEGER);
    const nodes = intOption(ctx, 'nodes', demo.MIN_DEMO_NODES, demo.MAX_DEMO_NODES);
    const database = await ctx.database();
    const result = await seedDemo(database, ctx.config().dataDir, (line) => ctx.err(line), { seed, nodes });
    ctx.out('Demo logins (one per role):');
    for (const line of formatDemoLogins(result.logins)) ctx.out(line);
    ctx.out(`(stored in ${result.loginsFile})`);
    return 0;
  },
};
