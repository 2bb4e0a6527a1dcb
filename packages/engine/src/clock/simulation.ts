// A seeded simulation of clock sync over a jittery network, for the estimator's tests and the
// clock-sync bench: a client clock that is off by `offsetMs` and runs `driftPpm` fast pings a
// server; every ping and pong is delayed by `baseDelayMs` plus a uniform 0–`jitterMs`.
import { rng } from '../generation/random.ts';
import { ClockEstimator, type ClockEstimatorOptions } from './estimator.ts';

export interface ClockSimulation {
  seed: string;
  jitterMs: number;
  driftPpm: number;
  /** Local − server at time 0 (ms). */
  offsetMs?: number;
  baseDelayMs?: number;
  /** How long the server takes to answer (ms). */
  serverMs?: number;
  /** Simulated time (ms). */
  durationMs: number;
  /** Errors are measured from this time on (ms), after the first sync. */
  warmUpMs?: number;
  estimator?: ClockEstimatorOptions;
}

/**
 * The estimate's absolute error (ms) of the shared clock, checked every 100 ms of simulated
 * time between pings (when the scheduler would read it).
 */
export function simulateClockSync(sim: ClockSimulation): number[] {
  const random = rng(sim.seed);
  const drift = sim.driftPpm / 1e6;
  const offset = sim.offsetMs ?? 12_345.678;
  const base = sim.baseDelayMs ?? 0.2;
  const serverMs = sim.serverMs ?? 0.05;
  const warmUp = sim.warmUpMs ?? 5_000;
  // True time t (ms) is the server's clock; the client's reads offset + t × (1 + drift).
  const local = (t: number) => offset + t * (1 + drift);
  const delay = () => base + random.float(0, sim.jitterMs);
  const estimator = new ClockEstimator(sim.estimator);
  const errors: number[] = [];
  let nextCheck = warmUp;
  let t = 0;
  while (t < sim.durationMs) {
    const t1 = t + delay();
    const t2 = t1 + serverMs;
    const arrived = t2 + delay();
    estimator.add({ t0: local(t), t1, t2, t3: local(arrived) });
    const next = arrived + estimator.nextDelayMs();
    for (; nextCheck < next && nextCheck < sim.durationMs; nextCheck += 100) {
      if (nextCheck >= arrived) errors.push(Math.abs(estimator.toShared(local(nextCheck)) - nextCheck));
    }
    t = next;
  }
  return errors;
}

/** The q-quantile (0–1) of the values (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
