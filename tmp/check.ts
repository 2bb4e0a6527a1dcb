import { eventsInWindow } from '../packages/engine/src/index.ts';
const steps = Array.from({ length: 16 }, (_, i) => ({ on: i % 4 === 0, velocity: 100, probability: 1, microMs: 0, pitch: 60 }));
const p = { id: 'p', swing: 0, length: 16, tracks: [{ id: 't', target: null, steps }] };
const t = { playing: true, bpm: 120, startedAtMs: 1000, pendingTempo: { bpm: 90, atBar: 2 } };
const beats: number[] = [];
for (let f = 0; f < 12000; f += 25) beats.push(...eventsInWindow(p, t, f, f + 25).map((e) => e.beat));
console.log(beats.join(' '));
