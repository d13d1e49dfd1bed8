/** Messages between ./run-worker.ts and ./worker.ts. */
import type { ErrorId } from '../errors.js';
import type { AccessComputeInput, AccessComputeOutput } from './compute.js';

/** What the worker is started with (`workerData`; the input arrays are transferred). */
export interface WorkerJob {
  graphFile: string;
  input: AccessComputeInput;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; graphVersion: string; output: AccessComputeOutput }
  | { type: 'error'; message: string; id?: ErrorId; status?: number; stack?: string };
