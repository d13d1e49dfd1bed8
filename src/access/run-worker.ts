/**
 * Runs the accessibility computation in a worker thread, so a long analysis never blocks the
 * server's event loop. Progress arrives as messages; cancellation (an AbortSignal) terminates the
 * thread at once, even in the middle of a search.
 *
 * The input arrays are transferred to the worker and the result arrays transferred back: no
 * copies. The graph is not passed at all: the worker reads the file itself (see ./worker.ts).
 *
 * Entry point: the compiled `worker.js` beside this module (dist), else `worker.ts` with tsx's
 * loader registered inside the worker first (development under tsx, tests under Vitest).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, ErrorIds } from '../errors.js';
import type { AccessComputeOutput } from './compute.js';
import type { WorkerJob, WorkerMessage } from './worker-protocol.js';

export interface WorkerRunOptions {
  onProgress?: (phase: string, done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface WorkerResult {
  /** Version of the graph the worker actually loaded. */
  graphVersion: string;
  output: AccessComputeOutput;
}

/** The rejection of a cancelled run (also when the signal's reason is not an Error). */
export class AccessCancelled extends Error {
  constructor() {
    super('The accessibility run was cancelled');
    this.name = 'AccessCancelled';
  }
}

function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const cjs = require.resolve('tsx/esm/api');
  const mjs = cjs.replace(/\.cjs$/, '.mjs');
  return pathToFileURL(fs.existsSync(mjs) ? mjs : cjs).href;
}

/** Which entry file a worker starts from: `js` (compiled) or `ts` (through tsx). */
export function workerEntry(): { kind: 'js' | 'ts'; url: URL } {
  const js = new URL('./worker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(js))) return { kind: 'js', url: js };
  return { kind: 'ts', url: new URL('./worker.ts', import.meta.url) };
}

function startWorker(job: WorkerJob, transferList: ArrayBuffer[]): Worker {
  const entry = workerEntry();
  if (entry.kind === 'js') return new Worker(entry.url, { workerData: job, transferList });
  const code = `import(${JSON.stringify(tsxApiUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry.url.href)}); })`;
  return new Worker(code, { eval: true, workerData: job, transferList });
}

/**
 * Computes accessibility for `job` in a new worker thread.
 *
 * @throws AccessCancelled when `signal` aborts; the worker's AppError (e.g. `graph_file_invalid`)
 *   when it failed with one; AppError `internal_error` otherwise.
 */
export function runAccessWorker(job: WorkerJob, opts: WorkerRunOptions = {}): Promise<WorkerResult> {
  if (opts.signal?.aborted) return Promise.reject(new AccessCancelled());
  const transfer = [job.input.pointLat.buffer, job.input.pointLon.buffer];
  for (const g of job.input.groups) transfer.push(g.lat.buffer, g.lon.buffer);
  return new Promise<WorkerResult>((resolve, reject) => {
    let settled = false;
    const worker = startWorker(job, transfer as ArrayBuffer[]);
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      finish(() => reject(new AccessCancelled()));
      void worker.terminate();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') opts.onProgress?.(m.phase, m.done, m.total);
      else if (m.type === 'done') finish(() => resolve({ graphVersion: m.graphVersion, output: m.output }));
      else
        finish(() =>
          reject(
            m.id
              ? new AppError(m.id, m.status ?? 500, m.message)
              : new AppError(ErrorIds.internal, 500, `Accessibility computation failed: ${m.message}`),
          ),
        );
    });
    worker.on('error', (err) =>
      finish(() =>
        reject(new AppError(ErrorIds.internal, 500, `Accessibility worker failed: ${err.message}`)),
      ),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(new AppError(ErrorIds.internal, 500, `Accessibility worker stopped (exit code ${code})`)),
      ),
    );
  });
}
