import { rng } from '../packages/engine/src/generation/random.ts';
import { ClockEstimator } from '../packages/engine/src/clock/estimator.ts';
const r = rng('x'); const drift = 50e-6; const local = (t: number) => 1000 + t * (1 + drift);
const est = new ClockEstimator(); let t = 0; const out: string[] = [];
while (t < 120000) { const t1 = t + 0.2 + r.float(0, 20); const t2 = t1 + 0.05; const a = t2 + 0.2 + r.float(0, 20);
  est.add({ t0: local(t), t1, t2, t3: local(a) }); const s = est.status();
  if (Math.round(t / 1000) % 5 === 0) out.push(`${(t/1000).toFixed(0)}:${s.driftPpm.toFixed(0)}/${(est.toShared(local(a)) - a).toFixed(2)}`);
  t = a + est.nextDelayMs(); }
console.log(out.join(' '));
