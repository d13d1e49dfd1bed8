/**
 * Streaming writers for the three export formats. Each takes rows a page at a time and writes
 * them straight to the output, honouring back-pressure for CSV and GeoJSON, so an export of the
 * whole country never holds more than one page in memory.
 */
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { type Column, flatCell } from './columns.js';
import { type ExportCrs, SWEREF99TM_GEOJSON_CRS, toSweref99tm } from './crs.js';
import { csvLine, UTF8_BOM } from './csv.js';

export interface RowWriter<T> {
  write(items: T[]): Promise<void>;
  /** Writes the trailer and ends the output (stdout/stderr are flushed, never ended). */
  close(): Promise<void>;
}

const isStdio = (out: NodeJS.WritableStream) => out === process.stdout || out === process.stderr;

/** Resolves when `out` can take more data; rejects when it fails or closes first. */
function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('The output closed before the export finished'));
    };
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

async function put(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await drained(out);
}

async function endOutput(out: NodeJS.WritableStream): Promise<void> {
  if (isStdio(out)) return;
  out.end();
  await finished(out);
}

export function csvWriter<T>(out: NodeJS.WritableStream, columns: Column<T>[]): RowWriter<T> {
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await put(out, UTF8_BOM + csvLine(columns.map((c) => c.header)));
  };
  return {
    async write(items) {
      await start();
      let chunk = '';
      for (const item of items) chunk += csvLine(columns.map((c) => flatCell(c.value(item))));
      await put(out, chunk);
    },
    async close() {
      await start();
      await endOutput(out);
    },
  };
}

/**
 * A GeoJSON FeatureCollection of points. In SWEREF 99 TM the coordinates are metres and the
 * collection names its CRS with the (pre-RFC 7946) `crs` member that GIS tools understand.
 */
export function geojsonWriter<T extends { id: number; lat: number; lon: number }>(
  out: NodeJS.WritableStream,
  columns: Column<T>[],
  crs: ExportCrs,
): RowWriter<T> {
  const props = columns.filter((c) => !c.position);
  let count = 0;
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    const crsMember = crs === 'sweref99tm' ? `"crs":${JSON.stringify(SWEREF99TM_GEOJSON_CRS)},` : '';
    await put(out, `{"type":"FeatureCollection",${crsMember}"features":[\n`);
  };
  const coordinates = (item: T): [number, number] => {
    if (crs === 'sweref99tm') {
      const { easting, northing } = toSweref99tm(item.lat, item.lon);
      return [easting, northing];
    }
    return [item.lon, item.lat];
  };
  return {
    async write(items) {
      await start();
      let chunk = '';
      for (const item of items) {
        const properties = Object.fromEntries(props.map((c) => [c.header, c.value(item)]));
        const feature = {
          type: 'Feature',
          id: item.id,
          geometry: { type: 'Point', coordinates: coordinates(item) },
          properties,
        };
        chunk += `${count++ > 0 ? ',\n' : ''}${JSON.stringify(feature)}`;
      }
      await put(out, chunk);
    },
    async close() {
      await start();
      await put(out, '\n]}\n');
      await endOutput(out);
    },
  };
}

/** An XLSX workbook with one sheet, written row by row through exceljs' streaming writer. */
export function xlsxWriter<T>(
  out: NodeJS.WritableStream,
  columns: Column<T>[],
  sheetName: string,
): RowWriter<T> {
  // exceljs ends the stream it writes to and waits for it to finish; a pass-through between keeps
  // that contract while letting stdout stay open.
  const zip = new PassThrough();
  zip.pipe(out as NodeJS.WritableStream, { end: !isStdio(out) });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: zip,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: c.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  return {
    async write(items) {
      for (const item of items) sheet.addRow(columns.map((c) => flatCell(c.value(item)))).commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
      if (!isStdio(out)) await finished(out);
    },
  };
}
