/** `sot import service-points|places|boundaries|osm <file>`: the importers, with progress and a report. */
import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../../domain/actor.js';
import { type AppError, validationError } from '../../errors.js';
import {
  type ImportFormat,
  type ImportOptions,
  type ImportReport,
  parseMappingFile,
  reportOf,
  runImport,
  writeReport,
} from '../../import/index.js';
import { formatIssue } from '../../import/report.js';
import { type Command, type CommandContext, type OptionSpec, str } from '../command.js';
import { formatTable, resolvePath, UsageError } from '../io.js';
import { createProgress } from '../progress.js';

/** Issues printed on the terminal; the report file has all of them. */
const SHOWN_ISSUES = 20;

const common: Record<string, OptionSpec> = {
  format: {
    type: 'string',
    value: 'FORMAT',
    description: 'csv, geojson or osm (default: from the file name and content)',
  },
  source: {
    type: 'string',
    value: 'NAME',
    description:
      'external-id namespace (re-imports of a source update its rows); default: from the file name, se-poi for URN ids',
  },
  'dry-run': { type: 'boolean', description: 'validate and count, write nothing' },
  'skip-invalid': {
    type: 'boolean',
    description:
      'import the valid rows and report the invalid ones (default: any invalid row stops the import)',
  },
  report: {
    type: 'string',
    value: 'FILE',
    description: 'write the validation report here (.json or .csv); default <data dir>/reports/',
  },
};
const mapping: Record<string, OptionSpec> = {
  mapping: {
    type: 'string',
    value: 'FILE',
    description: 'column mapping (JSON) for CSV/GeoJSON with other column names',
  },
};

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function printReport(ctx: CommandContext, report: ImportReport, reportFile: string | null): void {
  const c = report.counts;
  const write = (line = '') => ctx.err(line);
  write(
    `${report.sourceName} (${report.format}, source ${report.source || '-'}) → ${report.target}${report.dryRun ? ' — dry run, nothing written' : ''}`,
  );
  const counts: [string, number][] = [
    ['read', c.read],
    ['created', c.created],
    ['updated', c.updated],
    ['unchanged', c.unchanged],
    ['skipped', c.skipped],
    ['errors', c.errors],
    ['warnings', c.warnings],
  ];
  for (const line of formatTable(['', 'rows'], counts)) write(`  ${line}`);
  // Boundaries move rows between municipalities (and so between territories): say how many.
  const r = report.rederived;
  if (r)
    write(
      `  municipality re-derived: ${r.servicePoints} service points, ${r.places} places, ${r.populationCells} population cells`,
    );
  const kinds = Object.entries(report.byKind).sort((a, b) => b[1] - a[1]);
  if (kinds.length > 0) {
    write();
    for (const line of formatTable(['kind', 'valid rows'], kinds)) write(`  ${line}`);
  }
  if (report.issues.length > 0) {
    write();
    write(
      `Issues (${report.issues.length}${report.issues.length > SHOWN_ISSUES ? `, first ${SHOWN_ISSUES}` : ''}):`,
    );
    for (const issue of report.issues.slice(0, SHOWN_ISSUES))
      write(`  ${issue.severity.padEnd(7)} ${formatIssue(issue)}`);
  }
  if (reportFile) write(`Report: ${reportFile}`);
}

/**
 * Makes sure the report can be written before anything is imported: a report path that is a
 * directory, or lies in a folder that cannot be created or written, would otherwise fail only
 * after the rows were committed.
 */
export function checkReportWritable(file: string): void {
  const fail = (reason: string) =>
    validationError(`Cannot write the report to ${file}: ${reason}. Nothing was imported.`, [
      { field: 'report', reason },
    ]);
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw fail(`its folder ${dir} cannot be created (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = null;
  }
  if (stat?.isDirectory()) throw fail('it is a directory');
  if (stat && !stat.isFile()) throw fail('it is not a regular file');
  try {
    fs.accessSync(stat ? file : dir, fs.constants.W_OK);
  } catch {
    throw fail(stat ? 'the file is not writable' : `the folder ${dir} is not writable`);
  }
}

function importCommand(
  what: string,
  summary: string,
  options: Record<string, OptionSpec>,
  toOptions: (ctx: CommandContext) => Pick<ImportOptions, 'target' | 'boundaryLevel'>,
): Command {
  return {
    name: `import ${what}`,
    summary,
    usage: '<file> [options]',
    args: { min: 1, max: 1 },
    options: { ...options, ...common },
    help: [
      'The whole file is validated first; any invalid row stops the import with nothing written (unless',
      '--skip-invalid). Re-importing the same source updates the rows it created before.',
    ],
    async run(ctx) {
      const format = str(ctx.values, 'format');
      if (format && !['csv', 'geojson', 'osm'].includes(format))
        throw new UsageError(`--format must be csv, geojson or osm (got ${format})`);
      const reportArg = str(ctx.values, 'report');
      if (reportArg && !/\.(json|csv)$/i.test(reportArg))
        throw new UsageError('--report must end in .json or .csv');
      const filePath = resolvePath(ctx.io, ctx.positionals[0]);
      const target = toOptions(ctx);
      const mappingFile = str(ctx.values, 'mapping');
      const opts: ImportOptions = {
        ...target,
        filePath,
        format: format as ImportFormat | undefined,
        source: str(ctx.values, 'source'),
        mapping: mappingFile ? parseMappingFile(resolvePath(ctx.io, mappingFile)) : undefined,
        dryRun: ctx.values['dry-run'] === true,
        skipInvalid: ctx.values['skip-invalid'] === true,
        signal: ctx.io.signal,
      };
      const reportFile = reportArg
        ? resolvePath(ctx.io, reportArg)
        : path.join(ctx.config().dataDir, 'reports', `import-${timestamp()}-${what}.json`);
      checkReportWritable(reportFile);
      const database = await ctx.database();
      const progress = createProgress(ctx.io.stderr, { label: 'import' });
      let report: ImportReport;
      let failure: unknown = null;
      try {
        report = await runImport(database.db, SYSTEM_ACTOR, {
          ...opts,
          onProgress: (p) => progress.update(p),
        });
      } catch (err) {
        const attached = reportOf(err);
        if (!attached) throw err;
        report = attached;
        failure = err;
      } finally {
        progress.finish();
      }
      return finishImport(ctx, report, failure as AppError | null, reportFile, printReport);
    },
  };
}

/**
 * Writes the report, prints it with `print` and says how the import ended; the exit code. A
 * report that cannot be written after a saved import says so plainly, or the user would re-run
 * an import that worked. Shared by every `sot import …` that writes a report.
 */
export function finishImport(
  ctx: CommandContext,
  report: ImportReport,
  failure: AppError | null,
  reportFile: string,
  print: (ctx: CommandContext, report: ImportReport, written: string | null) => void,
): number {
  let reportError: string | null = null;
  try {
    fs.mkdirSync(path.dirname(reportFile), { recursive: true });
    writeReport(report, reportFile);
  } catch (err) {
    reportError = (err as Error).message;
  }
  const written = reportError === null ? reportFile : null;
  if (failure) {
    ctx.err(`error: ${failure.message}`);
    print(ctx, report, written);
    if (reportError) ctx.err(`The report could not be written to ${reportFile}: ${reportError}`);
    ctx.err('Nothing was imported.');
    return 1;
  }
  print(ctx, report, written);
  if (reportError) {
    ctx.err(
      report.dryRun
        ? `Dry run done, but the report could not be written to ${reportFile}: ${reportError}`
        : `The import WAS saved (batch ${report.batchId}); only writing the report to ${reportFile} failed: ${reportError}`,
    );
    return 1;
  }
  if (!report.dryRun)
    ctx.err(`Imported as batch ${report.batchId} in ${(report.durationMs / 1000).toFixed(1)} s.`);
  return 0;
}

export const importServicePoints = importCommand(
  'service-points',
  'Import service points from CSV, GeoJSON or OSM',
  mapping,
  () => ({ target: 'service_points' }),
);

export const importPlaces = importCommand(
  'places',
  'Import places (localities) from CSV, GeoJSON or OSM',
  mapping,
  () => ({
    target: 'places',
  }),
);

export const importBoundaries = importCommand(
  'boundaries',
  'Import county or municipality boundaries from GeoJSON',
  {
    ...mapping,
    level: {
      type: 'string',
      value: 'LEVEL',
      description: 'municipality or county (default: from the codes)',
    },
  },
  (ctx) => {
    const level = str(ctx.values, 'level');
    if (level && level !== 'municipality' && level !== 'county')
      throw new UsageError(`--level must be municipality or county (got ${level})`);
    return { target: 'boundaries', boundaryLevel: level as 'municipality' | 'county' | undefined };
  },
);

export const importOsm = importCommand(
  'osm',
  'Import service points and places from an OSM file (.osm.pbf or .osm)',
  {
    targets: {
      type: 'string',
      value: 'LIST',
      description: 'service-points, places or service-points,places (default: both)',
    },
  },
  (ctx) => {
    const list = (str(ctx.values, 'targets') ?? 'service-points,places').split(',').map((s) => s.trim());
    const bad = list.filter((t) => t !== 'service-points' && t !== 'places');
    if (bad.length > 0 || list.length === 0)
      throw new UsageError(`--targets takes service-points and/or places (got ${bad.join(',')})`);
    const sp = list.includes('service-points');
    const pl = list.includes('places');
    return { target: sp && pl ? 'all' : sp ? 'service_points' : 'places' };
  },
);
