import { describe, expect, it } from 'vitest';
import { createRackSound } from '../../src/index.ts';
import { cable, mod, offline, peakFrequency, rack, rms, SAMPLE_RATE } from './support.ts';

describe('oscillators', () => {
  it('a VCO driven to A4 by a pitch note peaks at 440 Hz', async () => {
    const ctx = offline(1.5);
    const sound = createRackSound(
      ctx,
      rack([mod('vco', 'doepfer-a-110-1'), mod('out', 'intellijel-stereo-line-out-1u', { level: 0.3 })], [cable('vco.sine', 'out.l_in')]),
    );
    sound.output.connect(ctx.destination);
    sound.playNote({ target: { moduleId: 'vco', jackId: 'cv1' }, atSeconds: 0, durationSeconds: 1, velocity: 1, pitch: 69 });
    const buffer = await ctx.startRendering();
    const left = buffer.getChannelData(0).slice(SAMPLE_RATE / 4);
    const right = buffer.getChannelData(1).slice(SAMPLE_RATE / 4);
    expect(Math.abs(peakFrequency(left, SAMPLE_RATE) - 440)).toBeLessThanOrEqual(1);
    // The right input is unpatched, so it takes the left signal.
    expect(rms(right)).toBeGreaterThan(0.05);
    sound.dispose();
  });
});
