import { describe, expect, it } from 'vitest';
import { ClockEstimator, quantile, simulateClockSync } from '../src/index.ts';

describe('clock estimator', () => {
  it('finds the offset exactly from one sample of a symmetric, instant network', () => {
    const clock = new ClockEstimator();
    // The server reads 500 ms more than us; 4 ms each way.
    expect(clock.add({ t0: 1_000, t1: 1_504, t2: 1_505, t3: 1_009 })).toBe(true);
    expect(clock.offsetAt(1_009)).toBe(500);
    expect(clock.toShared(2_000)).toBe(2_500);
    expect(clock.toLocal(2_500)).toBe(2_000);
    expect(clock.status()).toMatchObject({ samples: 1, bestRttMs: 8, uncertaintyMs: 4 });
  });

  it('rejects impossible samples and round-trip outliers', () => {
    const clock = new ClockEstimator();
    expect(clock.add({ t0: 10, t1: 5, t2: 4, t3: 12 })).toBe(false); // answered before asked
    expect(clock.add({ t0: 10, t1: 5, t2: 9, t3: 12 })).toBe(false); // negative round trip
    expect(clock.add({ t0: Number.NaN, t1: 5, t2: 5, t3: 12 })).toBe(false);
    for (let i = 0; i < 6; i++) expect(clock.add({ t0: i * 100, t1: i * 100 + 1, t2: i * 100 + 1, t3: i * 100 + 2 })).toBe(true);
    // A stalled answer (100× the usual round trip) would say the offset is ~50 ms.
    expect(clock.add({ t0: 1_000, t1: 1_100, t2: 1_100, t3: 1_200 })).toBe(false);
    expect(clock.offsetAt(1_200)).toBeCloseTo(0, 6);
    expect(clock.status().samples).toBe(6);
  });

  it('pings quickly at first, then re-measures periodically', () => {
    const clock = new ClockEstimator({ burstCount: 3, burstIntervalMs: 50, intervalMs: 700 });
    const delays = [];
    for (let i = 0; i < 5; i++) {
      delays.push(clock.nextDelayMs());
      clock.add({ t0: i, t1: i, t2: i, t3: i + 1 });
    }
    expect(delays).toEqual([50, 50, 50, 700, 700]);
  });

  it('follows a drifting clock', () => {
    // 100 ppm fast, a clean network: after two minutes the offset has moved 12 ms.
    const errors = simulateClockSync({ seed: 'drift', jitterMs: 0.5, driftPpm: 100, durationMs: 120_000 });
    expect(quantile(errors.slice(-100), 1)).toBeLessThan(0.3);
  });

  // The design's bar: the offset within 1 ms at p95 under 0–20 ms of jitter, with drift.
  for (const driftPpm of [0, 50, -50]) {
    it(`estimates the offset within 1 ms (p95) under 0–20 ms jitter and ${driftPpm} ppm drift`, () => {
      const errors: number[] = [];
      for (const jitterMs of [0, 5, 10, 20]) {
        for (let run = 0; run < 3; run++) {
          errors.push(...simulateClockSync({ seed: `jitter-${jitterMs}-${run}`, jitterMs, driftPpm, durationMs: 180_000 }));
        }
      }
      expect(errors.length).toBeGreaterThan(15_000);
      expect(quantile(errors, 0.95)).toBeLessThanOrEqual(1);
    });
  }
});
