/** `sot export service-points|places`: the registry as CSV, GeoJSON or XLSX, to a file or stdout. */
import fs from 'node:fs';
import { SYSTEM_ACTOR } from '../../domain/actor.js';
import {
  EXPORT_FORMATS,
  type ExportEntity,
  type ExportFormat,
  exportRegistry,
} from '../../export/registry-export.js';
import { registryFilterSchema } from '../../shared/service-point.js';
import { type Command, type CommandContext, str } from '../command.js';
import { resolvePath, UsageError } from '../io.js';

const LABELS: Record<ExportEntity, string> = { service_points: 'service points', places: 'places' };

function filterFrom(ctx: CommandContext, entity: ExportEntity) {
  const raw = {
    kinds: str(ctx.values, 'kinds'),
    municipality: str(ctx.values, 'municipality'),
    county: str(ctx.values, 'county'),
    bbox: str(ctx.values, 'bbox'),
    q: str(ctx.values, 'q'),
  };
  if (entity === 'places' && raw.kinds) throw new UsageError('--kinds applies to service points only');
  const parsed = registryFilterSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UsageError(`--${String(first.path[0] ?? 'filter')}: ${first.message}`);
  }
  return parsed.data;
}

function exportCommand(what: string, entity: ExportEntity): Command {
  return {
    name: `export ${what}`,
    summary: `Export ${LABELS[entity]} as CSV, GeoJSON or XLSX`,
    usage: '[--format csv|geojson|xlsx] [--out FILE] [filters]',
    args: { min: 0, max: 0 },
    options: {
      format: { type: 'string', value: 'FORMAT', description: 'csv (default), geojson or xlsx' },
      out: { type: 'string', value: 'FILE', description: 'output file (default stdout; required for xlsx)' },
      crs: {
        type: 'string',
        value: 'CRS',
        description: 'wgs84 (default) or sweref99tm (SWEREF 99 TM, EPSG:3006)',
      },
      ...(entity === 'service_points'
        ? {
            kinds: {
              type: 'string' as const,
              value: 'LIST',
              description: 'only these kinds, e.g. grocery,fuel',
            },
          }
        : {}),
      municipality: { type: 'string', value: 'MMMM', description: 'only this municipality' },
      county: { type: 'string', value: 'CC', description: 'only this county' },
      bbox: {
        type: 'string',
        value: 'W,S,E,N',
        description: 'only inside this WGS 84 box, e.g. 12.5,62.9,14.5,63.6',
      },
      q: { type: 'string', value: 'TEXT', description: 'name contains this text' },
    },
    help: ['Exports never contain SOT-punkt designations (open-data safe).'],
    async run(ctx) {
      const format = (str(ctx.values, 'format') ?? 'csv') as ExportFormat;
      if (!EXPORT_FORMATS.includes(format))
        throw new UsageError(`--format must be csv, geojson or xlsx (got ${format})`);
      const crs = str(ctx.values, 'crs') ?? 'wgs84';
      if (crs !== 'wgs84' && crs !== 'sweref99tm')
        throw new UsageError(`--crs must be wgs84 or sweref99tm (got ${crs})`);
      const filter = filterFrom(ctx, entity);
      const outArg = str(ctx.values, 'out');
      if (format === 'xlsx' && !outArg) throw new UsageError('xlsx is binary: give a file with --out');
      const database = await ctx.database();
      const opts = { entity, format, filter, crs: crs as 'wgs84' | 'sweref99tm' };
      if (!outArg) {
        const { count } = await exportRegistry(database.db, SYSTEM_ACTOR, opts, ctx.io.stdout);
        ctx.err(`Exported ${count} ${LABELS[entity]}.`);
        return 0;
      }
      // Written beside the target and renamed, so a failed export never leaves a partial file behind.
      const file = resolvePath(ctx.io, outArg);
      const tmp = `${file}.partial-${process.pid}`;
      const stream = fs.createWriteStream(tmp);
      try {
        const finished = new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
        });
        const { count } = await exportRegistry(database.db, SYSTEM_ACTOR, opts, stream);
        await finished;
        fs.renameSync(tmp, file);
        ctx.err(`Exported ${count} ${LABELS[entity]} to ${file}.`);
        return 0;
      } catch (err) {
        stream.destroy();
        fs.rmSync(tmp, { force: true });
        throw err;
      }
    },
  };
}

export const exportServicePoints = exportCommand('service-points', 'service_points');
export const exportPlaces = exportCommand('places', 'places');
