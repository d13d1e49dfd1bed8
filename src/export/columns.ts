/**
 * The columns of registry exports, one list per entity, shared by CSV, GeoJSON and XLSX so the
 * three formats always carry the same facts under the same names.
 *
 * Exports are meant for open use (handed to other authorities, published as open data). The SOT
 * designation of a point, i.e. whether a store or fuel station is or is planned to become a
 * SOT-punkt, is confidential civil-defence information and must never be added here, nor joined in
 * when SOT-punkter come to reference service points. Only registry facts belong in these columns.
 */

import { KIND_LABELS } from '../shared/kinds.js';
import type { Place, ServicePoint } from '../shared/service-point.js';
import { type ExportCrs, toSweref99tm } from './crs.js';

/** A cell: scalars, or an object/array that CSV and XLSX write as JSON and GeoJSON keeps as-is. */
export type Cell = string | number | boolean | null | Record<string, unknown> | unknown[];

export interface Column<T> {
  header: string;
  /** Position columns are left out of GeoJSON properties: the geometry carries them. */
  position?: true;
  /** Column width in XLSX, in characters. */
  width?: number;
  value: (item: T) => Cell;
}

function positionColumns<T extends { lat: number; lon: number }>(crs: ExportCrs): Column<T>[] {
  if (crs === 'sweref99tm')
    return [
      { header: 'easting', position: true, width: 12, value: (i) => toSweref99tm(i.lat, i.lon).easting },
      { header: 'northing', position: true, width: 12, value: (i) => toSweref99tm(i.lat, i.lon).northing },
    ];
  return [
    { header: 'lat', position: true, width: 11, value: (i) => i.lat },
    { header: 'lon', position: true, width: 11, value: (i) => i.lon },
  ];
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Service-point columns; `easting`/`northing` replace `lat`/`lon` for SWEREF 99 TM. */
export function servicePointColumns(crs: ExportCrs): Column<ServicePoint>[] {
  return [
    { header: 'id', width: 8, value: (p) => p.id },
    { header: 'kind', width: 14, value: (p) => p.kind },
    { header: 'kind_sv', width: 18, value: (p) => KIND_LABELS[p.kind]?.sv ?? p.kind },
    { header: 'name', width: 30, value: (p) => p.name },
    { header: 'chain', width: 16, value: (p) => p.chain },
    { header: 'operator_name', width: 20, value: (p) => p.operatorName },
    { header: 'address', width: 26, value: (p) => p.address },
    { header: 'postcode', width: 9, value: (p) => p.postcode },
    { header: 'city', width: 16, value: (p) => p.city },
    { header: 'municipality_code', width: 8, value: (p) => p.municipalityCode },
    ...positionColumns<ServicePoint>(crs),
    { header: 'power', width: 8, value: (p) => (typeof p.power.type === 'string' ? p.power.type : 'grid') },
    { header: 'backup_kva', width: 10, value: (p) => num(p.power.kva) },
    { header: 'backup_fuel_litres', width: 10, value: (p) => num(p.power.fuelLitres) },
    { header: 'opening_hours', width: 24, value: (p) => p.openingHours },
    { header: 'external_ids', width: 24, value: (p) => p.externalIds },
    { header: 'attributes', width: 30, value: (p) => p.attributes },
    { header: 'updated_at', width: 22, value: (p) => p.updatedAt },
  ];
}

export function placeColumns(crs: ExportCrs): Column<Place>[] {
  return [
    { header: 'id', width: 8, value: (p) => p.id },
    { header: 'name', width: 26, value: (p) => p.name },
    { header: 'place_type', width: 12, value: (p) => p.placeType },
    { header: 'population', width: 11, value: (p) => p.population },
    { header: 'seasonal_population', width: 11, value: (p) => p.seasonalPopulation },
    { header: 'municipality_code', width: 8, value: (p) => p.municipalityCode },
    ...positionColumns<Place>(crs),
    { header: 'external_ids', width: 24, value: (p) => p.externalIds },
    { header: 'updated_at', width: 22, value: (p) => p.updatedAt },
  ];
}

/** A cell as a CSV/XLSX scalar: objects become JSON text. */
export function flatCell(cell: Cell): string | number | boolean | null {
  if (cell === null || typeof cell !== 'object') return cell;
  return JSON.stringify(cell);
}
