// Units and knob curves. Signals on cables are plain numbers: audio ±1 (a 10 Vpp signal), CV in
// "full scale" units (an envelope spans 0..1, an LFO ±1), pitch in volts at 1 V/oct
// (0 V = C4 = MIDI 60). Knobs are read as 0..1 of their catalog range, then mapped to musical
// ranges (exponential for times and frequencies, squared for levels).
import type { CatalogModule, Control, Jack } from '../racks/catalog-types.ts';

export const C4_HZ = 261.6256;
/** Time constant of parameter glides on knob moves and cable changes: fast but click-free. */
export const GLIDE_SECONDS = 0.01;

export const midiToVolts = (note: number) => (note - 60) / 12;
export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** lo..hi exponentially for v in 0..1. */
export const expMap = (v: number, lo: number, hi: number) => lo * Math.pow(hi / lo, clamp(v, 0, 1));
/** Audio taper for level knobs. */
export const levelCurve = (v: number) => clamp(v, 0, 1) ** 2;

/**
 * A channel of a multi-channel panel: `out_1`, `cv1`, `gate_in_b` → "1" / "b"; `ch2_signal_in`,
 * `vco_a_sine` → "2" / "a"; '' for jacks and controls shared by all channels.
 */
export function channelOf(id: string): string {
  const prefix = /^(?:ch|vco_|track_)([0-9a-d])_/.exec(id);
  if (prefix) return prefix[1]!;
  const suffix = /(?:_|[a-z])([0-9]|[a-d](?=$)(?<=_[a-d]))$/.exec(id);
  return suffix ? suffix[1]! : '';
}

export function jacksOf(module: CatalogModule, dir: 'in' | 'out', test?: (jack: Jack) => boolean): Jack[] {
  return module.jacks.filter((j) => j.dir === dir && (!test || test(j)));
}

export const isGateSignal = (jack: Jack) => jack.signal === 'gate' || jack.signal === 'trigger' || jack.signal === 'clock';

/** Reads knobs of one module by name, as 0..1 of the control's range. */
export class KnobReader {
  constructor(
    private readonly module: CatalogModule,
    private readonly values: Readonly<Record<string, number>>,
  ) {}

  /** The first control whose id matches, preferring the given channel; null when none does. */
  find(pattern: RegExp, channel = ''): Control | null {
    const matches = this.module.controls.filter((c) => pattern.test(c.id));
    return (
      matches.find((c) => channel !== '' && channelOf(c.id) === channel) ??
      matches.find((c) => channelOf(c.id) === '') ??
      (channel === '' ? (matches[0] ?? null) : null)
    );
  }

  /** 0..1 position of the first matching control, or `fallback` when the panel has none. */
  get(pattern: RegExp, fallback: number, channel = ''): number {
    const control = this.find(pattern, channel);
    if (!control) return fallback;
    const raw = this.values[control.id] ?? control.default;
    const span = control.max - control.min;
    return span > 0 ? clamp((raw - control.min) / span, 0, 1) : fallback;
  }

  /** Raw value (a switch position) of the first matching control. */
  raw(pattern: RegExp, fallback: number, channel = ''): number {
    const control = this.find(pattern, channel);
    if (!control) return fallback;
    return this.values[control.id] ?? control.default;
  }
}

/** A small deterministic generator (mulberry32) for noise buffers and random voltages. */
export function seededRandom(seedText: string): () => number {
  let h = 1779033703 ^ seedText.length;
  for (let i = 0; i < seedText.length; i++) {
    h = Math.imul(h ^ seedText.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
