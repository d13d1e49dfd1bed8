/**
 * Node numbering along a Hilbert curve: nodes close on the map get close numbers, so a search
 * touching a neighbourhood reads neighbouring memory. On road graphs this is worth a large
 * factor over OSM id order once the graph outgrows the CPU caches.
 */

/** Position of cell (x, y) on the Hilbert curve of a 2^order × 2^order grid. */
export function hilbertIndex(order: number, x: number, y: number): number {
  let d = 0;
  for (let s = 1 << (order - 1); s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const tmp = x;
      x = y;
      y = tmp;
    }
  }
  return d;
}

/**
 * Order of the given points along a Hilbert curve over their bounding box: `order[rank]` is the
 * point's original index. Stable for equal cells. Uses a 2^15 grid (d < 2^30) and an LSD radix
 * sort, linear in the number of points.
 */
export function hilbertOrder(lat: Int32Array, lon: Int32Array): Int32Array {
  const n = lat.length;
  const ORDER = 15;
  const cells = 1 << ORDER;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (lat[i] < minLat) minLat = lat[i];
    if (lat[i] > maxLat) maxLat = lat[i];
    if (lon[i] < minLon) minLon = lon[i];
    if (lon[i] > maxLon) maxLon = lon[i];
  }
  const sx = (cells - 1) / Math.max(1, maxLon - minLon);
  const sy = (cells - 1) / Math.max(1, maxLat - minLat);
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = hilbertIndex(ORDER, Math.round((lon[i] - minLon) * sx), Math.round((lat[i] - minLat) * sy));
  }
  return radixOrder(keys);
}

/** Indices sorted by their 32-bit key (stable), by four 8-bit counting passes. */
export function radixOrder(keys: Uint32Array): Int32Array {
  const n = keys.length;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const count = new Int32Array(257);
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[order[i]] >>> shift) & 255) + 1]++;
    for (let b = 0; b < 256; b++) count[b + 1] += count[b];
    for (let i = 0; i < n; i++) {
      const k = order[i];
      next[count[(keys[k] >>> shift) & 255]++] = k;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
