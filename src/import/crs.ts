/**
 * SWEREF 99 TM (EPSG:3006) → WGS 84. Swedish authorities publish coordinates as easting/northing
 * in SWEREF 99 TM; SOT stores WGS 84. At the ~1 m level SWEREF 99 and WGS 84 coincide, hence the
 * zero datum shift.
 */
import proj4 from 'proj4';

/** EPSG:3006 as a proj4 definition (UTM zone 33 on GRS 80, applied to all of Sweden). */
export const SWEREF99TM = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

const converter = proj4(SWEREF99TM, 'WGS84');

/** Plausible SWEREF 99 TM ranges for Sweden and its neighbours, with a generous margin. */
export const SWEREF_EASTING_RANGE: readonly [number, number] = [0, 1_200_000];
export const SWEREF_NORTHING_RANGE: readonly [number, number] = [5_500_000, 8_000_000];

export function inSwerefRange(easting: number, northing: number): boolean {
  return (
    easting >= SWEREF_EASTING_RANGE[0] &&
    easting <= SWEREF_EASTING_RANGE[1] &&
    northing >= SWEREF_NORTHING_RANGE[0] &&
    northing <= SWEREF_NORTHING_RANGE[1]
  );
}

/** Converts an easting/northing in metres to WGS 84 degrees. */
export function swerefToWgs84(easting: number, northing: number): { lat: number; lon: number } {
  const [lon, lat] = converter.forward([easting, northing]);
  return { lat, lon };
}
