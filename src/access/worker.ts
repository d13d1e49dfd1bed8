/**
 * Worker-thread entry of the accessibility computation. It loads the graph file itself (one read
 * into this thread's own buffer, so nothing large crosses between threads and the server's heap
 * never holds the graph), runs {@link computeAccess} and transfers the result arrays back
 * without copying. Started by ./run-worker.ts; progress goes out as messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { readGraph } from '../graph/format.js';
import { computeAccess } from './compute.js';
import { graphVersion } from './graph-ref.js';
import type { WorkerJob, WorkerMessage } from './worker-protocol.js';

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function run(): void {
  const job = workerData as WorkerJob;
  try {
    post({ type: 'progress', phase: 'load', done: 0, total: 1 });
    const graph = readGraph(job.graphFile);
    const version = graphVersion(graph.meta);
    post({ type: 'progress', phase: 'load', done: 1, total: 1 });
    const output = computeAccess(graph, job.input, (phase, done, total) =>
      post({ type: 'progress', phase, done, total }),
    );
    const transfer: ArrayBuffer[] = [output.pointSnapM.buffer as ArrayBuffer];
    for (const g of output.groups)
      for (const a of [g.time1, g.dist1, g.source1, g.time2, g.dist2, g.source2, g.flags, g.serviceSnapped])
        transfer.push(a.buffer as ArrayBuffer);
    post({ type: 'done', graphVersion: version, output }, transfer);
  } catch (err) {
    const e = err as Error;
    post({
      type: 'error',
      message: e.message,
      ...(err instanceof AppError ? { id: err.id, status: err.status } : {}),
      stack: e.stack,
    });
  }
}

run();
