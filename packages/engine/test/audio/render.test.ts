import { OfflineAudioContext } from 'node-web-audio-api';
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav, renderPattern } from '../../src/index.ts';
import type { SoundPattern } from '../../src/index.ts';
import { cable, envelope, mod, rack } from './support.ts';

const voice = rack(
  [mod('vco', 'doepfer-a-110-1'), mod('vcf', 'doepfer-a-120', { frq: 0.7 }), mod('vca', 'doepfer-a-130'), mod('env', 'doepfer-a-140', { a: 0, d: 0.3, s: 0.3, r: 0.3 })],
  [cable('vco.saw', 'vcf.audio_in'), cable('vcf.audio_out', 'vca.audio_in_1'), cable('env.output', 'vca.cv1')],
);

function pattern(onSteps: number[]): SoundPattern {
  const steps = Array.from({ length: 16 }, (_, i) => ({ on: onSteps.includes(i), velocity: 110, probability: 1, microMs: 0, pitch: 69 }));
  return { id: 'p1', bpm: 120, swing: 0, length: 16, tracks: [{ id: 't1', target: { moduleId: 'env', jackId: 'gate' }, steps }] };
}

/** Times (s) where the RMS envelope jumps up: onsets. */
function onsets(samples: Float32Array, sampleRate: number): number[] {
  const env = envelope(samples, sampleRate, 0.01);
  const found: number[] = [];
  for (let i = 0; i < env.length; i++) {
    const before = i === 0 ? 0 : env[i - 1]!;
    if (env[i]! > 0.05 && env[i]! > 2 * before + 0.01 && (found.length === 0 || i * 0.01 - found.at(-1)! > 0.1)) found.push(i * 0.01);
  }
  return found;
}

describe('offline render', () => {
  it('plays the pattern through the patch (no output module: the chain end is heard) and survives WAV encoding', async () => {
    const progress: number[] = [];
    const result = await renderPattern({
      rack: voice,
      pattern: pattern([0, 4, 8, 12]),
      bars: 1,
      tailSeconds: 0.5,
      createContext: (o) => new OfflineAudioContext(o),
      onProgress: (f) => progress.push(f),
    });
    expect(result.seconds).toBeCloseTo(2.5, 5);
    const wav = decodeWav(encodeWav(result.channels, result.sampleRate));
    expect(wav.sampleRate).toBe(48_000);
    const found = onsets(wav.channels[0]!, wav.sampleRate);
    // Steps 0, 4, 8, 12 at 120 BPM: every half second.
    expect(found.length).toBe(4);
    found.forEach((t, i) => expect(Math.abs(t - i * 0.5)).toBeLessThan(0.015));
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(3);
  });
});
