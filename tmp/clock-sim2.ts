import { simulateClockSync, quantile } from '../packages/engine/src/clock/simulation.ts';
const e = simulateClockSync({ seed: `s1`, jitterMs: 20, driftPpm: 0, durationMs: 180_000 });
for (let i = 0; i < e.length; i += 50) console.log(i, e.slice(i, i+50).map(x=>x.toFixed(1)).join(' ').slice(0,150));
