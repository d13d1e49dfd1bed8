import path from 'node:path';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import type { AppError } from '../errors.js';
import { formatIssue, reportOf } from '../import/report.js';
import type { ImportReport } from '../import/types.js';
import { importPopulationGrid, type PopulationFormat } from '../population/import.js';
import { type Command, type CommandContext, str } from './command.js';
import { checkReportWritable, finishImport } from './commands/import.js';
import { formatTable, resolvePath, UsageError } from './io.js';
import { createProgress } from './progress.js';

/** Issues printed on the terminal; the report file has all of them. */
const SHOWN_ISSUES = 20;

function printReport(ctx: CommandContext, report: ImportReport, reportFile: string | null): void {
  const c = report.counts;
  ctx.err(
    `${report.sourceName} (${report.format}) → population cells${report.dryRun ? ' — dry run, nothing written' : ''}`,
  );
  const rows: [string, number][] = [
    ['read', c.read],
    ['created', c.created],
    ['updated', c.updated],
    ['unchanged', c.unchanged],
    ['skipped', c.skipped],
    ['errors', c.errors],
    ['warnings', c.warnings],
  ];
  for (const line of formatTable(['', 'cells'], rows)) ctx.err(`  ${line}`);
  for (const [size, n] of Object.entries(report.byKind)) ctx.err(`  ${size} cells: ${n}`);
  if (report.issues.length > 0) {
    ctx.err(
      `Issues (${report.issues.length}${report.issues.length > SHOWN_ISSUES ? `, first ${SHOWN_ISSUES}` : ''}):`,
    );
    for (const issue of report.issues.slice(0, SHOWN_ISSUES))
      ctx.err(`  ${issue.severity.padEnd(7)} ${formatIssue(issue)}`);
  }
  if (reportFile) ctx.err(`Report: ${reportFile}`);
}

export const importPopulation: Command = {
  name: 'import population',
  summary: 'Import SCB population grid statistics (1 km / 250 m cells, CSV or GeoPackage, SWEREF 99 TM)',
  usage: '<file> [--cell-size 1000|250] [--population-column NAME] [--layer NAME] [options]',
  args: { min: 1, max: 1 },
  options: {
    format: { type: 'string', value: 'FORMAT', description: 'csv or gpkg (default: from the file)' },
    'cell-size': {
      type: 'string',
      value: 'M',
      description: '1000 or 250 when the file does not say (default: inferred)',
    },
    'population-column': {
      type: 'string',
      value: 'NAME',
      description: 'the population column (default: Pop, Totalt, Befolkning, …)',
    },
    layer: { type: 'string', value: 'NAME', description: 'GeoPackage layer, when the file has several' },
    'dry-run': { type: 'boolean', description: 'validate and count, write nothing' },
    'skip-invalid': { type: 'boolean', description: 'import the valid rows and report the invalid ones' },
    report: {
      type: 'string',
      value: 'FILE',
      description: 'write the report here (.json or .csv); default <data dir>/reports/',
    },
  },
  help: [
    'Cells are placed by SCB grid id (Ruta/RutID: E then N of the south-west corner, 13 digits; INSPIRE',
    'ids CRS3006RES…mN…E…), by x/y columns (corners, or centres offset by half a cell) or by the',
    'GeoPackage geometry (the cell square, or a point). Cells are stored at their centre in WGS 84 under',
    'the id 1km_<E>_<N> / 250m_<E>_<N>; re-importing updates them. Municipalities are derived from the',
    'boundaries. Analyses use cells instead of places wherever a municipality has them.',
  ],
  async run(ctx) {
    const format = str(ctx.values, 'format');
    if (format !== undefined && format !== 'csv' && format !== 'gpkg')
      throw new UsageError(`--format must be csv or gpkg (got ${format})`);
    const sizeArg = str(ctx.values, 'cell-size');
    const cellSize = sizeArg === undefined ? undefined : Number(sizeArg);
    if (cellSize !== undefined && cellSize !== 1000 && cellSize !== 250)
      throw new UsageError(`--cell-size must be 1000 or 250 (got ${sizeArg})`);
    const reportArg = str(ctx.values, 'report');
    if (reportArg && !/\.(json|csv)$/i.test(reportArg))
      throw new UsageError('--report must end in .json or .csv');
    const filePath = resolvePath(ctx.io, ctx.positionals[0]);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const reportFile = reportArg
      ? resolvePath(ctx.io, reportArg)
      : path.join(ctx.config().dataDir, 'reports', `import-${stamp}-population.json`);
    // Before anything is imported: a report that cannot be written must not follow a saved import.
    checkReportWritable(reportFile);
    const database = await ctx.database();
    const progress = createProgress(ctx.io.stderr, { label: 'import' });
    let report: ImportReport;
    let failure: AppError | null = null;
    try {
      report = await importPopulationGrid(database.db, SYSTEM_ACTOR, {
        filePath,
        format: format as PopulationFormat | undefined,
        cellSize,
        populationColumn: str(ctx.values, 'population-column'),
        layer: str(ctx.values, 'layer'),
        dryRun: ctx.values['dry-run'] === true,
        skipInvalid: ctx.values['skip-invalid'] === true,
        signal: ctx.io.signal,
        onProgress: (p) => progress.update(p),
      });
    } catch (err) {
      const attached = reportOf(err);
      if (!attached) throw err;
      report = attached;
      failure = err as AppError;
    } finally {
      progress.finish();
    }
    return finishImport(ctx, report, failure, reportFile, printReport);
  },
};
