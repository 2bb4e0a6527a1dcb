// Offline render of a rack playing a pattern: the same engine as live playback, on an
// OfflineAudioContext the caller provides (node-web-audio-api in the server).
import { patternNotes, BEATS_PER_BAR, STEPS_PER_BEAT, stepSeconds, type SoundPattern } from './pattern-notes.ts';
import { createRackSound } from './rack-sound.ts';
import type { SoundRack } from './types.ts';

export interface RenderInput {
  rack: SoundRack;
  pattern: SoundPattern;
  bars: number;
  sampleRate?: number;
  /** Seconds rendered after the last bar, so releases and echoes ring out. */
  tailSeconds?: number;
  createContext(options: { numberOfChannels: number; length: number; sampleRate: number }): OfflineAudioContext;
  /** 0..1 as the render advances (about every tenth). */
  onProgress?(fraction: number): void;
}

export interface RenderResult {
  sampleRate: number;
  channels: Float32Array[];
  seconds: number;
}

const RENDER_QUANTUM = 128;

export async function renderPattern(input: RenderInput): Promise<RenderResult> {
  const sampleRate = input.sampleRate ?? 48_000;
  const music = input.bars * BEATS_PER_BAR * STEPS_PER_BEAT * stepSeconds(input.pattern.bpm);
  const seconds = music + (input.tailSeconds ?? 1);
  const length = Math.ceil(seconds * sampleRate);
  const ctx = input.createContext({ numberOfChannels: 2, length, sampleRate });
  const sound = createRackSound(ctx, input.rack);
  sound.output.connect(ctx.destination);
  for (const note of patternNotes(input.pattern, input.bars)) sound.playNote(note);
  if (input.onProgress) await watchProgress(ctx, length, sampleRate, input.onProgress);
  const buffer = await ctx.startRendering();
  sound.dispose();
  input.onProgress?.(1);
  return { sampleRate, seconds, channels: [buffer.getChannelData(0), buffer.getChannelData(1)] };
}

/** Suspends the render at tenths (on render-quantum boundaries) to report progress. */
async function watchProgress(ctx: OfflineAudioContext, length: number, sampleRate: number, report: (f: number) => void): Promise<void> {
  for (let i = 1; i < 10; i++) {
    const frame = Math.floor((length * i) / 10 / RENDER_QUANTUM) * RENDER_QUANTUM;
    if (frame <= 0) continue;
    ctx
      .suspend(frame / sampleRate)
      .then(() => {
        report(frame / length);
        return ctx.resume();
      })
      .catch(() => {
        // A missed progress point only makes the bar jump; the render goes on.
      });
  }
  // node-web-audio-api registers suspensions asynchronously: let them land before rendering.
  await new Promise((resolve) => setTimeout(resolve, 20));
}
