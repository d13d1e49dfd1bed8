import { describe, expect, it } from 'vitest';
import {
  GeometryError,
  gpkgBlob,
  parseGpkgGeometry,
  parseWkb,
  wkbPoint,
  wkbPolygon,
} from './gpkg-geometry.js';

/** WKB written field by field, so each variant (byte order, Z, EWKB flags) is spelled out here. */
class Writer {
  private bytes: number[] = [];
  constructor(private readonly le: boolean) {}
  u8(v: number) {
    this.bytes.push(v);
    return this;
  }
  u32(v: number) {
    const b = new DataView(new ArrayBuffer(4));
    b.setUint32(0, v, this.le);
    this.bytes.push(...new Uint8Array(b.buffer));
    return this;
  }
  f64(...vs: number[]) {
    for (const v of vs) {
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, v, this.le);
      this.bytes.push(...new Uint8Array(b.buffer));
    }
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

describe('parseWkb', () => {
  it('reads little- and big-endian points', () => {
    expect(parseWkb(view(wkbPoint(480500, 6880500)))).toEqual({ type: 'point', x: 480500, y: 6880500 });
    const be = new Writer(false).u8(0).u32(1).f64(412500, 7014500).done();
    expect(parseWkb(view(be))).toEqual({ type: 'point', x: 412500, y: 7014500 });
  });

  it('reads ISO Z points and EWKB polygons with an SRID, skipping the extra ordinates', () => {
    const isoZ = new Writer(true).u8(1).u32(1001).f64(1, 2, 99).done();
    expect(parseWkb(view(isoZ))).toEqual({ type: 'point', x: 1, y: 2 });
    const ring = [
      [0, 0, 5],
      [250, 0, 5],
      [250, 250, 5],
      [0, 250, 5],
      [0, 0, 5],
    ];
    const w = new Writer(true)
      .u8(1)
      .u32((0x80000000 | 0x20000000 | 3) >>> 0)
      .u32(3006)
      .u32(1)
      .u32(ring.length);
    for (const p of ring) w.f64(480000 + p[0], 6880000 + p[1], p[2]);
    expect(parseWkb(view(w.done()))).toEqual({
      type: 'box',
      minX: 480000,
      minY: 6880000,
      maxX: 480250,
      maxY: 6880250,
    });
  });

  it('takes the box of a multipolygon and ignores holes', () => {
    const sq = (x: number, y: number, s: number) => [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ];
    const w = new Writer(true).u8(1).u32(6).u32(1).u8(1).u32(3).u32(2);
    for (const ring of [sq(0, 0, 1000), sq(-500, -500, 3000)]) {
      w.u32(ring.length);
      for (const [x, y] of ring) w.f64(x, y);
    }
    expect(parseWkb(view(w.done()))).toEqual({ type: 'box', minX: 0, minY: 0, maxX: 1000, maxY: 1000 });
  });

  it('rejects lines and truncated data', () => {
    const line = new Writer(true).u8(1).u32(2).u32(2).f64(0, 0, 1, 1).done();
    expect(() => parseWkb(view(line))).toThrow(GeometryError);
    const cut = wkbPolygon([
      [0, 0],
      [1, 0],
      [1, 1],
    ]).subarray(0, 30);
    expect(() => parseWkb(view(cut))).toThrow(/ends/);
  });
});

describe('parseGpkgGeometry', () => {
  it('skips the envelope given by the flags and reads the SRS id', () => {
    const wkb = wkbPoint(3, 4);
    const envelope = new Writer(true).f64(3, 3, 4, 4).done();
    const blob = new Uint8Array(8 + envelope.length + wkb.length);
    blob.set([0x47, 0x50, 0, 0b0000_0011]);
    new DataView(blob.buffer).setInt32(4, 3006, true);
    blob.set(envelope, 8);
    blob.set(wkb, 8 + envelope.length);
    expect(parseGpkgGeometry(blob)).toEqual({ srsId: 3006, geometry: { type: 'point', x: 3, y: 4 } });
    expect(parseGpkgGeometry(gpkgBlob(3006, wkb)).geometry).toEqual({ type: 'point', x: 3, y: 4 });
  });

  it('reports empty geometries and refuses blobs that are not GeoPackage geometries', () => {
    const empty = gpkgBlob(3006, wkbPoint(0, 0));
    empty[3] |= 0b1_0000;
    expect(parseGpkgGeometry(empty).geometry).toEqual({ type: 'empty' });
    expect(() => parseGpkgGeometry(wkbPoint(1, 2))).toThrow(/GP header/);
  });
});
