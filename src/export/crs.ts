/**
 * Output coordinate systems. Coordinates are stored in WGS 84; Swedish authorities and GIS users
 * often want SWEREF 99 TM (EPSG:3006), the national grid that SCB's population grid also uses.
 */
import proj4 from 'proj4';

export const EXPORT_CRS = ['wgs84', 'sweref99tm'] as const;
export type ExportCrs = (typeof EXPORT_CRS)[number];

/** EPSG:3006 SWEREF 99 TM. GRS 80 with a zero datum shift: SWEREF 99 coincides with WGS 84 at metre level. */
export const SWEREF99TM_PROJ = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

const toSweref = proj4('EPSG:4326', SWEREF99TM_PROJ);

/** WGS 84 → SWEREF 99 TM, rounded to centimetres (easting, northing in metres). */
export function toSweref99tm(lat: number, lon: number): { easting: number; northing: number } {
  const [e, n] = toSweref.forward([lon, lat]);
  return { easting: Math.round(e * 100) / 100, northing: Math.round(n * 100) / 100 };
}

/** The legacy GeoJSON `crs` member for SWEREF 99 TM (RFC 7946 allows only WGS 84, but QGIS and GDAL read it). */
export const SWEREF99TM_GEOJSON_CRS = {
  type: 'name',
  properties: { name: 'urn:ogc:def:crs:EPSG::3006' },
} as const;
