// Signal processors: filters, VCAs, mixers, mults, attenuverters, ring modulators, wavefolders,
// slew limiters and quantizers.
import type { Jack } from '../../racks/catalog-types.ts';
import { connectTo, GateBus, glide, type Gate } from '../ports.ts';
import { channelOf, expMap, isGateSignal } from '../units.ts';
import { channels, outInChannel, inChannel, jackGroups, type Voice } from '../voice.ts';

/** A knob for an input's own attenuator: same id as the jack (`cv2` knob for the `cv2` jack). */
function attenuatorId(v: Voice, jack: Jack): RegExp | null {
  const control = v.catalog.controls.find((c) => c.id === jack.id || c.id === `${jack.id}_atten`);
  return control ? new RegExp(`^${control.id}$`) : null;
}

function filterType(jackId: string): BiquadFilterType {
  if (/hp|high/.test(jackId)) return 'highpass';
  if (/bp|band/.test(jackId)) return 'bandpass';
  if (/notch/.test(jackId)) return 'notch';
  return 'lowpass';
}

/**
 * Filters (12 dB/oct biquads): cutoff knob 20 Hz–20 kHz exponential, resonance knob from a flat
 * Butterworth response to a 24 dB peak;
 * pitch inputs track 1 V/oct, CV inputs sweep 6 octaves per unit (an envelope opens the filter
 * by up to 6 octaves) times their attenuator knob, Q inputs add 10 per unit; the output's name
 * picks the response (hp, bp, notch, low-pass otherwise).
 */
export function buildFilter(v: Voice): void {
  const ctx = v.ctx;
  const chans = channels(v, (j) => j.signal === 'audio');
  for (const channel of chans) {
    const mine = (j: Jack) => inChannel(j, chans, channel);
    const sum = v.own(ctx.createGain());
    const cutoff = v.own(ctx.createGain());
    cutoff.gain.value = 1200;
    const q = v.own(ctx.createGain());
    q.gain.value = 10;
    const attenuators: [GainNode, RegExp][] = [];
    for (const jack of v.ins(mine)) {
      if (isGateSignal(jack)) continue;
      const bus = v.inputOf(jack).bus;
      if (jack.signal === 'audio') bus.connect(sum);
      else if (jack.signal === 'pitch') bus.connect(cutoff);
      else if (/q|res/.test(jack.id)) bus.connect(q);
      else {
        const amount = v.own(ctx.createGain());
        amount.gain.value = 6;
        bus.connect(amount).connect(cutoff);
        const knob = attenuatorId(v, jack);
        if (knob) attenuators.push([amount, knob]);
      }
    }
    const filters: BiquadFilterNode[] = [];
    for (const jack of v.outs((j) => j.signal === 'audio' && outInChannel(j, chans, channel))) {
      const filter = v.own(ctx.createBiquadFilter());
      filter.type = filterType(jack.id);
      sum.connect(filter);
      cutoff.connect(filter.detune);
      q.connect(filter.Q);
      filters.push(filter);
      v.output(jack, filter);
    }
    v.onApply((s) => {
      const hz = expMap(s.knobs.get(/^(frq|freq|cutoff|f_a|frequency|fc)/, 0.5, channel), 20, 20_000);
      const res = s.knobs.get(/^(res|q|resonance|emph|reso)/, 0, channel);
      for (const f of filters) {
        glide(f.frequency, hz, s);
        // Web Audio reads a low/high-pass Q in dB (−3 dB = Butterworth, no peak), others linear.
        glide(f.Q, f.type === 'lowpass' || f.type === 'highpass' ? -3.01 + 27 * res : expMap(res, 0.707, 30), s);
      }
      for (const [amount, knob] of attenuators) glide(amount.gain, 6 * s.knobs.get(knob, 1), s);
    });
  }
}

/**
 * VCAs: with no CV patched a channel passes audio at its gain knob (squared); once a CV is
 * patched the CV alone sets the gain (linear: an envelope 0..1 gives gain 0..1), scaled by the
 * input's attenuator knob when the panel has one.
 */
export function buildVca(v: Voice): void {
  const ctx = v.ctx;
  const chans = channels(v, (j) => j.signal === 'audio');
  for (const channel of chans) {
    const mine = (j: Jack) => inChannel(j, chans, channel);
    const vca = v.own(ctx.createGain());
    const cvJacks: [Jack, GainNode, RegExp | null][] = [];
    for (const jack of v.ins(mine)) {
      const bus = v.inputOf(jack).bus;
      if (jack.signal === 'audio') bus.connect(vca);
      else if (!isGateSignal(jack)) {
        const amount = v.own(ctx.createGain());
        bus.connect(amount).connect(vca.gain);
        cvJacks.push([jack, amount, attenuatorId(v, jack)]);
      }
    }
    for (const jack of v.outs((j) => j.signal === 'audio' && outInChannel(j, chans, channel))) v.output(jack, vca);
    v.onApply((s) => {
      const cvPatched = cvJacks.some(([jack]) => s.patched.has(jack.id));
      const level = s.knobs.get(/^(gain|level|lev|initial)/, 0.8, channel);
      glide(vca.gain, cvPatched ? 0 : level ** 2, s);
      for (const [, amount, knob] of cvJacks) glide(amount.gain, knob ? s.knobs.get(knob, 1) : 1, s);
    });
  }
}

/**
 * Mixers: each signal input through its level knob (linear) into one sum, then the master knob;
 * a CV input of a voltage-controlled mixer (`cv_2`) adds to the level of its channel's inputs.
 */
export function buildMixer(v: Voice): void {
  const ctx = v.ctx;
  const sum = v.own(ctx.createGain());
  const levels: [GainNode, string][] = [];
  const signals = v.ins((j) => j.signal === 'audio' || (j.signal !== 'cv' && !isGateSignal(j)));
  const cvs = v.ins((j) => j.signal === 'cv');
  const vcMixer = cvs.some((cv) => signals.some((s) => channelOf(s.id) !== '' && channelOf(s.id) === channelOf(cv.id)));
  for (const jack of vcMixer ? signals : [...signals, ...cvs]) {
    const level = v.own(ctx.createGain());
    v.input(jack).bus.connect(level).connect(sum);
    levels.push([level, channelOf(jack.id) || String(levels.length + 1)]);
  }
  if (vcMixer) {
    for (const cv of cvs) {
      const bus = v.input(cv).bus;
      for (const [level, channel] of levels) if (channel === channelOf(cv.id)) bus.connect(level.gain);
    }
  }
  for (const jack of v.outs()) v.output(jack, sum);
  v.onApply((s) => {
    for (const [gain, channel] of levels) glide(gain.gain, s.knobs.get(/^(level|in|lev|gain|vol|ch)/, 0.8, channel), s);
    glide(sum.gain, s.knobs.get(/^(out|master|main|mix)$/, 1), s);
  });
}

/** A section's outputs get the sum of its inputs (signal and gate events alike). */
function passSection(v: Voice, ins: Jack[], out: Jack, node: GainNode, bus: GateBus): void {
  for (const jack of ins) {
    const port = v.inputs.get(jack.id) ?? v.input(jack, (gate: Gate) => bus.emit(gate));
    port.bus.connect(node);
  }
  v.outputs.set(out.id, { signal: out.signal, node, gates: bus });
}

/** Mults: every output copies the inputs of its section. */
export function buildMult(v: Voice): void {
  for (const group of jackGroups(v.catalog)) {
    const bus = new GateBus();
    const node = v.own(v.ctx.createGain());
    for (const jack of group.ins) v.input(jack, (gate) => bus.emit(gate)).bus.connect(node);
    for (const out of group.outs) v.outputs.set(out.id, { signal: out.signal, node, gates: bus });
  }
}

/**
 * Attenuverters: a bipolar knob (−1 at its left end, 0 in the middle, +1 at its right end), or an
 * attenuator plus a polarity switch where the panel has them; `inv` outputs are inverted; CV
 * inputs of a section modulate its gain.
 */
export function buildAttenuverter(v: Voice): void {
  jackGroups(v.catalog).forEach((group, index) => {
    const channel = channelOf(group.outs[0]?.id ?? '') || String(index + 1);
    const node = v.own(v.ctx.createGain());
    const bus = new GateBus();
    const [first, ...rest] = group.ins;
    if (first) v.input(first, (gate) => bus.emit(gate)).bus.connect(node);
    for (const jack of rest) connectTo(v.input(jack).bus, jack.signal === 'cv' && /mod|cv/.test(jack.id) ? node.gain : node);
    for (const out of group.outs) {
      if (/inv/.test(out.id)) {
        const inverted = v.own(v.ctx.createGain());
        inverted.gain.value = -1;
        node.connect(inverted);
        v.output(out, inverted);
      } else passSection(v, [], out, node, bus);
    }
    v.onApply((s) => {
      const amount = s.knobs.get(/^(atten|lev|level|gain|amount|att)/, 1, channel);
      const polarity = s.knobs.find(/^polarity/, channel);
      const k = polarity ? amount * (s.knobs.get(/^polarity/, 0, channel) > 0.5 ? -1 : 1) : 2 * amount - 1;
      glide(node.gain, k, s);
    });
  });
}

/** Ring modulators: the section's first audio input times the next input, plus any others. */
export function buildRingMod(v: Voice): void {
  for (const group of jackGroups(v.catalog)) {
    const x = group.ins.findIndex((j) => j.signal === 'audio');
    if (x < 0 || group.outs.length === 0) continue;
    const product = v.own(v.ctx.createGain());
    product.gain.value = 0;
    const sum = v.own(v.ctx.createGain());
    product.connect(sum);
    v.input(group.ins[x]!).bus.connect(product);
    const y = group.ins[x + 1];
    if (y) v.input(y).bus.connect(product.gain);
    for (const jack of group.ins) if (!v.inputs.has(jack.id)) v.input(jack).bus.connect(sum);
    for (const out of group.outs) if (!isGateSignal(out)) v.output(out, sum);
  }
}

function foldCurve(): Float32Array<ArrayBuffer> {
  const curve = new Float32Array(new ArrayBuffer(4 * 4097));
  for (let i = 0; i < curve.length; i++) curve[i] = Math.sin((Math.PI / 2) * ((i / (curve.length - 1)) * 2 - 1) * 4) ;
  return curve;
}

/** Wavefolders: drive (1–8×) into a fixed sine fold: knob moves change the drive, never the curve. */
export function buildWavefolder(v: Voice): void {
  const drive = v.own(v.ctx.createGain());
  const shaper = v.own(v.ctx.createWaveShaper());
  shaper.curve = foldCurve();
  shaper.oversample = '2x';
  const scale = v.own(v.ctx.createGain());
  scale.gain.value = 0.25;
  scale.connect(shaper);
  drive.connect(scale);
  for (const jack of v.ins()) connectTo(v.input(jack).bus, jack.signal === 'audio' ? drive : drive.gain);
  for (const out of v.outs((j) => j.signal === 'audio')) v.output(out, shaper);
  v.onApply((s) => glide(drive.gain, expMap(s.knobs.get(/^(drive|fold|lev|gain|input_level|clipping|a$|l$|plus)/, 0.3), 1, 8), s));
}

/** Slew limiters: a one-pole-like low-pass whose time knob spans 1 ms–5 s. */
export function buildSlew(v: Voice): void {
  jackGroups(v.catalog).forEach((group, index) => {
    const channel = channelOf(group.ins[0]?.id ?? '') || String(index + 1);
    const lag = v.own(v.ctx.createBiquadFilter());
    lag.type = 'lowpass';
    lag.Q.value = 0.5;
    for (const jack of group.ins) v.input(jack).bus.connect(lag);
    for (const out of group.outs) if (!isGateSignal(out)) v.output(out, lag);
    v.onApply((s) => {
      const seconds = expMap(s.knobs.get(/^(time|rise|fall|slew|porta)/, 0.3, channel), 0.001, 5);
      glide(lag.frequency, 1 / (2 * Math.PI * seconds), s);
    });
  });
}

const QUANT_RANGE = 8;

function semitoneCurve(): Float32Array<ArrayBuffer> {
  const points = 2 * QUANT_RANGE * 12 * 16 + 1;
  const curve = new Float32Array(new ArrayBuffer(4 * points));
  for (let i = 0; i < points; i++) {
    const volts = ((i / (points - 1)) * 2 - 1) * QUANT_RANGE;
    curve[i] = Math.round(volts * 12) / 12 / QUANT_RANGE;
  }
  return curve;
}

/** Quantizers: CV rounded to semitones (±8 V) by a staircase wave shaper; triggers pass through. */
export function buildQuantizer(v: Voice): void {
  const curve = semitoneCurve();
  for (const group of jackGroups(v.catalog)) {
    const gateOut = group.outs.find(isGateSignal);
    const gate = gateOut ? v.gateOutput(gateOut) : null;
    const scale = v.own(v.ctx.createGain());
    scale.gain.value = 1 / QUANT_RANGE;
    const shaper = v.own(v.ctx.createWaveShaper());
    shaper.curve = curve;
    const back = v.own(v.ctx.createGain());
    back.gain.value = QUANT_RANGE;
    scale.connect(shaper).connect(back);
    for (const jack of group.ins) {
      if (isGateSignal(jack)) v.input(jack, (g) => gate?.send(g));
      else v.input(jack).bus.connect(/transpose/.test(jack.id) ? back : scale);
    }
    for (const out of group.outs) if (!isGateSignal(out)) v.output(out, back);
  }
}
