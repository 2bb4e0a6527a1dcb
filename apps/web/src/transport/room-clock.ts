// The room's shared clock in this browser: clock pings over the room's socket (Hocuspocus
// stateless messages, answered by the collab), an estimate of how far our clock is from the
// server's, and the mapping from shared-clock times onto the AudioContext's clock.
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { ClockSync, type ClockStatus } from '@patchroom/engine';

declare global {
  interface Window {
    /**
     * Test hook (e2e only): shifts this page's notion of its own clock by this many ms before it
     * is synced, so a test can show that sync, not a shared machine clock, lines clients up.
     */
    __patchroomClockSkewMs?: number;
  }
}

/** This machine's clock (ms since the epoch, monotonic), as the page sees it. */
export function machineNow(): number {
  return performance.timeOrigin + performance.now();
}

function skewMs(): number {
  const skew = typeof window === 'undefined' ? 0 : window.__patchroomClockSkewMs;
  return typeof skew === 'number' && Number.isFinite(skew) ? skew : 0;
}

export interface RoomClock {
  /** The shared clock now (ms). */
  sharedNow(): number;
  /** Shared-clock time of a local (page clock) time, and back. */
  toShared(localMs: number): number;
  toLocal(sharedMs: number): number;
  /** The page's clock (ms, since the epoch): the machine's clock plus the test skew. */
  localNow(): number;
  /** The test skew (0 outside tests). */
  readonly skewMs: number;
  status(): ClockStatus;
  synced(): boolean;
  /** Called after every new sample. Returns how to stop listening. */
  onChange(listener: () => void): () => void;
  dispose(): void;
}

export function createRoomClock(provider: HocuspocusProvider): RoomClock {
  const skew = skewMs();
  const localNow = () => machineNow() + skew;
  const listeners = new Set<() => void>();
  const sync = new ClockSync(
    {
      send: (payload) => provider.sendStateless(payload),
      listen(listener) {
        const onStateless = ({ payload }: { payload: string }) => listener(payload);
        provider.on('stateless', onStateless);
        return () => provider.off('stateless', onStateless);
      },
    },
    { now: localNow, onSample: () => listeners.forEach((l) => l()) },
  );
  // Every (re)connection may reach another collab process: measure afresh.
  const restart = () => sync.start();
  provider.on('authenticated', restart);
  if (provider.isAuthenticated) restart();
  return {
    sharedNow: () => sync.sharedNow(),
    toShared: (localMs) => sync.estimator.toShared(localMs),
    toLocal: (sharedMs) => sync.estimator.toLocal(sharedMs),
    localNow,
    skewMs: skew,
    status: () => sync.estimator.status(),
    synced: () => sync.estimator.synced,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      provider.off('authenticated', restart);
      sync.stop();
      listeners.clear();
    },
  };
}

/**
 * A pairing of the AudioContext's clock with the page's: the context time (s) whose sound
 * leaves the speakers at page time `pageMs`. getOutputTimestamp includes the output latency;
 * without it, the context time now minus the latencies the context reports.
 */
export interface AudioClockPoint {
  contextTime: number;
  /** performance.now() time (ms) at which contextTime is heard. */
  performanceTime: number;
}

export function audioClockPoint(context: AudioContext): AudioClockPoint {
  const stamp = typeof context.getOutputTimestamp === 'function' ? context.getOutputTimestamp() : null;
  if (stamp && stamp.contextTime !== undefined && stamp.performanceTime !== undefined && stamp.performanceTime > 0) {
    return { contextTime: stamp.contextTime, performanceTime: stamp.performanceTime };
  }
  const latency = (context.baseLatency ?? 0) + (context.outputLatency ?? 0);
  return { contextTime: context.currentTime - latency, performanceTime: performance.now() };
}

/** The context time at which a shared-clock time is heard. */
export function contextTimeOf(sharedMs: number, clock: RoomClock, point: AudioClockPoint): number {
  const pageMs = clock.toLocal(sharedMs) - clock.skewMs - performance.timeOrigin;
  return point.contextTime + (pageMs - point.performanceTime) / 1000;
}

/** The machine's clock (ms since the epoch, no test skew) when a context time is heard. */
export function machineTimeOf(contextTime: number, point: AudioClockPoint): number {
  return performance.timeOrigin + point.performanceTime + (contextTime - point.contextTime) * 1000;
}

/** The shared-clock time at which a context time is heard: contextTimeOf backwards. */
export function sharedTimeOf(contextTime: number, clock: RoomClock, point: AudioClockPoint): number {
  return clock.toShared(machineTimeOf(contextTime, point) + clock.skewMs);
}
