// Deterministic, pleasant names for racks, patches and patterns. The word lists are part of the
// output: changing them changes names, so bump the generator versions that use them.
import { rng } from './random.ts';
import type { PatchCategory } from './types.ts';

const ADJECTIVES = [
  'Amber', 'Analog', 'Bright', 'Cobalt', 'Copper', 'Coral', 'Crystal', 'Curious', 'Distant', 'Drifting',
  'Dusty', 'Electric', 'Emerald', 'Floating', 'Frozen', 'Gentle', 'Golden', 'Hollow', 'Indigo', 'Ivory',
  'Lucky', 'Lunar', 'Midnight', 'Misty', 'Neon', 'Northern', 'Paper', 'Patient', 'Quiet', 'Restless',
  'Rusty', 'Saffron', 'Secret', 'Silver', 'Sleepy', 'Slow', 'Solar', 'Static', 'Sunday', 'Tidal',
  'Velvet', 'Violet', 'Wandering', 'Warm', 'Woven',
] as const;

const NOUNS = [
  'Atlas', 'Aurora', 'Canyon', 'Cascade', 'Circuit', 'Comet', 'Delta', 'Echo', 'Ember', 'Engine',
  'Forest', 'Garden', 'Glacier', 'Harbor', 'Harmonic', 'Island', 'Kite', 'Lagoon', 'Lantern', 'Lighthouse',
  'Meadow', 'Mirror', 'Monsoon', 'Nebula', 'Observatory', 'Orchard', 'Oscillation', 'Parade', 'Prism', 'Quarry',
  'Reservoir', 'River', 'Satellite', 'Signal', 'Spiral', 'Tundra', 'Valley', 'Voltage', 'Workshop', 'Zephyr',
] as const;

const RACK_NOUNS = ['Rig', 'System', 'Case', 'Skiff', 'Station', 'Lab', 'Cabinet', 'Console'] as const;

const CATEGORY_NOUNS: Record<PatchCategory, readonly string[]> = {
  voice: ['Voice', 'Lead', 'Song', 'Chorus', 'Whisper', 'Melody', 'Call', 'Tone'],
  modulation: ['Motion', 'Drift', 'Sway', 'Tide', 'Flux', 'Wobble', 'Ripple', 'Bloom'],
  'clock/rhythm': ['Pulse', 'Groove', 'Clockwork', 'March', 'Shuffle', 'Cadence', 'Tick', 'Meter'],
  drone: ['Drone', 'Hum', 'Haze', 'Horizon', 'Fog', 'Monolith', 'Swell', 'Dusk'],
  percussion: ['Hits', 'Knock', 'Strike', 'Thump', 'Rattle', 'Clatter', 'Snap', 'Drums'],
  generative: ['Garden', 'Machine', 'Dream', 'Orbit', 'Weave', 'Maze', 'Current', 'Tangle'],
};

const PATTERN_NOUNS = ['Steps', 'Loop', 'Figure', 'Phrase', 'Groove', 'Sequence', 'Cycle', 'Pattern', 'Riff', 'Run'] as const;

/** A rack name such as "Copper Lighthouse" or "Lunar Station". */
export function generateRackName(seed: string): string {
  const r = rng(`rack-name:${seed}`);
  const adjective = r.pick(ADJECTIVES);
  return r.chance(0.7) ? `${adjective} ${r.pick(NOUNS)}` : `${adjective} ${r.pick(RACK_NOUNS)}`;
}

/** A patch name in the mood of its category, such as "Midnight Drone 7" or "Velvet Oscillation". */
export function generatePatchName(seed: string, category: PatchCategory): string {
  const r = rng(`patch-name:${category}:${seed}`);
  const categoryNoun = r.pick(CATEGORY_NOUNS[category]);
  const template = r.int(0, 3);
  if (template === 0) return `${r.pick(ADJECTIVES)} ${categoryNoun}`;
  if (template === 1) return `${r.pick(ADJECTIVES)} ${categoryNoun} ${r.int(2, 99)}`;
  if (template === 2) return `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`;
  return `${r.pick(NOUNS)} ${categoryNoun}`;
}

/** A sequencer pattern name such as "Indigo Phrase" or "Comet Steps 12". */
export function generatePatternName(seed: string): string {
  const r = rng(`pattern-name:${seed}`);
  const first = r.chance(0.6) ? r.pick(ADJECTIVES) : r.pick(NOUNS);
  const name = `${first} ${r.pick(PATTERN_NOUNS)}`;
  return r.chance(0.3) ? `${name} ${r.int(2, 64)}` : name;
}

/** Makes names unique within one batch: the second "Velvet Hum" becomes "Velvet Hum II", and so on. */
export function uniqueNames(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const times = (seen.get(name) ?? 0) + 1;
    seen.set(name, times);
    return times === 1 ? name : `${name} ${roman(times)}`;
  };
}

function roman(n: number): string {
  const numerals: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let rest = n;
  let out = '';
  for (const [value, numeral] of numerals) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}
