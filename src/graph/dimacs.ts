/**
 * DIMACS shortest-path formats (9th DIMACS Implementation Challenge), so anyone can check SOT's
 * numbers with their own tools:
 *
 * - `.gr`: `p sp <nodes> <arcs>`, then one `a <u> <v> <w>` per arc, nodes 1-based, `w` the travel
 *   time in whole deciseconds.
 * - `.co`: `p aux sp co <nodes>`, then `v <id> <x> <y>` with x = longitude × 10⁶ and y =
 *   latitude × 10⁶ as integers (the challenge's convention).
 *
 * Lines starting with `c` are comments. The reader parses bytes directly: a county graph is
 * millions of lines, and splitting into strings would cost more than the search.
 */
import fs from 'node:fs';
import { validationError } from '../errors.js';
import { type CsrGraph, graphFromArcs } from './csr.js';

/** Writes lines through a large buffer with synchronous writes (no per-line syscalls). */
class LineWriter {
  private parts: string[] = [];
  private pending = 0;
  private readonly fd: number;

  constructor(path: string) {
    this.fd = fs.openSync(path, 'w');
  }

  line(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    fs.writeSync(this.fd, `${this.parts.join('\n')}\n`);
    this.parts = [];
    this.pending = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/** Writes the forward arcs of `graph` as a DIMACS `.gr` file. */
export function writeDimacsGraph(path: string, graph: CsrGraph, comments: string[] = []): void {
  const w = new LineWriter(path);
  try {
    for (const c of comments) w.line(`c ${c}`);
    w.line(`p sp ${graph.nodeCount} ${graph.edgeCount}`);
    const { firstOut, head, time } = graph.forward;
    for (let u = 0; u < graph.nodeCount; u++) {
      for (let e = firstOut[u]; e < firstOut[u + 1]; e++) w.line(`a ${u + 1} ${head[e] + 1} ${time[e]}`);
    }
  } finally {
    w.close();
  }
}

/** Writes node coordinates (latitude/longitude × 10⁷ as stored in road graphs) as a `.co` file. */
export function writeDimacsCoordinates(
  path: string,
  lat: Int32Array,
  lon: Int32Array,
  comments: string[] = [],
): void {
  const w = new LineWriter(path);
  try {
    for (const c of comments) w.line(`c ${c}`);
    w.line(`p aux sp co ${lat.length}`);
    // ×10⁷ → ×10⁶, rounding half away from zero like printf would.
    for (let v = 0; v < lat.length; v++)
      w.line(`v ${v + 1} ${Math.round(lon[v] / 10)} ${Math.round(lat[v] / 10)}`);
  } finally {
    w.close();
  }
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const MINUS = 45;
const ZERO = 48;

/** Byte-level tokenizer over one file: integers and words, line by line. */
class Scanner {
  i = 0;
  line = 1;

  constructor(
    private readonly buf: Uint8Array,
    private readonly path: string,
  ) {}

  atEnd(): boolean {
    return this.i >= this.buf.length;
  }

  peek(): number {
    return this.buf[this.i];
  }

  skipSpaces(): void {
    const b = this.buf;
    while (this.i < b.length && (b[this.i] === SPACE || b[this.i] === TAB || b[this.i] === CR)) this.i++;
  }

  skipLine(): void {
    const b = this.buf;
    while (this.i < b.length && b[this.i] !== LF) this.i++;
    this.i++;
    this.line++;
  }

  word(): string {
    this.skipSpaces();
    const start = this.i;
    const b = this.buf;
    while (this.i < b.length && b[this.i] > SPACE) this.i++;
    return Buffer.from(b.buffer, b.byteOffset + start, this.i - start).toString('latin1');
  }

  int(what: string): number {
    this.skipSpaces();
    const b = this.buf;
    let neg = false;
    if (b[this.i] === MINUS) {
      neg = true;
      this.i++;
    }
    const start = this.i;
    let v = 0;
    while (this.i < b.length) {
      const d = b[this.i] - ZERO;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      this.i++;
    }
    if (this.i === start) throw this.error(`expected an integer ${what}`);
    return neg ? -v : v;
  }

  error(reason: string) {
    return validationError(`Invalid DIMACS file ${this.path}`, [{ line: this.line, reason }]);
  }
}

/**
 * Reads a DIMACS `.gr` file into a graph (0-based nodes; lengths are zero, the format has none).
 *
 * @throws AppError `validation_failed` naming the line of the first malformed arc or header.
 */
export function readDimacsGraph(path: string): CsrGraph {
  const s = new Scanner(fs.readFileSync(path), path);
  let n = -1;
  let m = 0;
  let count = 0;
  let tails = new Int32Array(0);
  let heads = new Int32Array(0);
  let times = new Int32Array(0);
  while (!s.atEnd()) {
    s.skipSpaces();
    const c = s.peek();
    if (c === LF || c === undefined) {
      s.skipLine();
      continue;
    }
    if (c === 0x63 /* c */) {
      s.skipLine();
      continue;
    }
    if (c === 0x70 /* p */) {
      s.i++;
      if (s.word() !== 'sp') throw s.error('expected "p sp <nodes> <arcs>"');
      n = s.int('node count');
      m = s.int('arc count');
      tails = new Int32Array(m);
      heads = new Int32Array(m);
      times = new Int32Array(m);
    } else if (c === 0x61 /* a */) {
      if (n < 0) throw s.error('arc before the "p sp" line');
      if (count >= m) throw s.error(`more arcs than the ${m} announced`);
      s.i++;
      const u = s.int('tail');
      const v = s.int('head');
      const w = s.int('weight');
      if (u < 1 || u > n || v < 1 || v > n) throw s.error(`node out of range 1…${n}`);
      if (w < 0 || w > 0x3fffffff) throw s.error('weight must be a non-negative integer below 2^30');
      tails[count] = u - 1;
      heads[count] = v - 1;
      times[count] = w;
      count++;
    } else {
      throw s.error(`unexpected line type "${String.fromCharCode(c)}"`);
    }
    s.skipLine();
  }
  if (n < 0) throw s.error('no "p sp" line');
  if (count !== m) throw s.error(`${m} arcs announced, ${count} found`);
  return graphFromArcs(n, tails, heads, times, null, count);
}

/**
 * Reads a list of 1-based node ids, one per line (blank lines and `c`/`#` comments ignored), and
 * returns them 0-based.
 *
 * @throws AppError `validation_failed` for a line that is not an id in `1 … nodeCount`.
 */
export function readNodeIdList(path: string, nodeCount: number): Int32Array {
  const ids: number[] = [];
  const lines = fs.readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '' || t.startsWith('c') || t.startsWith('#')) continue;
    const v = Number(t);
    if (!Number.isInteger(v) || v < 1 || v > nodeCount) {
      throw validationError(`Invalid node id list ${path}`, [
        { line: i + 1, reason: `"${t}" is not a node id in 1…${nodeCount}` },
      ]);
    }
    ids.push(v - 1);
  }
  return Int32Array.from(ids);
}
