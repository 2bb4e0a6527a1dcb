import type { Database } from '@patchroom/db';
import type { Logger } from 'pino';

// The durable log of every room: `document_updates`, appended with group commit. Appends from
// all rooms queue here and are written as multi-row INSERTs (one statement, one transaction,
// one commit per batch). By default one batch is written at a time and the next one gathers
// meanwhile (classic group commit); a few may be in flight at once, on separate connections. A batch that fails (database down) is retried with backoff
// until it commits: callers simply wait, nothing is dropped. Batches settle in the order they
// were formed, whatever order they commit in: once an append has resolved, every earlier one
// has too.

export interface UpdateLogOptions {
  /** Rows per INSERT (2 parameters each; PostgreSQL allows 65,535 parameters). */
  maxBatch?: number;
  /** Batches written at the same time (each holds a pool connection while it commits). */
  concurrentBatches?: number;
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
// One batch at a time measured best here (PostgreSQL on one disk): concurrent commits each wait
// for their own WAL flush, so acknowledgements came 2–4 ms later at 2,000 updates/s with three
// in flight, and throughput did not rise (the collab's CPU is the limit). A database far away on
// the network, where a commit is mostly round trip, may do better with a few in flight.
const DEFAULT_CONCURRENT_BATCHES = 1;
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

interface Batch {
  entries: Pending[];
  /** Null while being written; then whether it was committed. */
  committed: boolean | null;
}

export class UpdateLog {
  private queue: Pending[] = [];
  private queuedBytes = 0;
  /** Batches being written, oldest first. */
  private batches: Batch[] = [];
  private closed = false;
  private failingSince: number | null = null;
  private readonly sleepers = new Set<() => void>();
  private idle: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly concurrentBatches: number;
  private readonly maxQueued: number;
  private readonly maxQueuedBytes: number;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly options: UpdateLogOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    this.concurrentBatches = options.concurrentBatches ?? DEFAULT_CONCURRENT_BATCHES;
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  }

  /** Resolves once the update is committed. */
  append(documentName: string, update: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new LogClosedError());
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ documentName, update, queuedAt: performance.now(), resolve, reject });
      this.queuedBytes += update.byteLength;
      this.pump();
    });
  }

  /** Updates waiting for their commit (queued or being written). */
  get length(): number {
    return this.queue.length + this.batches.reduce((sum, batch) => sum + batch.entries.length, 0);
  }

  /** True while appends keep failing: writes must be refused, not queued without bound. */
  get overloaded(): boolean {
    return this.length >= this.maxQueued || this.queuedBytes >= this.maxQueuedBytes;
  }

  /** Resolves true when everything appended so far is committed, false after `timeoutMs`. */
  async flush(timeoutMs: number): Promise<boolean> {
    if (this.length === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => this.idle.push(() => resolve(true))),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return drained;
  }

  /** Refuses new appends; fails whatever is not committed yet (call flush first). */
  close(): void {
    this.closed = true;
    for (const wake of this.sleepers) wake();
    const dropped = this.queue.splice(0);
    this.queuedBytes = 0;
    for (const pending of dropped) pending.reject(new LogClosedError());
    if (dropped.length > 0) this.logger.error({ updates: dropped.length }, 'update log closed with unwritten updates');
  }

  /** Starts batches while there is something queued and a free slot. */
  private pump(): void {
    while (!this.closed && this.queue.length > 0 && this.batches.length < this.concurrentBatches) {
      const batch: Batch = { entries: this.queue.splice(0, this.maxBatch), committed: null };
      this.batches.push(batch);
      void this.writeWithRetry(batch.entries).then((committed) => {
        batch.committed = committed;
        this.settle();
      });
    }
  }

  /** Settles finished batches in the order they were formed, then starts the next ones. */
  private settle(): void {
    while (this.batches[0] && this.batches[0].committed !== null) {
      const batch = this.batches.shift()!;
      for (const pending of batch.entries) this.queuedBytes -= pending.update.byteLength;
      if (batch.committed) {
        this.reportCommitted(batch.entries);
        for (const pending of batch.entries) pending.resolve();
      } else {
        for (const pending of batch.entries) pending.reject(new LogClosedError());
      }
    }
    this.pump();
    if (this.length === 0) for (const resolve of this.idle.splice(0)) resolve();
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
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
