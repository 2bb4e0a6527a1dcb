import { simulateClockSync, quantile } from '../packages/engine/src/clock/simulation.ts';
const byBucket: number[][] = [];
for (let i = 0; i < 20; i++) { const e = simulateClockSync({ seed: `s${i}`, jitterMs: 20, driftPpm: Number(process.argv[2] ?? 50), estimator: { minDriftSpanMs: Number(process.argv[3] ?? 20000), windowMs: Number(process.argv[4] ?? 120000) }, durationMs: 180_000 });
 e.forEach((x, j) => { const b = Math.floor(j / 100); (byBucket[b] ??= []).push(x); }); }
console.log(byBucket.map((b, i) => `${i*10+5}s:${quantile(b,0.5).toFixed(2)}/${quantile(b,0.95).toFixed(2)}`).join(' '));
