// Long exports run as jobs: the procedure starts one and returns its id at once, the client
// polls its progress, then downloads the file from GET /api/exports/:jobId. Jobs live in this
// process's memory (the single-process deployment) and are forgotten a while after they end.
import { randomBytes } from 'node:crypto';

export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export type JobState = 'running' | 'done' | 'failed';

export interface JobStatus {
  state: JobState;
  /** 0…1 */
  progress: number;
  /** What is being done now, for the progress bar's label. */
  step: string;
  /** For failed jobs: a message a person can act on. */
  error: string | null;
  fileName: string | null;
}

interface Job extends JobStatus {
  ownerId: string;
  file: ExportFile | null;
  endedAt: number | null;
}

/** Reports progress from inside a job; awaiting it lets other requests run between pages. */
export type Progress = (fraction: number, step: string) => Promise<void>;

const KEEP_MS = 10 * 60_000;
const MAX_RUNNING_PER_USER = 2;

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts `work` for `ownerId`; failures become the job's error (message only, never a stack). */
  start(ownerId: string, work: (progress: Progress) => Promise<ExportFile>, describeError: (err: unknown) => string): string {
    this.sweep();
    const running = [...this.jobs.values()].filter((j) => j.ownerId === ownerId && j.state === 'running').length;
    if (running >= MAX_RUNNING_PER_USER) throw new TooManyJobsError();
    const id = randomBytes(16).toString('base64url');
    const job: Job = { ownerId, state: 'running', progress: 0, step: 'Starting', error: null, fileName: null, file: null, endedAt: null };
    this.jobs.set(id, job);
    const progress: Progress = (fraction, step) => {
      job.progress = Math.min(1, Math.max(0, fraction));
      job.step = step;
      return new Promise((resolve) => setImmediate(resolve));
    };
    void work(progress).then(
      (file) => Object.assign(job, { state: 'done', progress: 1, step: 'Ready', file, fileName: file.fileName, endedAt: this.now() }),
      (err: unknown) => Object.assign(job, { state: 'failed', step: 'Failed', error: describeError(err), endedAt: this.now() }),
    );
    return id;
  }

  /** A job's status for its owner; null for unknown, expired or someone else's jobs. */
  status(id: string, ownerId: string): JobStatus | null {
    const job = this.owned(id, ownerId);
    if (!job) return null;
    const { state, progress, step, error, fileName } = job;
    return { state, progress, step, error, fileName };
  }

  file(id: string, ownerId: string): ExportFile | null {
    return this.owned(id, ownerId)?.file ?? null;
  }

  private owned(id: string, ownerId: string): Job | null {
    this.sweep();
    const job = this.jobs.get(id);
    return job && job.ownerId === ownerId ? job : null;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, job] of this.jobs) if (job.endedAt !== null && now - job.endedAt > KEEP_MS) this.jobs.delete(id);
  }
}

export class TooManyJobsError extends Error {
  override name = 'TooManyJobsError';
  constructor() {
    super('You already have exports running; wait for one to finish.');
  }
}

/** This process's export jobs (shared by the tRPC procedures and the download route). */
export const exportJobs = new ExportJobs();
