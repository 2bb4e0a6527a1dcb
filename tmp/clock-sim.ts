import { simulateClockSync, quantile } from '../packages/engine/src/clock/simulation.ts';
for (const [jitter, drift] of [[0,0],[5,0],[20,0],[20,50],[20,-50],[20,200]]) {
  const all: number[] = [];
  for (let i = 0; i < 10; i++) all.push(...simulateClockSync({ seed: `s${i}`, jitterMs: jitter, driftPpm: drift, durationMs: 180_000 }));
  console.log(jitter, drift, all.length, quantile(all, 0.5).toFixed(3), quantile(all, 0.95).toFixed(3), Math.max(...all).toFixed(3));
}
