// Output modules: what reaches the speakers. Left inputs feed the left channel, right inputs the
// right one; an unpatched right input takes the left signal (normalled, as on the hardware).
import { glide } from '../ports.ts';
import { levelCurve } from '../units.ts';
import type { Voice } from '../voice.ts';

const RIGHT = /(^|_)r(_|$)|right/;

export function buildOutput(v: Voice): void {
  const ctx = v.ctx;
  const merger = v.own(ctx.createChannelMerger(2));
  const level = v.own(ctx.createGain());
  const left = v.own(ctx.createGain());
  const right = v.own(ctx.createGain());
  const normal = v.own(ctx.createGain());
  left.connect(merger, 0, 0);
  right.connect(merger, 0, 1);
  left.connect(normal).connect(right);
  merger.connect(level);
  const rightJacks = v.ins((j) => j.signal === 'audio' && RIGHT.test(j.id));
  for (const jack of v.ins((j) => j.signal === 'audio')) {
    const bus = v.input(jack).bus;
    if (rightJacks.includes(jack)) bus.connect(right);
    else bus.connect(left);
  }
  for (const jack of v.outs((j) => j.signal === 'audio')) v.output(jack, level);
  v.monitor = level;
  v.onApply((s) => {
    const rightPatched = rightJacks.some((j) => s.patched.has(j.id));
    glide(normal.gain, rightPatched ? 0 : 1, s);
    // Twice the squared knob: the default 0.7 is unity gain.
    glide(level.gain, 2 * levelCurve(s.knobs.get(/^(level|vol|volume|line_vol|gain|lev)/, 0.7)), s);
  });
}
