/**
 * Append-only typed arrays that double when full: the builder collects millions of refs and
 * segments without knowing counts up front, and plain JS arrays of numbers would cost 2–4× the
 * memory (and GC time) of typed storage.
 */

type TypedArray = Int32Array | Uint8Array | Float64Array | Float32Array;
type TypedArrayCtor<T extends TypedArray> = new (length: number) => T;

export class Growable<T extends TypedArray> {
  data: T;
  length = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    initialCapacity = 1024,
  ) {
    this.data = new ctor(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Makes room for `extra` more values without changing the length. */
  reserve(extra: number): void {
    if (this.length + extra > this.data.length) this.grow(this.length + extra);
  }

  /** Drops everything after the first `length` values. */
  truncate(length: number): void {
    this.length = Math.min(this.length, length);
  }

  /** A right-sized copy of the contents (releases the slack once the collection is done). */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }

  private grow(min: number): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new this.ctor(cap);
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }
}
