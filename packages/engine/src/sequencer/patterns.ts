// Seeded sequencer patterns: Euclidean drum rhythms, scale-aware bass, lead and arpeggio lines,
// with velocity accents, probability and a little micro-timing, all drawn from the seed.
import { generatePatternName, uniqueNames } from '../generation/names.ts';
import { deriveSeed, rng, type Rng } from '../generation/random.ts';
import type { Provenance } from '../generation/types.ts';
import { euclid } from './euclid.ts';
import { SCALE_NAMES, isScaleName, scaleNotes, type ScaleName } from './scales.ts';

/** Version of the pattern generator's output; bump it whenever a generated pattern changes. */
export const PATTERN_GENERATOR_VERSION = 'patterns@1';
export const MAX_GENERATED_PATTERNS = 1000;

export const PATTERN_LIMITS = {
  tracks: { min: 1, max: 8 },
  steps: { min: 1, max: 64 },
  bpm: { min: 40, max: 300 },
  swing: { min: 0, max: 100 },
  velocity: { min: 0, max: 127 },
  microMs: { min: -50, max: 50 },
} as const;

export interface PatternStep {
  on: boolean;
  /** 0–127. */
  velocity: number;
  /** Chance the step plays, 0–1. */
  probability: number;
  /** Played this many ms early (negative) or late, −50..50. */
  microMs: number;
  /** MIDI note number; a drum track keeps one note (General MIDI drum map). */
  pitch: number;
}

export interface PatternTrack {
  name: string;
  steps: PatternStep[];
}

export interface PatternConfig {
  index: number;
  count: number;
  tracks: number;
  steps: number;
  scale: ScaleName;
  root: number;
}

export interface GeneratedPattern {
  name: string;
  bpm: number;
  swing: number;
  length: number;
  tracks: PatternTrack[];
  provenance: Provenance<PatternConfig>;
}

export interface GeneratePatternsInput {
  seed: string;
  count: number;
  /** 1–8; drawn from the seed per pattern when left out. */
  tracks?: number;
  /** 1–64; drawn from the seed per pattern when left out. */
  steps?: number;
  scale?: ScaleName;
  /** MIDI note of the key's root; drawn from the seed (C2–B2) when left out. */
  root?: number;
}

export interface GeneratePatternsResult {
  generatorVersion: string;
  patterns: GeneratedPattern[];
}

type TrackKind = 'kick' | 'bass' | 'hat' | 'snare' | 'lead' | 'perc' | 'arp' | 'clap';
/** Tracks are added in this order: a pattern of n tracks has the first n. */
const TRACK_ORDER: readonly TrackKind[] = ['kick', 'bass', 'hat', 'snare', 'lead', 'perc', 'arp', 'clap'];
const TRACK_NAMES: Readonly<Record<TrackKind, string>> = {
  kick: 'Kick',
  bass: 'Bass',
  hat: 'Hat',
  snare: 'Snare',
  lead: 'Lead',
  perc: 'Perc',
  arp: 'Arp',
  clap: 'Clap',
};
/** Names of the tracks whose pitch follows the scale (the others are drums on one note). */
export const MELODIC_TRACK_NAMES: readonly string[] = [TRACK_NAMES.bass, TRACK_NAMES.lead, TRACK_NAMES.arp];
const DRUM_NOTES: Readonly<Partial<Record<TrackKind, number>>> = { kick: 36, snare: 38, clap: 39, hat: 42, perc: 37 };

export function generatePatterns(input: GeneratePatternsInput): GeneratePatternsResult {
  checkInput(input);
  const unique = uniqueNames();
  const patterns: GeneratedPattern[] = [];
  for (let index = 0; index < input.count; index++) {
    const patternSeed = deriveSeed(input.seed, 'pattern', index);
    const r = rng(deriveSeed(patternSeed, 'shape'));
    const config: PatternConfig = {
      index,
      count: input.count,
      tracks: input.tracks ?? r.int(2, 5),
      steps: input.steps ?? r.pick([8, 12, 16, 16, 16, 32]),
      scale: input.scale ?? r.pick(SCALE_NAMES),
      root: input.root ?? r.int(36, 47),
    };
    const swing = r.chance(0.5) ? 0 : r.pick([8, 12, 16, 20, 25, 33, 50]);
    patterns.push({
      name: unique(generatePatternName(patternSeed)),
      bpm: r.int(72, 150),
      swing,
      length: config.steps,
      tracks: TRACK_ORDER.slice(0, config.tracks).map((kind) => track(kind, config, rng(deriveSeed(patternSeed, 'track', kind)))),
      provenance: { seed: input.seed, generatorVersion: PATTERN_GENERATOR_VERSION, config },
    });
  }
  return { generatorVersion: PATTERN_GENERATOR_VERSION, patterns };
}

function checkInput(input: GeneratePatternsInput): void {
  const whole = (value: number | undefined, min: number, max: number, what: string): void => {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new RangeError(`${what} must be a whole number from ${min} to ${max}, got ${value}`);
    }
  };
  whole(input.count, 0, MAX_GENERATED_PATTERNS, 'count');
  whole(input.tracks, PATTERN_LIMITS.tracks.min, PATTERN_LIMITS.tracks.max, 'tracks');
  whole(input.steps, PATTERN_LIMITS.steps.min, PATTERN_LIMITS.steps.max, 'steps');
  whole(input.root, 0, 127, 'root');
  if (input.scale !== undefined && !isScaleName(input.scale)) {
    throw new RangeError(`Unknown scale "${String(input.scale)}"; expected one of ${SCALE_NAMES.join(', ')}`);
  }
}

function track(kind: TrackKind, config: PatternConfig, r: Rng): PatternTrack {
  const rhythm = rhythmFor(kind, config.steps, r);
  const pitches = pitchesFor(kind, rhythm, config, r);
  const steps = rhythm.map((on, i) => (on ? playedStep(kind, i, pitches[i] as number, r) : restStep(pitches[i] as number)));
  return { name: TRACK_NAMES[kind], steps };
}

function rhythmFor(kind: TrackKind, steps: number, r: Rng): boolean[] {
  const quarter = Math.max(1, Math.round(steps / 4));
  switch (kind) {
    case 'kick':
      return euclid(Math.max(1, quarter + r.int(-1, 1)), steps);
    case 'snare':
    case 'clap':
      return euclid(Math.max(1, Math.round(steps / 8)), steps, -quarter + (kind === 'clap' ? r.int(0, 1) : 0));
    case 'hat':
      return euclid(r.int(Math.max(1, Math.round(steps / 2)), Math.max(1, Math.round((steps * 3) / 4))), steps, r.int(0, 1));
    case 'perc':
      return euclid(r.int(1, Math.max(1, Math.round(steps / 2))), steps, r.int(0, steps - 1));
    case 'bass':
      return euclid(r.int(Math.min(steps, 3), Math.max(Math.min(steps, 3), Math.round(steps / 2) + 1)), steps, r.int(0, 2));
    case 'lead':
      return Array.from({ length: steps }, (_, i) => i === 0 || r.chance(0.5));
    case 'arp':
      return euclid(r.chance(0.5) ? steps : Math.max(1, Math.round(steps / 2)), steps);
  }
}

/** One pitch per step: drums keep their note; melodic tracks walk the scale (rests keep the last note). */
function pitchesFor(kind: TrackKind, rhythm: readonly boolean[], config: PatternConfig, r: Rng): number[] {
  const drum = DRUM_NOTES[kind];
  if (drum !== undefined) return rhythm.map(() => drum);
  const { scale, root } = config;
  const [lo, hi] = midiWindow(kind === 'bass' ? root - 12 : root + 12, 19);
  const notes = scaleNotes(scale, root, lo, hi);
  let at = Math.max(0, notes.findIndex((n) => (n - root) % 12 === 0));
  if (kind === 'arp') {
    // Scale-degree offsets of a chord (root, third, fifth, octave in a seven-note scale), up or down.
    const chord = r.chance(0.5) ? [0, 2, 4, 7] : [7, 4, 2, 0];
    return rhythm.map((_, i) => notes[Math.min(notes.length - 1, at + (chord[i % chord.length] as number))] as number);
  }
  const leaps = kind === 'bass' ? [-2, -1, 0, 0, 1, 2, 4] : [-3, -2, -1, -1, 0, 1, 1, 2, 3];
  // The first note played is the root; each later one steps or leaps from the one before.
  let started = false;
  return rhythm.map((on) => {
    if (on && started) at = bounce(at + r.pick(leaps), notes.length - 1);
    if (on) started = true;
    return notes[at] as number;
  });
}

/** An index walked past either end comes back in (a line keeps moving instead of sticking to an edge). */
function bounce(index: number, last: number): number {
  if (index < 0) return Math.min(last, -index);
  if (index > last) return Math.max(0, 2 * last - index);
  return index;
}

/** [lo, lo + width] moved inside MIDI's 0..127; any 12 semitones hold every note of a scale. */
function midiWindow(lo: number, width: number): [number, number] {
  const start = Math.min(127 - width, Math.max(0, lo));
  return [start, start + width];
}

function playedStep(kind: TrackKind, i: number, pitch: number, r: Rng): PatternStep {
  const downbeat = i % 4 === 0;
  const soft = kind === 'hat' || kind === 'perc';
  const velocity = downbeat ? r.int(soft ? 80 : 100, 127) : r.int(soft ? 48 : 64, soft ? 100 : 110);
  // Kick, snare and clap hold the groove: they always play, almost on the grid. Hats, percussion
  // and melodic steps sometimes become maybes and drift a little more.
  const anchor = kind === 'kick' || kind === 'snare' || kind === 'clap';
  const probability = !anchor && r.chance(soft ? 0.3 : 0.12) ? r.pick([0.5, 0.6, 0.7, 0.75, 0.8, 0.9]) : 1;
  const drift = anchor ? 4 : 12;
  const microMs = r.chance(0.5) ? r.int(-drift, drift) : 0;
  return { on: true, velocity, probability, microMs, pitch };
}

const restStep = (pitch: number): PatternStep => ({ on: false, velocity: 100, probability: 1, microMs: 0, pitch });
