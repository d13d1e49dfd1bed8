import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRoadGraph } from '../graph/build.js';
import { writeGraph } from '../graph/format.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { type AccessComputeInput, AccessFlag, computeAccess } from './compute.js';
import { AccessCancelled, runAccessWorker, workerEntry } from './run-worker.js';
import { expectedTimes, TEST_PLACES, TEST_SERVICES, wayLength, writeTestNetwork } from './test-network.js';

const GROUPS: Record<string, string[]> = {
  grocery: ['grocery'],
  fuel: ['fuel'],
  pharmacy: ['pharmacy'],
  cash: ['atm'],
};

function input(): AccessComputeInput {
  return {
    pointLat: Float64Array.from(TEST_PLACES.map((p) => p.lat)),
    pointLon: Float64Array.from(TEST_PLACES.map((p) => p.lon)),
    groups: Object.entries(GROUPS).map(([key, kinds]) => {
      const list = TEST_SERVICES.filter((s) => kinds.includes(s.kind));
      return {
        key,
        lat: Float64Array.from(list.map((s) => s.lat)),
        lon: Float64Array.from(list.map((s) => s.lon)),
      };
    }),
  };
}

const servicesOf = (group: string) =>
  TEST_SERVICES.filter((s) => GROUPS[group].includes(s.kind)).map((s) => s.key);
const placeIdx = (key: string) => TEST_PLACES.findIndex((p) => p.key === key);

let graph: RoadGraph;
let graphFile: string;
beforeAll(async () => {
  graph = await buildRoadGraph(writeTestNetwork());
  graphFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sot-access-')), 'test.sotgraph');
  writeGraph(graphFile, graph);
});

describe('computeAccess on the crafted network', () => {
  it('gives exact nearest and second-nearest times and which service they are', () => {
    const out = computeAccess(graph, input());
    const expected = expectedTimes(graph);
    for (const [group, places] of Object.entries(expected)) {
      const g = out.groups.find((x) => x.key === group)!;
      const names = servicesOf(group);
      for (const [place, [t1, t2]] of Object.entries(places)) {
        const i = placeIdx(place);
        expect(g.time1[i], `${group} ${place} nearest`).toBeCloseTo(t1 as number, 1);
        if (t2 === null) {
          expect(g.time2[i], `${group} ${place} second`).toBeNaN();
          expect(g.source2[i]).toBe(-1);
        } else expect(g.time2[i], `${group} ${place} second`).toBeCloseTo(t2, 1);
      }
      if (group === 'grocery') {
        expect(names[g.source1[placeIdx('V')]]).toBe('G2');
        expect(names[g.source2[placeIdx('V')]]).toBe('G1');
        expect(names[g.source1[placeIdx('P7')]]).toBe('G2');
        expect(names[g.source1[placeIdx('P8')]]).toBe('G1');
      }
    }
  });

  it('measures the route in the direction residents drive (one-way 3 → 5)', () => {
    const out = computeAccess(graph, input());
    const grocery = out.groups.find((x) => x.key === 'grocery')!;
    const p5 = placeIdx('P5');
    // From 5 the only way out is the long way 14 to G1; a search in the wrong direction would
    // find G2 over the one-way street 3 → 5, much sooner.
    expect(servicesOf('grocery')[grocery.source1[p5]]).toBe('G1');
    const e = expectedTimes(graph).grocery.P5[0] as number;
    const wrongWay = expectedTimes(graph).grocery.V[0] as number; // 3 → 4 alone, already less
    expect(wrongWay).toBeLessThan(e);
    expect(grocery.time1[p5]).toBeCloseTo(e, 1);
  });

  it('gives route distances as the sum of the road lengths driven', () => {
    const out = computeAccess(graph, input());
    const grocery = out.groups.find((x) => x.key === 'grocery')!;
    expect(grocery.dist1[placeIdx('P7')]).toBeCloseTo(wayLength(graph, 16) + wayLength(graph, 15), 0);
    expect(grocery.dist1[placeIdx('V')]).toBeCloseTo(wayLength(graph, 12), 0);
    const cash = out.groups.find((x) => x.key === 'cash')!;
    expect(cash.dist1[placeIdx('P9')]).toBeCloseTo(0.6 * wayLength(graph, 12), 0);
  });

  it('flags bridge dependence: across the bridge yes, the dead end is a single link but no bridge', () => {
    const out = computeAccess(graph, input());
    const grocery = out.groups.find((x) => x.key === 'grocery')!;
    const flags = (k: string) => grocery.flags[placeIdx(k)];
    expect(flags('P7') & AccessFlag.bridge).toBeTruthy();
    expect(flags('P7') & AccessFlag.singleLink).toBeTruthy();
    expect(flags('P8') & AccessFlag.bridge).toBe(0);
    expect(flags('P8') & AccessFlag.singleLink).toBeTruthy();
    expect(flags('T')).toBe(0);
    expect(flags('P5')).toBe(0);
    // V's nearest (G2 at 4) lies beyond way 12, a single link but not a bridge.
    expect(flags('V')).toBe(AccessFlag.singleLink);
    const fuel = out.groups.find((x) => x.key === 'fuel')!;
    expect(fuel.flags[placeIdx('P7')]).toBe(0); // its fuel station is on its own side
  });

  it('reports unsnappable points and services instead of dropping them', () => {
    const out = computeAccess(graph, input());
    const far = placeIdx('FAR');
    expect(out.pointSnapM[far]).toBeNaN();
    expect(out.pointSnapM[placeIdx('T')]).toBeLessThan(1);
    for (const g of out.groups) expect(g.time1[far]).toBeNaN();
    const pharmacy = out.groups.find((x) => x.key === 'pharmacy')!;
    expect([...pharmacy.serviceSnapped]).toEqual([0]);
    expect([...pharmacy.time1].every(Number.isNaN)).toBe(true);
    expect([...pharmacy.source1].every((s) => s === -1)).toBe(true);
  });
});

describe('runAccessWorker', () => {
  it('runs in a worker thread from the TypeScript entry and matches the in-thread result', async () => {
    expect(workerEntry().kind).toBe('ts');
    const phases: string[] = [];
    const direct = computeAccess(graph, input());
    const job = input();
    const res = await runAccessWorker({ graphFile, input: job }, { onProgress: (p) => phases.push(p) });
    expect(job.pointLat.byteLength).toBe(0); // transferred, not copied
    expect(res.graphVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(phases[0]).toBe('load');
    expect(phases).toContain('snap');
    expect(phases).toContain('group grocery');
    expect(phases.at(-1)).toBe('done');
    for (const g of direct.groups) {
      const w = res.output.groups.find((x) => x.key === g.key)!;
      expect([...w.time1]).toEqual([...g.time1]);
      expect([...w.source2]).toEqual([...g.source2]);
      expect([...w.flags]).toEqual([...g.flags]);
    }
  });

  it('stops the worker when cancelled', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = runAccessWorker(
      { graphFile, input: input() },
      {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          controller.abort();
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(AccessCancelled);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain('done');
    const already = new AbortController();
    already.abort();
    await expect(
      runAccessWorker({ graphFile, input: input() }, { signal: already.signal }),
    ).rejects.toBeInstanceOf(AccessCancelled);
  });

  it('reports a missing graph file as the worker saw it', async () => {
    await expect(
      runAccessWorker({ graphFile: `${graphFile}.missing`, input: input() }),
    ).rejects.toMatchObject({
      id: 'file_not_found',
    });
  });
});
