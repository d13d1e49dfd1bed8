/**
 * Writes small GeoPackages for tests with sql.js: the three GeoPackage core tables plus one
 * features layer. Not a general GeoPackage writer: just enough structure for the reader to be
 * exercised the way SCB's files exercise it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import initSqlJs, { type SqlValue } from 'sql.js';
import { gpkgBlob } from './gpkg-geometry.js';

export interface TestLayer {
  name: string;
  /** EPSG code of the layer (3006 for SCB grids). */
  epsg: number;
  /** Attribute columns and their SQLite types, e.g. `{ Ruta: 'TEXT', Pop: 'INTEGER' }`. */
  columns: Record<string, string>;
  /** Rows: WKB geometry (or null) and attribute values. */
  rows: { wkb: Uint8Array | null; values: Record<string, SqlValue> }[];
}

/** Writes a GeoPackage with the given layers into a fresh temporary directory; returns its path. */
export async function writeTestGpkg(layers: TestLayer[], fileName = 'grid.gpkg'): Promise<string> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`
    create table gpkg_spatial_ref_sys (srs_name text not null, srs_id integer primary key, organization text not null,
      organization_coordsys_id integer not null, definition text not null, description text);
    create table gpkg_contents (table_name text primary key, data_type text not null, identifier text unique,
      description text default '', last_change datetime, min_x double, min_y double, max_x double, max_y double,
      srs_id integer);
    create table gpkg_geometry_columns (table_name text not null, column_name text not null,
      geometry_type_name text not null, srs_id integer not null, z tinyint not null, m tinyint not null,
      primary key (table_name, column_name));
  `);
  for (const epsg of new Set(layers.map((l) => l.epsg)))
    db.run('insert into gpkg_spatial_ref_sys values (?, ?, ?, ?, ?, ?)', [
      `EPSG:${epsg}`,
      epsg,
      'EPSG',
      epsg,
      'undefined',
      null,
    ]);
  for (const layer of layers) {
    const cols = Object.entries(layer.columns)
      .map(([n, t]) => `"${n}" ${t}`)
      .join(', ');
    db.run(
      `create table "${layer.name}" (fid integer primary key autoincrement, geom blob${cols ? `, ${cols}` : ''})`,
    );
    db.run('insert into gpkg_contents (table_name, data_type, identifier, srs_id) values (?, ?, ?, ?)', [
      layer.name,
      'features',
      layer.name,
      layer.epsg,
    ]);
    db.run('insert into gpkg_geometry_columns values (?, ?, ?, ?, 0, 0)', [
      layer.name,
      'geom',
      'GEOMETRY',
      layer.epsg,
    ]);
    const names = Object.keys(layer.columns);
    for (const row of layer.rows) {
      db.run(
        `insert into "${layer.name}" (geom${names.map((n) => `, "${n}"`).join('')}) values (?${names.map(() => ', ?').join('')})`,
        [row.wkb ? gpkgBlob(layer.epsg, row.wkb) : null, ...names.map((n) => row.values[n] ?? null)],
      );
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-gpkg-'));
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, db.export());
  db.close();
  return file;
}
