// Seeded randomness for every generator. Same seed ⇒ same sequence on every machine and browser:
// the stream is seedrandom's Alea (IEEE-754 double arithmetic only), and the helpers below use
// nothing but +, −, ×, ÷ and Math.floor on its output. Generators must never call Math.random,
// rely on the iteration order of objects they did not sort, sort with localeCompare, or use
// transcendental Math functions (sin, exp, pow…) whose last bits differ between engines.
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in lo..hi, both included. */
  int(lo: number, hi: number): number;
  /** Uniform in [lo, hi). */
  float(lo: number, hi: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
  /** True with probability p (p ≤ 0 never, p ≥ 1 always). */
  chance(p: number): boolean;
}

const alea = seedrandom.alea;

export function rng(seed: string): Rng {
  return new SeededRng(seed);
}

// A class rather than closures: generation makes thousands of these per call.
class SeededRng implements Rng {
  private readonly stream: () => number;

  constructor(seed: string) {
    this.stream = alea(seed);
  }

  next(): number {
    return this.stream();
  }

  int(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) throw new RangeError(`rng.int needs integers lo ≤ hi, got ${lo}..${hi}`);
    return lo + Math.floor(this.stream() * (hi - lo + 1));
  }

  float(lo: number, hi: number): number {
    return lo + this.stream() * (hi - lo);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('rng.pick needs at least one item');
    return items[Math.floor(this.stream() * items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.stream() * (i + 1));
      const held = out[i] as T;
      out[i] = out[j] as T;
      out[j] = held;
    }
    return out;
  }

  chance(p: number): boolean {
    return this.stream() < p;
  }
}

/**
 * A stable sub-seed from parts (the batch seed, "patch", an index, a track name…), so each item
 * has its own stream: patch 7 does not change when patch 6's recipe draws one more number.
 * The parts are serialised with JSON (unambiguous: ["a1"] ≠ ["a", 1]) and hashed with cyrb53
 * (bryc's public-domain 53-bit string hash, Math.imul over UTF-16 code units); the result is
 * 14 lowercase hex digits.
 */
export function deriveSeed(...parts: readonly (string | number)[]): string {
  return hashString(JSON.stringify(parts));
}

/** cyrb53 of a string as 14 hex digits (53 bits). Not cryptographic: for seeds and fingerprints. */
export function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, '0');
}
