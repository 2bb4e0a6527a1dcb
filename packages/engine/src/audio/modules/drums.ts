// Drum voices: each gate strikes a one-shot synthesis (its nodes start at the gate and stop when
// the sound has died away). The output's or module's name picks the sound: kick, snare, hats,
// clap, rim; anything else is a tuned percussive tone.
import { glide, type Gate } from '../ports.ts';
import { expMap, isGateSignal, levelCurve } from '../units.ts';
import type { Voice } from '../voice.ts';
import { whiteNoise } from './sources.ts';

type DrumKind = 'kick' | 'snare' | 'hat' | 'open-hat' | 'clap' | 'rim' | 'tone';

function kindOf(jackId: string, moduleId: string): DrumKind {
  const name = `${jackId} ${moduleId}`;
  if (/(^|_)oh(_|$)/.test(jackId)) return 'open-hat';
  if (/(^|_)(ch|hh|hat)(_|$)|hats/.test(name)) return 'hat';
  if (/bd|kick|bass/.test(name)) return 'kick';
  if (/sd|snare/.test(name)) return 'snare';
  if (/cp|clap/.test(name)) return 'clap';
  if (/rs|rim/.test(name)) return 'rim';
  return 'tone';
}

const NOISE_WORDS = new Set(['gate', 'in', 'out', 'trig', 'trigger', 'accent', 'bp']);
const tokens = (id: string) => id.split('_').filter((t) => !NOISE_WORDS.has(t));

interface DrumSettings {
  tune: number;
  decay: number;
  tone: number;
}

function strike(v: Voice, kind: DrumKind, gate: Gate, out: AudioNode, pitch: AudioNode, s: DrumSettings): void {
  const ctx = v.ctx;
  const t = gate.on;
  const amp = ctx.createGain();
  amp.connect(out);
  const length = (kind === 'kick' || kind === 'tone' ? 1.5 : kind === 'open-hat' ? 0.8 : 0.4) * s.decay;
  const end = t + length * 5;
  amp.gain.setValueAtTime(0, t);
  amp.gain.linearRampToValueAtTime(gate.velocity, t + 0.001);
  amp.gain.setTargetAtTime(0, t + 0.001, length / 3);
  const tonal = (type: OscillatorType, hz: number, sweep: number) => {
    const osc = ctx.createOscillator();
    osc.type = type;
    osc.frequency.setValueAtTime(hz * sweep, t);
    osc.frequency.exponentialRampToValueAtTime(hz, t + 0.04);
    pitch.connect(osc.detune);
    osc.connect(amp);
    osc.start(t);
    osc.stop(end);
    osc.onended = () => (osc.disconnect(), amp.disconnect());
  };
  const noisy = (type: BiquadFilterType, hz: number, level: number) => {
    const noise = whiteNoise(v);
    const filter = ctx.createBiquadFilter();
    filter.type = type;
    filter.frequency.value = hz;
    const g = ctx.createGain();
    g.gain.value = level;
    noise.connect(filter).connect(g).connect(amp);
    noise.stop(end);
    noise.onended = () => (noise.disconnect(), g.disconnect());
  };
  switch (kind) {
    case 'kick':
      return tonal('sine', expMap(s.tune, 35, 110), 4);
    case 'snare':
      tonal('triangle', expMap(s.tune, 120, 300), 1.5);
      return noisy('highpass', 1500 + 3000 * s.tone, 0.8);
    case 'hat':
    case 'open-hat':
      return noisy('highpass', 7000, 0.9);
    case 'clap':
      amp.gain.setValueAtTime(gate.velocity, t + 0.01);
      amp.gain.setValueAtTime(gate.velocity, t + 0.02);
      return noisy('bandpass', 1200, 2);
    case 'rim':
      tonal('square', 1700, 1);
      return noisy('bandpass', 3000, 0.5);
    default:
      return tonal('triangle', expMap(s.tune, 50, 800), 2);
  }
}

/**
 * Drums: a gate input strikes the outputs that share a name part with it (`gate_in_oh` →
 * `oh_out`, `gate_1` → `out_1`), else all of them. Knobs: tune/pitch, decay, tone, level.
 * Pitch inputs retune the strike at 1 V/oct.
 */
export function buildDrum(v: Voice): void {
  const ctx = v.ctx;
  const pitch = v.own(ctx.createGain());
  pitch.gain.value = 1200;
  for (const jack of v.ins((j) => j.signal === 'pitch')) v.input(jack).bus.connect(pitch);
  const outs = v.outs((j) => j.signal === 'audio').map((jack) => {
    const level = v.own(ctx.createGain());
    v.output(jack, level);
    return { jack, level, kind: kindOf(jack.id, v.catalog.id) };
  });
  let settings: DrumSettings = { tune: 0.5, decay: 1, tone: 0.5 };
  for (const jack of v.ins(isGateSignal)) {
    const mine = tokens(jack.id);
    // Outputs named for no voice (a shared bp_out) sound for every gate.
    const targets = outs.filter((o) => tokens(o.jack.id).length === 0 || tokens(o.jack.id).some((t) => mine.includes(t)));
    const struck = targets.length > 0 ? targets : outs;
    v.input(jack, (gate) => {
      for (const o of struck) strike(v, o.kind, gate, o.level, pitch, settings);
    });
  }
  v.onApply((s) => {
    settings = {
      tune: s.knobs.get(/^(tune|pitch|osc_tune|freq)/, 0.5),
      decay: expMap(s.knobs.get(/^(decay|tone_decay)/, 0.5), 0.2, 5) / 1,
      tone: s.knobs.get(/^(tone|snappy|surface)/, 0.5),
    };
    for (const o of outs) {
      const name = o.jack.id.split('_')[0] ?? '';
      glide(o.level.gain, 2 * levelCurve(s.knobs.get(new RegExp(`^(level_${name}|level|lev)`), 0.7)), s);
    }
  });
}

