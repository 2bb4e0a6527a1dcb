// Test support: real catalog modules, offline renders with node-web-audio-api, spectra.
import { readFileSync } from 'node:fs';
import { OfflineAudioContext } from 'node-web-audio-api';
import type { CatalogModule } from '../../src/racks/catalog-types.ts';
import type { SoundCable, SoundModule, SoundRack } from '../../src/audio/types.ts';

const catalog: CatalogModule[] = JSON.parse(
  readFileSync(new URL('../../../db/catalog/modules.json', import.meta.url), 'utf8'),
) as CatalogModule[];

export function catalogModule(id: string): CatalogModule {
  const found = catalog.find((m) => m.id === id);
  if (!found) throw new Error(`no catalog module ${id}`);
  return found;
}

export const allCatalogModules = (): CatalogModule[] => catalog;

export function mod(id: string, catalogId: string, knobs: Record<string, number> = {}): SoundModule {
  return { id, catalog: catalogModule(catalogId), knobs };
}

let cableCount = 0;
export function cable(from: string, to: string): SoundCable {
  const [fm, fj] = from.split('.') as [string, string];
  const [tm, tj] = to.split('.') as [string, string];
  return { id: `c${++cableCount}`, from: { moduleId: fm, jackId: fj }, to: { moduleId: tm, jackId: tj } };
}

export const SAMPLE_RATE = 48_000;

export function offline(seconds: number, channels = 2): OfflineAudioContext {
  return new OfflineAudioContext({ numberOfChannels: channels, length: Math.round(seconds * SAMPLE_RATE), sampleRate: SAMPLE_RATE });
}

export function rack(modules: SoundModule[], cables: SoundCable[]): SoundRack {
  return { modules, cables };
}

/** Frequency (Hz) of the strongest bin, refined by parabolic interpolation. */
export function peakFrequency(samples: Float32Array, sampleRate: number): number {
  const mags = magnitudes(samples);
  let best = 1;
  for (let i = 2; i < mags.length - 1; i++) if (mags[i]! > mags[best]!) best = i;
  const [a, b, c] = [mags[best - 1]!, mags[best]!, mags[best + 1]!].map((m) => Math.log(m + 1e-12)) as [number, number, number];
  const shift = (0.5 * (a - c)) / (a - 2 * b + c);
  const n = (mags.length - 1) * 2;
  return ((best + shift) * sampleRate) / n;
}

/** Magnitude spectrum (Hann window, power-of-two length from the start of `samples`). */
export function magnitudes(samples: Float32Array): Float64Array {
  let n = 1;
  while (n * 2 <= samples.length) n *= 2;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) re[i] = samples[i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
  fft(re, im);
  const out = new Float64Array(n / 2 + 1);
  for (let i = 0; i <= n / 2; i++) out[i] = Math.hypot(re[i]!, im[i]!);
  return out;
}

function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
}

/** RMS of samples[from, to). */
export function rms(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** RMS per window of `windowSeconds`. */
export function envelope(samples: Float32Array, sampleRate: number, windowSeconds: number): number[] {
  const size = Math.round(sampleRate * windowSeconds);
  const out: number[] = [];
  for (let i = 0; i + size <= samples.length; i += size) out.push(rms(samples, i, i + size));
  return out;
}
