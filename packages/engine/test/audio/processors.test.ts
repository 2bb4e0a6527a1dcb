import { describe, expect, it } from 'vitest';
import { createRackSound } from '../../src/index.ts';
import type { SoundRack } from '../../src/index.ts';
import { cable, envelope, mod, offline, rack, rms, SAMPLE_RATE } from './support.ts';

const OUT = () => mod('out', 'intellijel-stereo-line-out-1u', { level: 0.3 });
const A7 = 105;
const CUTOFF = 880;
const cutoffKnob = Math.log(CUTOFF / 20) / Math.log(1000);

async function renderLeft(seconds: number, build: SoundRack, notes: (s: ReturnType<typeof createRackSound>) => void) {
  const ctx = offline(seconds);
  const sound = createRackSound(ctx, build);
  sound.output.connect(ctx.destination);
  notes(sound);
  const buffer = await ctx.startRendering();
  sound.dispose();
  return buffer.getChannelData(0);
}

/** |H(f)| of the Web Audio low-pass biquad (Audio EQ Cookbook, Q given in dB). */
function lowpassGain(f: number, fc: number, qDb: number, rate: number): number {
  const w0 = (2 * Math.PI * fc) / rate;
  const alpha = Math.sin(w0) / (2 * Math.pow(10, qDb / 20));
  const cos = Math.cos(w0);
  const b = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
  const a = [1 + alpha, -2 * cos, 1 - alpha];
  const w = (2 * Math.PI * f) / rate;
  const at = (c: number[]) => {
    const re = c[0]! + c[1]! * Math.cos(-w) + c[2]! * Math.cos(-2 * w);
    const im = c[1]! * Math.sin(-w) + c[2]! * Math.sin(-2 * w);
    return Math.hypot(re, im);
  };
  return at(b) / at(a);
}

describe('filters', () => {
  it('a low-pass at 880 Hz attenuates a sine two octaves above by the biquad response (≈ −24 dB)', async () => {
    const note = (s: ReturnType<typeof createRackSound>) =>
      s.playNote({ target: { moduleId: 'vco', jackId: 'cv1' }, atSeconds: 0, durationSeconds: 1, velocity: 1, pitch: A7 });
    const vco = mod('vco', 'doepfer-a-110-1');
    const direct = await renderLeft(0.6, rack([vco, OUT()], [cable('vco.sine', 'out.l_in')]), note);
    const filtered = await renderLeft(
      0.6,
      rack([vco, mod('vcf', 'doepfer-a-120', { frq: cutoffKnob, res: 0 }), OUT()], [cable('vco.sine', 'vcf.audio_in'), cable('vcf.audio_out', 'out.l_in')]),
      note,
    );
    const start = SAMPLE_RATE * 0.2;
    const measuredDb = 20 * Math.log10(rms(filtered, start) / rms(direct, start));
    const expectedDb = 20 * Math.log10(lowpassGain(3520, CUTOFF, -3.01, SAMPLE_RATE));
    expect(expectedDb).toBeGreaterThan(-27);
    expect(expectedDb).toBeLessThan(-23);
    expect(Math.abs(measuredDb - expectedDb)).toBeLessThan(1);
    // Two octaves below the cutoff passes nearly untouched.
    const low = await renderLeft(
      0.6,
      rack([vco, mod('vcf', 'doepfer-a-120', { frq: cutoffKnob, res: 0 }), OUT()], [cable('vco.sine', 'vcf.audio_in'), cable('vcf.audio_out', 'out.l_in')]),
      (s) => s.playNote({ target: { moduleId: 'vco', jackId: 'cv1' }, atSeconds: 0, durationSeconds: 1, velocity: 1, pitch: A7 - 48 }),
    );
    expect(rms(low, start)).toBeGreaterThan(0.9 * rms(direct, start));
  });
});

const stageKnob = (seconds: number) => Math.log(seconds / 0.001) / Math.log(8000);

describe('VCA with an envelope', () => {
  it('follows the ADSR: silent before the gate, attack, decay to sustain, release', async () => {
    const [attack, decay, sustain, release] = [0.05, 0.2, 0.5, 0.3];
    const on = 0.2;
    const off = 0.8;
    const left = await renderLeft(
      1.6,
      rack(
        [
          mod('vco', 'doepfer-a-110-1'),
          mod('vca', 'doepfer-a-130'),
          mod('env', 'doepfer-a-140', { a: stageKnob(attack), d: stageKnob(decay), s: sustain, r: stageKnob(release) }),
          OUT(),
        ],
        [cable('vco.sine', 'vca.audio_in_1'), cable('env.output', 'vca.cv1'), cable('vca.audio_out', 'out.l_in')],
      ),
      (s) => {
        s.playNote({ target: { moduleId: 'vco', jackId: 'cv1' }, atSeconds: 0, durationSeconds: 2, velocity: 1, pitch: 69 });
        s.playNote({ target: { moduleId: 'env', jackId: 'gate' }, atSeconds: on, durationSeconds: off - on, velocity: 1, pitch: 69 });
      },
    );
    const window = 0.01;
    const measured = envelope(left, SAMPLE_RATE, window);
    const env = (t: number) => {
      if (t < on) return 0;
      if (t < on + attack) return 1.2 * (1 - Math.exp((-(t - on) * Math.log(6)) / attack));
      const held = t < off ? t : off;
      const level = sustain + (1 - sustain) * Math.exp(-(held - on - attack) / (decay / 4));
      return t < off ? level : level * Math.exp(-(t - off) / (release / 4));
    };
    // A sine of amplitude 0.18 (the output's 2 × 0.3² gain) shaped by the envelope, as RMS per window.
    const fullScale = 0.18 / Math.SQRT2;
    const expected = measured.map((_, i) => {
      let sum = 0;
      for (let k = 0; k < 480; k++) sum += env((i * 480 + k) / SAMPLE_RATE) ** 2;
      return fullScale * Math.sqrt(sum / 480);
    });
    for (let i = 0; i < measured.length; i++) {
      expect(Math.abs(measured[i]! - expected[i]!) / fullScale, `window at ${(i * window).toFixed(2)} s`).toBeLessThan(0.05);
    }
    // Sustain holds at half the peak in the middle of the gate.
    expect(measured[Math.round(0.7 / window)]! / fullScale).toBeCloseTo(sustain, 1);
  });
});

describe('clock divider', () => {
  it('÷2 opens a VCA on every other clock from the sequencer', async () => {
    const step = 0.125;
    const left = await renderLeft(
      1.1,
      rack(
        [mod('vco', 'doepfer-a-110-1'), mod('div', 'doepfer-a-160'), mod('vca', 'doepfer-a-130'), OUT()],
        [cable('vco.sine', 'vca.audio_in_1'), cable('div.2', 'vca.cv1'), cable('vca.audio_out', 'out.l_in')],
      ),
      (s) => {
        for (let i = 0; i < 8; i++) {
          s.playNote({ target: { moduleId: 'div', jackId: 'trig_in' }, atSeconds: 0.05 + i * step, durationSeconds: 0.06, velocity: 1, pitch: 60 });
        }
      },
    );
    const opened = Array.from({ length: 8 }, (_, i) => {
      const from = Math.round((0.05 + i * step + 0.01) * SAMPLE_RATE);
      return rms(left, from, from + Math.round(0.04 * SAMPLE_RATE)) > 0.05;
    });
    expect(opened).toEqual([true, false, true, false, true, false, true, false]);
  });
});

describe('live patch edits', () => {
  it('update() while rendering changes knobs and cables without a click or a restart', async () => {
    const ctx = offline(1);
    const modules = (gain: number) => [mod('vco', 'doepfer-a-110-1'), mod('vca', 'doepfer-a-130', { gain }), mod('lfo', 'doepfer-a-146'), OUT()];
    const before = rack(modules(0.9), [cable('vco.sine', 'vca.audio_in_1'), cable('vca.audio_out', 'out.l_in')]);
    const after = rack(modules(0.5), [cable('vco.triangle', 'vca.audio_in_1'), cable('vca.audio_out', 'out.l_in'), cable('lfo.tri', 'vco.cv2')]);
    const sound = createRackSound(ctx, before);
    sound.output.connect(ctx.destination);
    // Suspend on a render-quantum boundary (128 frames), as node-web-audio-api requires.
    const editAt = (192 * 128) / SAMPLE_RATE;
    const edited = ctx.suspend(editAt).then(() => {
      sound.update(after);
      return ctx.resume();
    });
    // Let the suspension register before rendering starts (it is set up asynchronously).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const buffer = await ctx.startRendering();
    await edited;
    const left = buffer.getChannelData(0);
    const maxStep = (from: number, to: number) => {
      let m = 0;
      for (let i = from + 1; i < to; i++) m = Math.max(m, Math.abs(left[i]! - left[i - 1]!));
      return m;
    };
    const edit = Math.round(editAt * SAMPLE_RATE);
    const steady = maxStep(SAMPLE_RATE * 0.1, edit);
    const around = maxStep(edit - 64, edit + SAMPLE_RATE * 0.1);
    expect(steady).toBeGreaterThan(0.001);
    // A click is a sample-to-sample jump far above what the waveform itself does.
    expect(around).toBeLessThan(1.2 * steady);
    // The edit took effect: quieter after (0.5² vs 0.9² gain).
    expect(rms(left, SAMPLE_RATE * 0.7, SAMPLE_RATE)).toBeLessThan(0.6 * rms(left, SAMPLE_RATE * 0.2, edit));
    sound.dispose();
  });
});
