import type { Database } from '@patchroom/db';
import type { Logger } from 'pino';

// The durable log of every room: `document_updates`, appended with group commit. Appends from
// all rooms queue here; one writer turns the queue into one multi-row INSERT (one transaction)
// at a time, and the next batch gathers while the previous one commits. A batch that fails
// (database down) is retried with backoff until it commits: callers simply wait, nothing is
// dropped. Batches commit in order, so once an append has resolved every earlier one has too.

export interface UpdateLogOptions {
  /** Rows per INSERT (2 parameters each; PostgreSQL allows 65,535 parameters). */
  maxBatch?: number;
  /** Past this many queued updates (or bytes) the log is overloaded: callers must refuse writes. */
  maxQueued?: number;
  maxQueuedBytes?: number;
  /** Called after each committed batch, with the rooms it touched and per-update latencies. */
  onCommitted?: (batch: CommittedBatch) => void;
  onFailure?: () => void;
}

export interface CommittedBatch {
  rooms: Map<string, number>;
  size: number;
  latenciesMs: number[];
}

interface Pending {
  documentName: string;
  update: Uint8Array;
  queuedAt: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

const DEFAULT_MAX_BATCH = 1_000;
const DEFAULT_MAX_QUEUED = 20_000;
const DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;
const RETRY_FIRST_MS = 50;
const RETRY_MAX_MS = 2_000;

export class LogClosedError extends Error {
  constructor() {
    super('the update log is closed');
    this.name = 'LogClosedError';
  }
}

export class UpdateLog {
  private queue: Pending[] = [];
  private queuedBytes = 0;
  /** Size of the batch being written. */
  private inFlight = 0;
  private writing: Promise<void> | null = null;
  private closed = false;
  private failingSince: number | null = null;
  private retryTimer: { timer: NodeJS.Timeout; wake: () => void } | null = null;
  private readonly maxBatch: number;
  private readonly maxQueued: number;
  private readonly maxQueuedBytes: number;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly options: UpdateLogOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  }

  /** Resolves once the update is committed. */
  append(documentName: string, update: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new LogClosedError());
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ documentName, update, queuedAt: performance.now(), resolve, reject });
      this.queuedBytes += update.byteLength;
      this.writing ??= this.drain();
    });
  }

  /** Updates waiting for their commit (queued or in the batch being written). */
  get length(): number {
    return this.queue.length + this.inFlight;
  }

  /** True while appends keep failing: writes must be refused, not queued without bound. */
  get overloaded(): boolean {
    return this.length >= this.maxQueued || this.queuedBytes >= this.maxQueuedBytes;
  }

  /** Resolves when everything appended so far is committed, or after `timeoutMs` (returns false). */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.writing) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.writing, new Promise((resolve) => (timer = setTimeout(resolve, remaining)))]);
      clearTimeout(timer);
    }
    return true;
  }

  /** Refuses new appends; fails whatever is still queued (call flush first). */
  close(): void {
    this.closed = true;
    this.retryTimer?.wake();
    const dropped = this.queue.splice(0);
    this.queuedBytes = 0;
    for (const pending of dropped) pending.reject(new LogClosedError());
    if (dropped.length > 0) this.logger.error({ updates: dropped.length }, 'update log closed with unwritten updates');
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue.splice(0, this.maxBatch);
        this.inFlight = batch.length;
        const written = await this.writeWithRetry(batch);
        this.inFlight = 0;
        for (const pending of batch) this.queuedBytes -= pending.update.byteLength;
        if (!written) {
          for (const pending of batch) pending.reject(new LogClosedError());
          continue;
        }
        this.reportCommitted(batch);
        for (const pending of batch) pending.resolve();
      }
    } finally {
      this.inFlight = 0;
      this.writing = null;
    }
  }

  /** Writes the batch, retrying with backoff; false only when the log was closed meanwhile. */
  private async writeWithRetry(batch: Pending[]): Promise<boolean> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.insert(batch);
        if (this.failingSince !== null) {
          this.logger.info(
            { downMs: Date.now() - this.failingSince, attempts: attempt + 1, queued: this.length },
            'update log writes recovered',
          );
          this.failingSince = null;
        }
        return true;
      } catch (error) {
        this.options.onFailure?.();
        if (this.failingSince === null) this.failingSince = Date.now();
        const delay = Math.min(RETRY_FIRST_MS * 2 ** attempt, RETRY_MAX_MS);
        // Every failure is logged while few, then one line every ~10 attempts (~20 s).
        if (attempt < 5 || attempt % 10 === 0) {
          this.logger.error({ err: error, attempt: attempt + 1, retryInMs: delay, queued: this.length }, 'update log write failed; retrying');
        }
        if (this.closed) return false;
        await this.sleep(delay);
        if (this.closed) return false;
      }
    }
  }

  private async insert(batch: Pending[]): Promise<void> {
    const values: string[] = [];
    const params: unknown[] = [];
    for (const { documentName, update } of batch) {
      values.push(`($${params.length + 1}, $${params.length + 2})`);
      params.push(documentName, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    }
    // One statement: atomic on its own, one round trip, one commit for the whole batch.
    await this.db.query(`INSERT INTO document_updates (document_name, update) VALUES ${values.join(', ')}`, params);
  }

  private reportCommitted(batch: Pending[]): void {
    if (!this.options.onCommitted) return;
    const now = performance.now();
    const rooms = new Map<string, number>();
    for (const { documentName } of batch) rooms.set(documentName, (rooms.get(documentName) ?? 0) + 1);
    this.options.onCommitted({ rooms, size: batch.length, latenciesMs: batch.map((pending) => now - pending.queuedAt) });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.retryTimer = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.retryTimer = { timer, wake };
    });
  }
}
