import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RejectionMetric } from '../transport/close-reasons.ts';

/** Content type of `metricsText()` (Prometheus text exposition format). */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export interface MetricSources {
  rooms(): number;
  connections(): number;
  unfoldedUpdates(): number;
  queuedUpdates(): number;
  /** Rows in the durable log (anyone's) of the rooms open here; rejects while the database is away. */
  loggedUpdatesOfOpenRooms(): Promise<number>;
}

/**
 * The collab's Prometheus metrics, in a registry of its own: several collabs in one process
 * (tests, benches) never share counters, and the api can serve them next to its own.
 */
export class CollabMetrics {
  readonly registry = new Registry();
  readonly appendedUpdates: Counter;
  readonly appendLatency: Histogram;
  readonly batchSize: Histogram;
  readonly appendFailures: Counter;
  readonly rejectedMessages: Counter<'reason'>;
  readonly refusedJoins: Counter<'reason'>;
  readonly compactions: Counter<'outcome'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('patchroom_collab_rooms_open', 'Rack rooms loaded in this process.', sources.rooms);
    gauge('patchroom_collab_connections', 'Open collab WebSockets.', sources.connections);
    gauge(
      'patchroom_collab_log_unfolded_updates',
      'Updates this process logged that no snapshot has folded yet.',
      sources.unfoldedUpdates,
    );
    gauge('patchroom_collab_append_queue', 'Updates waiting for their commit to the log.', sources.queuedUpdates);
    new Gauge({
      name: 'patchroom_collab_log_length',
      help: 'Logged updates of the rooms open in this process not yet folded into a snapshot (appended by any process); NaN while the database is unreachable.',
      registers,
      async collect() {
        this.set(await sources.loggedUpdatesOfOpenRooms().catch(() => Number.NaN));
      },
    });
    this.appendedUpdates = new Counter({
      name: 'patchroom_collab_updates_appended_total',
      help: 'Updates committed to the durable log.',
      registers,
    });
    this.appendLatency = new Histogram({
      name: 'patchroom_collab_append_latency_seconds',
      help: 'From an update queued for the log to its commit.',
      buckets: [0.0005, 0.001, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'patchroom_collab_append_batch_size',
      help: 'Updates per group commit.',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    });
    this.appendFailures = new Counter({
      name: 'patchroom_collab_append_failures_total',
      help: 'Group commits that failed (and were retried).',
      registers,
    });
    this.rejectedMessages = new Counter({
      name: 'patchroom_collab_rejected_messages_total',
      help: 'Client messages refused and connections closed by the server, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.refusedJoins = new Counter({
      name: 'patchroom_collab_refused_joins_total',
      help: 'Room joins refused, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.compactions = new Counter({
      name: 'patchroom_collab_compactions_total',
      help: 'Snapshots written (log folded), by outcome.',
      labelNames: ['outcome'],
      registers,
    });
  }

  rejected(reason: RejectionMetric): void {
    this.rejectedMessages.inc({ reason });
  }

  committed(size: number, latenciesMs: number[]): void {
    this.appendedUpdates.inc(size);
    this.batchSize.observe(size);
    for (const ms of latenciesMs) this.appendLatency.observe(ms / 1000);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
