// Time-based effects: delays, reverbs and granular processors (played as a diffuse wash).
import { glide, type When } from '../ports.ts';
import { clamp, expMap, isGateSignal } from '../units.ts';
import type { Voice } from '../voice.ts';

function dryWet(v: Voice) {
  const input = v.own(v.ctx.createGain());
  const dry = v.own(v.ctx.createGain());
  const wet = v.own(v.ctx.createGain());
  const out = v.own(v.ctx.createGain());
  input.connect(dry).connect(out);
  wet.connect(out);
  const setMix = (mix: number, at: When) => {
    // Equal-power crossfade.
    glide(dry.gain, Math.cos((mix * Math.PI) / 2), at);
    glide(wet.gain, Math.sin((mix * Math.PI) / 2), at);
  };
  return { input, wet, out, setMix };
}

const MIX = /^(mix|dry_wet|blend)/;

/**
 * Delays: audio inputs summed into one delay line (10 ms–2 s, exponential), feedback up to 0.95,
 * equal-power mix; CV on a time input adds up to 0.5 s per unit, on a feedback input 0.5 per unit.
 * Time changes glide (a tape-like pitch bend, not a click).
 */
export function buildDelay(v: Voice): void {
  const ctx = v.ctx;
  const { input, wet, out, setMix } = dryWet(v);
  const line = v.own(ctx.createDelay(5));
  const feedback = v.own(ctx.createGain());
  input.connect(line);
  line.connect(feedback).connect(line);
  line.connect(wet);
  for (const jack of v.ins()) {
    if (isGateSignal(jack)) continue;
    const bus = v.input(jack).bus;
    if (jack.signal === 'audio' && !/return/.test(jack.id)) bus.connect(input);
    else if (/time/.test(jack.id)) {
      const amount = v.own(ctx.createGain());
      amount.gain.value = 0.5;
      bus.connect(amount).connect(line.delayTime);
    } else if (/feed|repeats/.test(jack.id)) {
      const amount = v.own(ctx.createGain());
      amount.gain.value = 0.5;
      bus.connect(amount).connect(feedback.gain);
    }
  }
  for (const jack of v.outs((j) => j.signal === 'audio')) v.output(jack, /send|tap/.test(jack.id) ? line : out);
  v.onApply((s) => {
    glide(line.delayTime, expMap(s.knobs.get(/^time/, 0.5), 0.01, 2), s, 0.05);
    glide(feedback.gain, 0.95 * s.knobs.get(/^(feedback|repeats|regen)/, 0.4), s);
    setMix(s.knobs.get(MIX, 0.4), s);
  });
}

/** A seeded stereo impulse response: exponentially decaying noise (−60 dB at `seconds`). */
function impulse(v: Voice, seconds: number): AudioBuffer {
  const rate = v.ctx.sampleRate;
  const length = Math.max(1, Math.round(rate * seconds));
  const buffer = v.ctx.createBuffer(2, length, rate);
  for (let c = 0; c < 2; c++) {
    const data = buffer.getChannelData(c);
    for (let i = 0; i < length; i++) data[i] = (v.random() * 2 - 1) * Math.pow(10, (-3 * i) / length) * 0.25;
  }
  return buffer;
}

/**
 * Reverbs (and granular modules, played as a diffuse wash): a convolver with a seeded noise
 * impulse of 0.3–8 s from the decay/size knob, equal-power mix. A decay change builds a new
 * convolver and crossfades to it over 50 ms.
 */
export function buildReverb(v: Voice, decayPattern: RegExp): void {
  const ctx = v.ctx;
  const { input, wet, out, setMix } = dryWet(v);
  for (const jack of v.ins((j) => j.signal === 'audio')) v.input(jack).bus.connect(input);
  for (const jack of v.outs((j) => j.signal === 'audio')) v.output(jack, out);
  let current: { convolver: ConvolverNode; gain: GainNode; seconds: number } | null = null;
  v.onApply((s) => {
    const seconds = expMap(s.knobs.get(decayPattern, 0.5), 0.3, 8);
    setMix(s.knobs.get(MIX, 0.35), s);
    if (current && Math.abs(Math.log(seconds / current.seconds)) < 0.1) return;
    const convolver = v.own(ctx.createConvolver());
    convolver.normalize = false;
    convolver.buffer = impulse(v, seconds);
    const gain = v.own(ctx.createGain());
    gain.gain.value = current ? 0 : 1;
    input.connect(convolver).connect(gain).connect(wet);
    if (current) {
      glide(gain.gain, 1, s, 0.015);
      glide(current.gain.gain, 0, s, 0.015);
    }
    current = { convolver, gain, seconds: clamp(seconds, 0.3, 8) };
  });
}
