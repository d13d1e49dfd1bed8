import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DijkstraWorkspace, multiSourceDijkstra, sumReachedTimes } from './dijkstra.js';
import { readDimacsGraph, readNodeIdList, writeDimacsCoordinates, writeDimacsGraph } from './dimacs.js';
import { randomGraph, toCsr } from './test-graphs.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sot-dimacs-'));

/** The C++ reference compiled once per test run, or null without g++. */
function compileReference(): string | null {
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const exe = path.join(tmp(), 'dijkstra');
  execFileSync('g++', ['-O2', '-std=c++17', '-o', exe, path.resolve('native/dijkstra.cpp')]);
  return exe;
}

describe('DIMACS', () => {
  it('writes and reads back the same arcs', () => {
    fc.assert(
      fc.property(randomGraph(30, 80, 1000), (g) => {
        const graph = toCsr(g);
        const file = path.join(tmp(), 'g.gr');
        writeDimacsGraph(file, graph, ['a comment']);
        const text = fs.readFileSync(file, 'utf8');
        expect(text.split('\n')[1]).toBe(`p sp ${g.nodeCount} ${g.arcs.length}`);
        const back = readDimacsGraph(file);
        expect(back.nodeCount).toBe(g.nodeCount);
        expect(Array.from(back.forward.firstOut)).toEqual(Array.from(graph.forward.firstOut));
        expect(Array.from(back.forward.head)).toEqual(Array.from(graph.forward.head));
        expect(Array.from(back.forward.time)).toEqual(Array.from(graph.forward.time));
        fs.rmSync(path.dirname(file), { recursive: true });
      }),
      { numRuns: 50 },
    );
  });

  it('writes coordinates as integer lon/lat × 10⁶', () => {
    const file = path.join(tmp(), 'g.co');
    writeDimacsCoordinates(file, Int32Array.from([634567891, -1]), Int32Array.from([141234567, 5]));
    expect(fs.readFileSync(file, 'utf8')).toBe('p aux sp co 2\nv 1 14123457 63456789\nv 2 1 0\n');
  });

  it('reports the line of a malformed arc', () => {
    const file = path.join(tmp(), 'bad.gr');
    fs.writeFileSync(file, 'c hi\np sp 3 2\na 1 2 5\na 1 9 5\n');
    expect(() => readDimacsGraph(file)).toThrow(
      expect.objectContaining({
        id: 'validation_failed',
        details: [{ line: 4, reason: 'node out of range 1…3' }],
      }),
    );
    fs.writeFileSync(file, 'p sp 3 2\na 1 2 5\n');
    expect(() => readDimacsGraph(file)).toThrow(
      expect.objectContaining({
        details: [expect.objectContaining({ reason: '2 arcs announced, 1 found' })],
      }),
    );
  });

  it('reads 1-based source lists and rejects ids outside the graph', () => {
    const file = path.join(tmp(), 's.txt');
    fs.writeFileSync(file, '# sources\n3\n\n1\n');
    expect(Array.from(readNodeIdList(file, 3))).toEqual([2, 0]);
    fs.writeFileSync(file, '1\n4\n');
    expect(() => readNodeIdList(file, 3)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ line: 2 })] }),
    );
  });

  const exe = compileReference();
  it.skipIf(!exe)('agrees with the C++ reference on count and sum (g++ found)', () => {
    fc.assert(
      fc.property(
        randomGraph(200, 800, 5000),
        fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        (g, raw) => {
          const dir = tmp();
          const graph = toCsr(g);
          writeDimacsGraph(path.join(dir, 'g.gr'), graph);
          const sources = raw.map((s) => s % g.nodeCount);
          fs.writeFileSync(path.join(dir, 's.txt'), sources.map((s) => s + 1).join('\n'));
          const line = execFileSync(exe!, [path.join(dir, 'g.gr'), path.join(dir, 's.txt'), '1'], {
            encoding: 'utf8',
          });
          const ws = new DijkstraWorkspace(g.nodeCount);
          multiSourceDijkstra(graph.forward, { nodes: sources }, ws);
          expect(line).toMatch(
            new RegExp(`^reached ${ws.reached} sum ${sumReachedTimes(ws)} ms \\d+\\.\\d\\n$`),
          );
          fs.rmSync(dir, { recursive: true });
        },
      ),
      { numRuns: 30 },
    );
  });
  if (!exe) it.skip('agrees with the C++ reference: skipped, g++ not found', () => {});
});
