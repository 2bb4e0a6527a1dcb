// Clock sync maths: how far the server's clock (the room's shared clock) is from ours, from
// NTP-style ping/pong samples. Pure: the caller sends the pings and feeds the answers in.
//
// Each sample bounds the offset (server − local): the ping cannot arrive before it was sent
// and the pong cannot arrive before it was answered, so
//     t2 − t3  ≤  offset  ≤  t1 − t0.
// Network jitter only widens those bounds; it never moves them past the truth. The estimate is
// the middle of the intersection of every kept sample's bounds, after a drift (ppm) that best
// lines them up: a slow or fast local clock makes the offset a line over time, not a constant.

export interface ClockSample {
  /** Local clock when the ping left (ms). */
  t0: number;
  /** Server clock when the ping arrived (ms). */
  t1: number;
  /** Server clock when the pong left (ms). */
  t2: number;
  /** Local clock when the pong arrived (ms). */
  t3: number;
}

export interface ClockEstimatorOptions {
  /** Samples older than this (local ms) are forgotten. Default 120 s. */
  windowMs?: number;
  /** At most this many samples are kept (the oldest go first). Default 300. */
  maxSamples?: number;
  /** A sample whose round trip exceeds this multiple of the median of those kept is an outlier. Default 3. */
  outlierRttFactor?: number;
  /** Drift is searched within ±this (ppm). Default 500. */
  maxDriftPpm?: number;
  /** Drift is estimated only once the samples span this long (local ms). Default 20 s. */
  minDriftSpanMs?: number;
  /**
   * The offset itself comes from the samples of the last this-many ms (local), drift from all:
   * a small error in the drift then moves the estimate little. Default 30 s.
   */
  offsetWindowMs?: number;
  /** Drift is a line through the offsets of stretches this long (local ms). Default 5 s. */
  driftSegmentMs?: number;
  /** Pings at first (quickly, to sync soon after joining), then one per `intervalMs`. */
  burstCount?: number;
  burstIntervalMs?: number;
  intervalMs?: number;
}

export interface ClockStatus {
  /** Samples the estimate uses. */
  samples: number;
  /** Server − local (ms) at the newest sample; null before the first sample. */
  offsetMs: number | null;
  /** Half the width of the offset's bounds (ms): how far off the estimate can be. */
  uncertaintyMs: number | null;
  /** Local clock drift against the server's (ppm). */
  driftPpm: number;
  /** The shortest round trip kept (ms). */
  bestRttMs: number | null;
}

interface Kept extends ClockSample {
  rtt: number;
}

interface Fit {
  /** Local time the line is anchored at. */
  refMs: number;
  offsetMs: number;
  /** ms of offset per ms of local time. */
  slope: number;
  halfWidthMs: number;
}

/** How far clocks usually drift (as a slope): 50 ppm. */
const PRIOR_DRIFT = 50e-6;

const DEFAULTS: Required<ClockEstimatorOptions> = {
  windowMs: 120_000,
  maxSamples: 300,
  outlierRttFactor: 3,
  maxDriftPpm: 500,
  minDriftSpanMs: 20_000,
  offsetWindowMs: 30_000,
  driftSegmentMs: 5_000,
  burstCount: 16,
  burstIntervalMs: 100,
  intervalMs: 500,
};

export class ClockEstimator {
  private readonly options: Required<ClockEstimatorOptions>;
  private samples: Kept[] = [];
  private received = 0;
  private fit: Fit | null = null;

  constructor(options: ClockEstimatorOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Adds an answered ping. Returns false when the sample is rejected (impossible or an outlier). */
  add(sample: ClockSample): boolean {
    const { t0, t1, t2, t3 } = sample;
    this.received += 1;
    if (![t0, t1, t2, t3].every(Number.isFinite)) return false;
    const rtt = t3 - t0 - (t2 - t1);
    // A negative round trip or a server that answered before asking means broken timestamps.
    if (t3 < t0 || t2 < t1 || rtt < 0) return false;
    if (this.isOutlier(rtt)) return false;
    this.samples.push({ t0, t1, t2, t3, rtt });
    const oldest = t3 - this.options.windowMs;
    this.samples = this.samples.filter((s) => s.t3 >= oldest).slice(-this.options.maxSamples);
    this.fit = fitSamples(this.usable(), this.options);
    return true;
  }

  /** Forgets every sample (after a reconnect to another server, whose clock may differ). */
  reset(): void {
    this.samples = [];
    this.fit = null;
    this.received = 0;
  }

  get synced(): boolean {
    return this.fit !== null;
  }

  /** Server − local (ms) at local time `localMs`; 0 before the first sample. */
  offsetAt(localMs: number): number {
    const fit = this.fit;
    return fit ? fit.offsetMs + fit.slope * (localMs - fit.refMs) : 0;
  }

  /** The shared (server) clock at local time `localMs`. */
  toShared(localMs: number): number {
    return localMs + this.offsetAt(localMs);
  }

  /** The local time at which the shared clock reads `sharedMs`. */
  toLocal(sharedMs: number): number {
    const fit = this.fit;
    if (!fit) return sharedMs;
    // shared = local + offset + slope × (local − ref)  ⇒  solve for local.
    return (sharedMs - fit.offsetMs + fit.slope * fit.refMs) / (1 + fit.slope);
  }

  status(): ClockStatus {
    const fit = this.fit;
    const usable = this.usable();
    return {
      samples: usable.length,
      offsetMs: fit ? fit.offsetMs : null,
      uncertaintyMs: fit ? fit.halfWidthMs : null,
      driftPpm: fit ? fit.slope * 1e6 : 0,
      bestRttMs: usable.length ? Math.min(...usable.map((s) => s.rtt)) : null,
    };
  }

  /** How long to wait before the next ping: a quick burst first, then periodic re-measurement. */
  nextDelayMs(): number {
    return this.received < this.options.burstCount ? this.options.burstIntervalMs : this.options.intervalMs;
  }

  private isOutlier(rtt: number): boolean {
    if (this.samples.length < 4) return false;
    return rtt > this.options.outlierRttFactor * Math.max(median(this.samples.map((s) => s.rtt)), 0.5);
  }

  /**
   * The samples the estimate uses: those whose round trip is not far above the usual one (a
   * stalled tab or a congested link). Jitter alone never misleads the bounds, it only widens
   * them, so every other sample is kept: one with a quick way out but a slow way back still
   * pins the upper bound.
   */
  private usable(): Kept[] {
    if (this.samples.length <= 8) return this.samples;
    const cut = this.options.outlierRttFactor * Math.max(median(this.samples.map((s) => s.rtt)), 0.5);
    return this.samples.filter((s) => s.rtt <= cut);
  }
}

/**
 * The drift whose line leaves the widest common band through every sample's bounds (the band
 * width is a concave function of the drift, so a ternary search finds its top), and the
 * middle of that band.
 */
function fitSamples(samples: readonly Kept[], options: Required<ClockEstimatorOptions>): Fit | null {
  if (samples.length === 0) return null;
  const refMs = Math.max(...samples.map((s) => s.t3));
  const span = refMs - Math.min(...samples.map((s) => s.t0));
  const slope = span >= options.minDriftSpanMs ? driftOf(samples, options.driftSegmentMs, options.maxDriftPpm / 1e6) : 0;
  const recent = samples.filter((s) => s.t3 >= refMs - options.offsetWindowMs);
  const { upper, lower, width } = band(recent, slope, refMs);
  return { refMs, offsetMs: (upper + lower) / 2, slope, halfWidthMs: Math.abs(width) / 2 };
}

/**
 * The drift: a least-squares line through the middles of the bounds' bands of consecutive
 * stretches of time (each a few seconds long). A band's middle is off by half the difference
 * of its quickest ways out and back; a line through many of them averages that out, where
 * the edges of one long band would hang on two or three lucky samples.
 */
function driftOf(samples: readonly Kept[], segmentMs: number, maxSlope: number): number {
  let slope = 0;
  for (let pass = 0; pass < 2; pass++) {
    const groups = new Map<number, Kept[]>();
    for (const s of samples) {
      const key = Math.floor(s.t3 / segmentMs);
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    const points = [...groups.values()].map((group) => {
      const at = group.reduce((sum, s) => sum + (s.t0 + s.t3) / 2, 0) / group.length;
      const { upper, lower } = band(group, slope, at);
      return { at, offset: (upper + lower) / 2 };
    });
    if (points.length < 3) return 0;
    const meanAt = points.reduce((sum, p) => sum + p.at, 0) / points.length;
    const meanOffset = points.reduce((sum, p) => sum + p.offset, 0) / points.length;
    let num = 0;
    let den = 0;
    for (const p of points) {
      num += (p.at - meanAt) * (p.offset - meanOffset);
      den += (p.at - meanAt) ** 2;
    }
    if (!(den > 0)) return 0;
    const fitted = num / den;
    // Few stretches give a shaky line: shrink it towards no drift as much as it is uncertain
    // (prior: drifts of a few tens of ppm, as quartz clocks have).
    const residual = points.reduce((sum, p) => sum + (p.offset - meanOffset - fitted * (p.at - meanAt)) ** 2, 0);
    const variance = residual / Math.max(1, points.length - 2) / den;
    slope = Math.min(maxSlope, Math.max(-maxSlope, (fitted * PRIOR_DRIFT ** 2) / (PRIOR_DRIFT ** 2 + variance)));
  }
  return slope;
}

/** With this slope, the tightest upper and lower bound of the offset at refMs. */
function band(samples: readonly Kept[], slope: number, refMs: number) {
  let upper = Infinity;
  let lower = -Infinity;
  for (const s of samples) {
    upper = Math.min(upper, s.t1 - s.t0 + slope * (refMs - s.t0));
    lower = Math.max(lower, s.t2 - s.t3 + slope * (refMs - s.t3));
  }
  return { upper, lower, width: upper - lower };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
