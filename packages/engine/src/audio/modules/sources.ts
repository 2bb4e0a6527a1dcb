// Sound sources: oscillators (vco, macro-osc), LFOs and noise.
import type { Jack } from '../../racks/catalog-types.ts';
import { glide, TargetSchedule, type Gate } from '../ports.ts';
import { C4_HZ, expMap, levelCurve } from '../units.ts';
import { channels, outInChannel, inChannel, type Voice, type VoiceState } from '../voice.ts';

const CENTS_PER_VOLT = 1200;

export function waveformOf(jackId: string, fallback: OscillatorType): OscillatorType {
  if (/sin/.test(jackId)) return 'sine';
  if (/tri|zig/.test(jackId)) return 'triangle';
  if (/saw|ramp/.test(jackId)) return 'sawtooth';
  if (/sq|square|pulse|pw|sub/.test(jackId)) return 'square';
  return fallback;
}

/** Octaves set by a stepped range/octave switch, centred on its middle position. */
function rangeOctaves(state: VoiceState, channel: string): number {
  const control = state.knobs.find(/^(range|octave|oct)(_|$)/, channel);
  if (!control || control.max - control.min < 2) return 0;
  const raw = state.knobs.raw(/^(range|octave|oct)(_|$)/, 0, channel);
  return Math.round(raw - (control.max + control.min) / 2);
}

const TUNE = /^(tune|freq|frq|coarse|pitch|frequency|oct|car_freq|vco_a_freq|vco_b_freq|mod_freq)(_|$)/;

/**
 * Oscillators: the tune knob spans ±3 octaves around C4 (its middle), the fine knob ±1 semitone,
 * a range/octave switch shifts octaves; pitch inputs add 1 V/oct, CV inputs 1 octave per unit;
 * each output jack is an oscillator of the waveform its name says (sub: one octave down).
 * Macro oscillators (Plaits & co) sound a sawtooth through a low-pass set by their timbre knob
 * and, once a trigger arrives on their trigger/gate input, strike like a plucked voice.
 */
export function buildOscillator(v: Voice, macro: boolean): void {
  const ctx = v.ctx;
  const chans = channels(v, (j) => j.signal === 'audio');
  for (const channel of chans) {
    const mine = (j: Jack) => inChannel(j, chans, channel);
    const cents = v.own(ctx.createGain());
    cents.gain.value = CENTS_PER_VOLT;
    for (const jack of v.ins((j) => mine(j) && (j.signal === 'pitch' || (j.signal === 'cv' && /expo|fm|cv|mod|oct|semi|xm/.test(j.id) && !/pw|shape|timbre|color|width|filter|level|harmo|morph|fold|angle|index|follow|wave|phase|even|odd|fundamental/.test(j.id))))) {
      v.inputOf(jack).bus.connect(cents);
    }
    const outs = v.outs((j) => j.signal === 'audio' && outInChannel(j, chans, channel));
    const oscillators: OscillatorNode[] = [];
    const filters: BiquadFilterNode[] = [];
    const strike = macro ? v.own(ctx.createGain()) : null;
    for (const jack of outs) {
      const osc = v.own(ctx.createOscillator());
      osc.type = waveformOf(jack.id, 'sawtooth');
      if (/sub/.test(jack.id)) osc.detune.value = -1200;
      cents.connect(osc.detune);
      osc.start();
      oscillators.push(osc);
      let node: AudioNode = osc;
      if (macro) {
        const filter = v.own(ctx.createBiquadFilter());
        filter.type = 'lowpass';
        cents.connect(filter.detune);
        osc.connect(filter);
        filters.push(filter);
        filter.connect(strike!);
        node = strike!;
      }
      v.output(jack, node);
    }
    if (strike) {
      let decay = 0.5;
      let schedule: TargetSchedule | null = null;
      const onGate = (gate: Gate) => {
        // The first strike turns the drone into a plucked voice.
        if (!schedule) {
          strike.gain.setValueAtTime(0, gate.on);
          schedule = new TargetSchedule(strike.gain, 0);
        }
        schedule.target(gate.on, gate.velocity, 0.002);
        schedule.target(gate.on + 0.01, 0, decay / 4);
      };
      for (const jack of v.ins((j) => (j.signal === 'trigger' || j.signal === 'gate') && mine(j))) v.input(jack, onGate);
      v.onApply((s) => {
        decay = expMap(s.knobs.get(/^(decay|damping|contour)/, 0.5, channel), 0.05, 4);
      });
    }
    v.onApply((s) => {
      const tune = s.knobs.get(TUNE, 0.5, channel);
      const fine = s.knobs.get(/^fine/, 0.5, channel);
      const octaves = (tune - 0.5) * 6 + rangeOctaves(s, channel) + (fine - 0.5) / 6;
      const hz = C4_HZ * Math.pow(2, octaves);
      for (const osc of oscillators) glide(osc.frequency, hz, s);
      const timbre = s.knobs.get(/^(timbre|brightness|harmonics|color)/, 0.5, channel);
      for (const f of filters) glide(f.frequency, hz * expMap(timbre, 1, 40), s);
    });
  }
}

/** LFOs: rate knob 0.05–30 Hz (exponential), CV 2 octaves of rate per unit, ±1 outputs. */
export function buildLfo(v: Voice): void {
  const ctx = v.ctx;
  const chans = channels(v, (j) => j.signal !== 'audio');
  for (const channel of chans) {
    const cents = v.own(ctx.createGain());
    cents.gain.value = 2400;
    for (const jack of v.ins((j) => j.signal === 'cv' && inChannel(j, chans, channel))) v.inputOf(jack).bus.connect(cents);
    const oscillators: OscillatorNode[] = [];
    const outs = v.outs((j) => outInChannel(j, chans, channel));
    outs.forEach((jack, index) => {
      const osc = v.own(ctx.createOscillator());
      const phase = /(\d+)deg/.exec(jack.id);
      if (phase) {
        const angle = (Number(phase[1]) * Math.PI) / 180;
        osc.setPeriodicWave(ctx.createPeriodicWave(new Float32Array([0, Math.sin(angle)]), new Float32Array([0, Math.cos(angle)]), { disableNormalization: true }));
      } else {
        osc.type = waveformOf(jack.id, index % 2 === 0 ? 'triangle' : 'sine');
      }
      cents.connect(osc.detune);
      osc.start();
      oscillators.push(osc);
      const out = v.own(ctx.createGain());
      osc.connect(out);
      if (jack.signal === 'gate' || jack.signal === 'clock' || jack.signal === 'trigger') {
        // A unipolar square for gate jacks: 0/1.
        out.gain.value = 0.5;
        const offset = v.own(ctx.createConstantSource(), true);
        offset.offset.value = 0.5;
        offset.connect(out);
      } else if (/inv/.test(jack.id)) out.gain.value = -1;
      v.output(jack, out);
    });
    v.onApply((s) => {
      const rate = expMap(s.knobs.get(/^(rate|freq|frq|speed|frequency|lfo_rate)/, 0.5, channel), 0.05, 30);
      for (const osc of oscillators) glide(osc.frequency, rate, s);
    });
  }
}

const noiseBuffers = new WeakMap<BaseAudioContext, AudioBuffer>();

/** Two seconds of seeded white noise per context, looped by every noise source. */
export function whiteNoise(v: Voice): AudioBufferSourceNode {
  let buffer = noiseBuffers.get(v.ctx);
  if (!buffer) {
    buffer = v.ctx.createBuffer(1, v.ctx.sampleRate * 2, v.ctx.sampleRate);
    const data = buffer.getChannelData(0);
    let a = 0x9e3779b9;
    for (let i = 0; i < data.length; i++) {
      a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
      data[i] = ((a >>> 0) / 4294967296) * 2 - 1;
    }
    noiseBuffers.set(v.ctx, buffer);
  }
  const source = v.own(v.ctx.createBufferSource());
  source.buffer = buffer;
  source.loop = true;
  // Start each source at a different place of the loop so two noises do not correlate.
  source.start(0, v.random() * 2);
  return source;
}

/** x × y of a panel's first two audio inputs (ring modulators inside noise/utility panels). */
export function ringOf(v: Voice, inputs: Jack[]): GainNode {
  const product = v.own(v.ctx.createGain());
  product.gain.value = 0;
  const [x, y] = inputs;
  if (x) v.inputOf(x).bus.connect(product);
  if (y) v.inputOf(y).bus.connect(product.gain);
  return product;
}

/**
 * Noise: white, coloured by filters (pink/red darker, blue brighter), slow random CV outputs;
 * a ring output multiplies the panel's audio inputs.
 */
export function buildNoise(v: Voice): void {
  const ctx = v.ctx;
  const white = whiteNoise(v);
  const level = v.own(ctx.createGain());
  white.connect(level);
  for (const jack of v.outs()) {
    if (/ring/.test(jack.id)) v.output(jack, ringOf(v, v.ins((j) => j.signal === 'audio')));
    else if (jack.signal === 'audio') {
      const colour = /pink|colou?red/.test(jack.id) ? 1800 : /red|brown/.test(jack.id) ? 300 : null;
      if (colour === null && !/blue/.test(jack.id)) {
        v.output(jack, level);
        continue;
      }
      const filter = v.own(ctx.createBiquadFilter());
      filter.type = colour === null ? 'highpass' : 'lowpass';
      filter.frequency.value = colour ?? 3000;
      filter.Q.value = 0.5;
      level.connect(filter);
      v.output(jack, filter);
    } else if (jack.signal === 'cv' && !/lfo/.test(jack.id)) {
      // Slowly wandering random voltage.
      const slow = v.own(ctx.createBiquadFilter());
      slow.type = 'lowpass';
      slow.frequency.value = 3;
      const gain = v.own(ctx.createGain());
      gain.gain.value = 8;
      white.connect(slow).connect(gain);
      v.output(jack, gain);
    }
  }
  v.onApply((s) => glide(level.gain, levelCurve(s.knobs.get(/^(lev|level)/, 0.8)), s));
}
