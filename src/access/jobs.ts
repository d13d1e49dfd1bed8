/**
 * Accessibility runs executing in this process: each has an AbortController (DELETE /runs/:id
 * and Ctrl+C abort it, which terminates its worker) and a promise that settles when it ends.
 * Runs started by other app instances are cancelled through the run row's `cancel_requested`
 * flag, which the instance executing it polls.
 */

interface Job {
  controller: AbortController;
  done: Promise<void>;
}

const jobs = new Map<number, Job>();

/** Starts `work` for run `id` in the background; its own errors must be handled inside. */
export function launchJob(id: number, work: (signal: AbortSignal) => Promise<void>): void {
  const controller = new AbortController();
  const done = work(controller.signal).finally(() => jobs.delete(id));
  jobs.set(id, { controller, done });
}

/** Aborts run `id` if this process executes it; true when it did. */
export function abortJob(id: number): boolean {
  const job = jobs.get(id);
  if (!job) return false;
  job.controller.abort();
  return true;
}

export function isLocalJob(id: number): boolean {
  return jobs.has(id);
}

/** Resolves when every run executing in this process has ended (tests, shutdown). */
export async function waitForAccessJobs(): Promise<void> {
  while (jobs.size > 0) await Promise.allSettled([...jobs.values()].map((j) => j.done));
}

/** Aborts every local run (server shutdown) and waits for them to end. */
export async function stopAccessJobs(): Promise<void> {
  for (const job of jobs.values()) job.controller.abort();
  await waitForAccessJobs();
}
