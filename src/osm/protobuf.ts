/**
 * A minimal protocol-buffers wire-format reader, just enough for OSM PBF.
 *
 * Hand-written rather than generated because the PBF hot loop (dense nodes: four interleaved
 * packed arrays of varints) must run without allocating per field; a generic decoder would build
 * an object for every message and an array for every packed field. The reader is a cursor over a
 * byte range and never copies. Every read is bounds-checked so truncated or garbage input ends in
 * a {@link ProtobufError} rather than in silent zeros or an endless loop.
 */

/** Wire types of the protobuf encoding (3 and 4, the deprecated groups, are rejected). */
export const WireType = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** Malformed protobuf input. Callers translate it into a user-facing error with a file position. */
export class ProtobufError extends Error {
  constructor(
    message: string,
    /** Offset inside the buffer being decoded where the problem was noticed. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ProtobufError';
  }
}

const TWO_32 = 4294967296;

/**
 * A cursor over `buf[pos, end)`. Fields are public so tight loops can test `pos < end` without
 * a method call; methods advance `pos`.
 *
 * Numbers are JS doubles: 64-bit values are exact up to 2^53, which covers every OSM id and
 * coordinate; larger values lose low bits instead of throwing.
 */
export class ProtoReader {
  buf: Uint8Array;
  pos: number;
  end: number;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    if (end > buf.length || pos < 0 || pos > end) throw new ProtobufError('range outside buffer', pos);
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** Repositions the cursor over another range, so one reader can be reused for many messages. */
  reset(buf: Uint8Array, pos: number, end: number): this {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    return this;
  }

  /** Unsigned varint (uint32, uint64, int32 >= 0, enum, tag, length). */
  uvarint(): number {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    if (pos >= end) throw new ProtobufError('unexpected end of message', pos);
    let b = buf[pos++];
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    // Up to 28 bits fit in a positive int32, so bitwise ops are safe for the first four bytes.
    let val = b & 0x7f;
    for (let shift = 7; shift < 28; shift += 7) {
      if (pos >= end) throw new ProtobufError('unexpected end of message', pos);
      b = buf[pos++];
      val |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return val;
      }
    }
    // Beyond 28 bits switch to multiplication so the result stays an exact double.
    let mul = 268435456; // 2^28
    for (let i = 4; i < 10; i++) {
      if (pos >= end) throw new ProtobufError('unexpected end of message', pos);
      b = buf[pos++];
      val += (b & 0x7f) * mul;
      if (b < 0x80) {
        this.pos = pos;
        return val;
      }
      mul *= 128;
    }
    throw new ProtobufError('varint longer than 10 bytes', pos);
  }

  /** Zigzag-encoded signed varint (sint32, sint64). */
  svarint(): number {
    // Unrolled for the 1–4 byte values that make up nearly all delta-coded ids and coordinates,
    // with one bounds check up front; rarer or near-the-end values take the general path.
    const buf = this.buf;
    let pos = this.pos;
    if (this.end - pos >= 4) {
      let b = buf[pos++];
      let v = b & 0x7f;
      if (b >= 0x80) {
        b = buf[pos++];
        v |= (b & 0x7f) << 7;
        if (b >= 0x80) {
          b = buf[pos++];
          v |= (b & 0x7f) << 14;
          if (b >= 0x80) {
            b = buf[pos++];
            v |= (b & 0x7f) << 21;
            if (b >= 0x80) return this.svarintSlow();
          }
        }
      }
      this.pos = pos;
      return (v >>> 1) ^ -(v & 1);
    }
    return this.svarintSlow();
  }

  private svarintSlow(): number {
    const lo = this.loHi();
    const hi = this.hi;
    // Halve before combining so results up to ±2^53 stay exact (the raw value needs 54 bits).
    const half = hi * 2147483648 + (lo >>> 1); // hi * 2^31 + lo / 2
    return lo & 1 ? -half - 1 : half;
  }

  /**
   * Two's-complement varint (int32, int64): negative values are ten bytes long with the top bits
   * set. Decoded as two 32-bit halves so negative ids (as written by JOSM) come out exact.
   */
  int64(): number {
    const start = this.pos;
    const buf = this.buf;
    if (start < this.end && buf[start] < 0x80) {
      this.pos = start + 1;
      return buf[start];
    }
    const lo = this.loHi();
    return (this.hi | 0) * TWO_32 + lo;
  }

  /** High 32 bits of the last {@link loHi} result (a field, to avoid allocating a pair). */
  private hi = 0;

  /** Reads a varint as unsigned 32-bit halves: returns the low half, leaves the high in `hi`. */
  private loHi(): number {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw new ProtobufError('unexpected end of message', pos);
      const b = buf[pos++];
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) {
        this.pos = pos;
        this.hi = hi >>> 0;
        return lo >>> 0;
      }
    }
    throw new ProtobufError('varint longer than 10 bytes', pos);
  }

  /** Field key: `(fieldNumber << 3) | wireType`. Use {@link fieldOf}/{@link wireOf} to split it. */
  tag(): number {
    return this.uvarint();
  }

  /**
   * Reads a length prefix and returns the end offset of the length-delimited payload, leaving
   * `pos` at its start. The caller reads `[pos, returned end)` and must set `pos` to the end.
   */
  lengthEnd(): number {
    const len = this.uvarint();
    const end = this.pos + len;
    if (end > this.end) throw new ProtobufError(`length ${len} runs past end of message`, this.pos);
    return end;
  }

  /** Skips the value of a field with the given wire type. */
  skip(wire: number): void {
    switch (wire) {
      case WireType.varint:
        this.uvarint();
        return;
      case WireType.fixed64:
        this.advance(8);
        return;
      case WireType.bytes:
        this.pos = this.lengthEnd();
        return;
      case WireType.fixed32:
        this.advance(4);
        return;
      default:
        throw new ProtobufError(`unsupported wire type ${wire}`, this.pos);
    }
  }

  /** Throws unless the field's wire type is the one the schema requires. */
  expect(wire: number, expected: number): void {
    if (wire !== expected) throw new ProtobufError(`wire type ${wire}, expected ${expected}`, this.pos);
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new ProtobufError('unexpected end of message', this.pos);
    this.pos += n;
  }
}

/** Field number of a key read with {@link ProtoReader.tag}. */
export const fieldOf = (key: number): number => key >>> 3;
/** Wire type of a key read with {@link ProtoReader.tag}. */
export const wireOf = (key: number): number => key & 7;
