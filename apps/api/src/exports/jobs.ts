// Render jobs of this api process: started by a procedure, polled for progress, downloaded over
// plain HTTP when done. Kept in memory for a while after they finish (a file per job would
// outlive restarts, but a render takes seconds: asking again is cheaper than cleaning up).
import { randomBytes } from 'node:crypto';

export type JobStatus = 'rendering' | 'done' | 'failed';

export interface RenderJob {
  id: string;
  rackId: string;
  /** Who asked (user id, or the address of an anonymous visitor of a public rack). */
  owner: string;
  fileName: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  bytes: Uint8Array | null;
  error: string | null;
  finishedAt: number | null;
}

/** Renders at once in this process (each one keeps a core busy for a moment). */
export const MAX_RUNNING_JOBS = 2;
/** A finished file stays downloadable this long… */
export const JOB_TTL_MS = 10 * 60_000;
/** …unless newer ones push it out: 64 bars of WAV is about 23 MB of memory. */
export const MAX_KEPT_JOBS = 20;

const jobs = new Map<string, RenderJob>();

export class JobLimitError extends Error {
  override name = 'JobLimitError';
}

function sweep(now = Date.now()): void {
  for (const [id, job] of jobs) if (job.finishedAt !== null && now - job.finishedAt > JOB_TTL_MS) jobs.delete(id);
  // Map order is creation order: the oldest finished jobs go first.
  const finished = [...jobs.values()].filter((j) => j.finishedAt !== null);
  for (const job of finished.slice(0, Math.max(0, finished.length - MAX_KEPT_JOBS))) jobs.delete(job.id);
}

/** Starts `work` as a job; refuses when the process is busy or the owner already has one running. */
export function startJob(
  input: { rackId: string; owner: string; fileName: string },
  work: (report: (progress: number) => void) => Promise<Uint8Array>,
): RenderJob {
  sweep();
  const running = [...jobs.values()].filter((j) => j.status === 'rendering');
  if (running.some((j) => j.owner === input.owner)) throw new JobLimitError('You already have a render running. Wait for it to finish.');
  if (running.length >= MAX_RUNNING_JOBS) throw new JobLimitError('The server is busy rendering. Try again in a few seconds.');
  const job: RenderJob = {
    id: randomBytes(16).toString('hex'),
    ...input,
    status: 'rendering',
    progress: 0,
    bytes: null,
    error: null,
    finishedAt: null,
  };
  jobs.set(job.id, job);
  work((p) => (job.progress = Math.max(job.progress, Math.min(1, p))))
    .then((bytes) => Object.assign(job, { status: 'done', progress: 1, bytes }))
    .catch(() => Object.assign(job, { status: 'failed', error: 'The render failed.' }))
    .finally(() => (job.finishedAt = Date.now()));
  return job;
}

export function getJob(id: string): RenderJob | null {
  sweep();
  return jobs.get(id) ?? null;
}
