// A clock-sync client over any channel that sends and receives stateless strings (the room's
// Hocuspocus provider in the browser, a test or bench provider in Node). It pings on the
// estimator's schedule and feeds every answer into it. Timers and the local clock are passed
// in, so it stays free of DOM and Node APIs.
import { ClockEstimator, type ClockEstimatorOptions } from './estimator.ts';
import { encodePing, parsePong } from './protocol.ts';

export interface ClockChannel {
  send(payload: string): void;
  /** Calls `listener` with each stateless payload received; returns how to stop. */
  listen(listener: (payload: string) => void): () => void;
}

export interface ClockSyncOptions extends ClockEstimatorOptions {
  /** The local clock (ms), monotonic: performance.timeOrigin + performance.now() in a browser. */
  now: () => number;
  /** Called after each accepted sample. */
  onSample?: () => void;
}

export class ClockSync {
  readonly estimator: ClockEstimator;
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly stopListening: () => void;
  private stopped = false;

  constructor(
    private readonly channel: ClockChannel,
    private readonly options: ClockSyncOptions,
  ) {
    this.estimator = new ClockEstimator(options);
    this.stopListening = channel.listen((payload) => this.receive(payload));
  }

  /** Starts (or restarts, after a reconnect) the pings; samples from before are dropped. */
  start(): void {
    this.estimator.reset();
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopListening();
  }

  /** The shared clock now. */
  sharedNow(): number {
    return this.estimator.toShared(this.options.now());
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ping();
      this.schedule(this.estimator.nextDelayMs());
    }, delayMs);
  }

  private ping(): void {
    try {
      this.channel.send(encodePing(this.nextId++, this.options.now()));
    } catch {
      // Not connected right now: the next ping tries again.
    }
  }

  private receive(payload: string): void {
    const t3 = this.options.now();
    const pong = parsePong(payload);
    if (!pong || pong.id >= this.nextId) return;
    if (this.estimator.add({ t0: pong.t0, t1: pong.t1, t2: pong.t2, t3 })) this.options.onSample?.();
  }
}
