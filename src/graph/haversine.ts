/** Mean Earth radius (IUGG), metres. */
const R = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * Great-circle distance in metres between two points in degrees. Road segments are short, so
 * the spherical model's ≤ 0.5 % error against the ellipsoid is far below mapping accuracy.
 */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLon / 2);
  const h = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
