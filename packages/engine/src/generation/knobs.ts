// Knob settings that suit a patch's category: a drone gets slow envelopes, long releases and slow
// LFOs; percussion gets short decays. A control's job is read from its module's role and its id
// ("attack_1", "frq", "dry_wet"…); a control with no known job keeps its catalog default.
import type { Control } from '../racks/catalog-types.ts';
import type { PatchBuilder } from './builder.ts';
import type { RackModule } from './rack.ts';
import type { Rng } from './random.ts';
import type { KnobSetting, PatchCategory } from './types.ts';

type Job =
  | 'attack'
  | 'decay'
  | 'sustain'
  | 'release'
  | 'rate'
  | 'tempo'
  | 'cutoff'
  | 'resonance'
  | 'wet'
  | 'feedback'
  | 'space'
  | 'drumDecay'
  | 'pitch'
  | 'level'
  | 'openGain'
  | 'closedGain';

/** [low, high] as fractions of the control's range, per job and category. */
type Span = readonly [number, number];
const SPANS: Readonly<Record<Job, Readonly<Record<PatchCategory, Span>>>> = {
  attack: { voice: [0, 0.15], modulation: [0.05, 0.4], 'clock/rhythm': [0, 0.05], drone: [0.6, 0.95], percussion: [0, 0.03], generative: [0.05, 0.5] },
  decay: { voice: [0.25, 0.55], modulation: [0.3, 0.7], 'clock/rhythm': [0.1, 0.3], drone: [0.6, 0.95], percussion: [0.05, 0.25], generative: [0.2, 0.7] },
  sustain: { voice: [0.3, 0.7], modulation: [0.3, 0.8], 'clock/rhythm': [0, 0.2], drone: [0.7, 1], percussion: [0, 0.1], generative: [0.2, 0.7] },
  release: { voice: [0.2, 0.5], modulation: [0.3, 0.7], 'clock/rhythm': [0.05, 0.25], drone: [0.7, 1], percussion: [0.05, 0.2], generative: [0.3, 0.8] },
  rate: { voice: [0.2, 0.5], modulation: [0.15, 0.6], 'clock/rhythm': [0.3, 0.6], drone: [0.02, 0.15], percussion: [0.3, 0.6], generative: [0.1, 0.45] },
  tempo: { voice: [0.35, 0.6], modulation: [0.35, 0.6], 'clock/rhythm': [0.4, 0.7], drone: [0.15, 0.35], percussion: [0.45, 0.75], generative: [0.3, 0.6] },
  cutoff: { voice: [0.35, 0.7], modulation: [0.3, 0.6], 'clock/rhythm': [0.4, 0.8], drone: [0.2, 0.5], percussion: [0.4, 0.9], generative: [0.3, 0.7] },
  resonance: { voice: [0.1, 0.5], modulation: [0.3, 0.7], 'clock/rhythm': [0, 0.3], drone: [0.2, 0.6], percussion: [0.1, 0.5], generative: [0.2, 0.6] },
  wet: { voice: [0.15, 0.4], modulation: [0.2, 0.5], 'clock/rhythm': [0.1, 0.3], drone: [0.5, 0.9], percussion: [0.05, 0.3], generative: [0.3, 0.7] },
  feedback: { voice: [0.2, 0.45], modulation: [0.2, 0.5], 'clock/rhythm': [0.1, 0.35], drone: [0.5, 0.8], percussion: [0.1, 0.3], generative: [0.3, 0.6] },
  space: { voice: [0.3, 0.6], modulation: [0.3, 0.7], 'clock/rhythm': [0.2, 0.5], drone: [0.7, 1], percussion: [0.1, 0.4], generative: [0.4, 0.8] },
  drumDecay: { voice: [0.2, 0.5], modulation: [0.2, 0.6], 'clock/rhythm': [0.1, 0.4], drone: [0.5, 0.9], percussion: [0.05, 0.3], generative: [0.2, 0.6] },
  pitch: { voice: [0.35, 0.65], modulation: [0.3, 0.7], 'clock/rhythm': [0.3, 0.7], drone: [0.15, 0.45], percussion: [0.3, 0.7], generative: [0.3, 0.7] },
  level: { voice: [0.6, 0.85], modulation: [0.6, 0.85], 'clock/rhythm': [0.6, 0.85], drone: [0.6, 0.85], percussion: [0.6, 0.85], generative: [0.6, 0.85] },
  openGain: { voice: [0.6, 0.85], modulation: [0.6, 0.85], 'clock/rhythm': [0.6, 0.85], drone: [0.6, 0.85], percussion: [0.6, 0.85], generative: [0.6, 0.85] },
  closedGain: { voice: [0, 0.05], modulation: [0, 0.05], 'clock/rhythm': [0, 0.05], drone: [0, 0.05], percussion: [0, 0.05], generative: [0, 0.05] },
};

const word = (pattern: string): RegExp => new RegExp(`(?:^|_)(?:${pattern})(?:_|\\d|$)`);
const ATTACK = word('a|attack|rise|rise_time');
const DECAY = word('d|decay|fall|fall_time');
const SUSTAIN = word('s|sustain');
const RELEASE = word('r|release');
const RATE = word('rate|frq|freq|frequency|speed|clock_rate|frv_rate');
const TEMPO = word('tempo|clock|clock_rate|rate|speed');
const CUTOFF = word('frq|freq|frequency|cutoff|coarse|f_a|offset');
const RESONANCE = word('res|resonance|q|regen');
const WET = word('mix|dry_wet|blend');
const FEEDBACK = word('feedback|repeats|feedback_1|feedback_2');
const SPACE = word('size|decay|tail|time|tail_predelay');
const PITCH = word('tune|pitch|coarse|freq|frequency|oct|octave|vco_a_freq|vco_b_freq|car_freq|pitch_1|pitch_2');
const LEVEL = word('lev|level|volume|out|in1|in2|in3|in4|line_vol|level_\\d');
const GAIN = word('gain|level|lev|amp');
const LOOP = /cycle|loop/;

function jobOf(mod: RackModule, control: Control, vcaClosed: boolean): Job | null {
  const id = control.id;
  switch (mod.role) {
    case 'envelope':
      if (ATTACK.test(id)) return 'attack';
      if (DECAY.test(id)) return 'decay';
      if (SUSTAIN.test(id)) return 'sustain';
      if (RELEASE.test(id)) return 'release';
      return null;
    case 'lfo':
    case 'random':
      return RATE.test(id) ? 'rate' : null;
    case 'clock':
    case 'sequencer':
      return TEMPO.test(id) ? 'tempo' : null;
    case 'filter':
      if (RESONANCE.test(id)) return 'resonance';
      if (CUTOFF.test(id)) return 'cutoff';
      return LEVEL.test(id) ? 'level' : null;
    case 'effect':
      if (WET.test(id)) return 'wet';
      if (FEEDBACK.test(id)) return 'feedback';
      return SPACE.test(id) ? 'space' : null;
    case 'drum':
      if (DECAY.test(id) || /tail/.test(id)) return 'drumDecay';
      return LEVEL.test(id) ? 'level' : null;
    case 'vca':
      if (GAIN.test(id)) return vcaClosed ? 'closedGain' : 'openGain';
      return LEVEL.test(id) ? 'level' : null;
    case 'mixer':
    case 'output':
      return LEVEL.test(id) ? 'level' : null;
    case 'oscillator':
    case 'noise':
      return PITCH.test(id) ? 'pitch' : null;
    default:
      return null;
  }
}

/** Each control's job for a module (gain controls resolved per patch); cached per analysed module. */
const jobsCache = new WeakMap<RackModule, (Job | null)[][]>();
function jobsOf(mod: RackModule): (Job | null)[][] {
  let jobs = jobsCache.get(mod);
  if (!jobs) {
    jobs = [false, true].map((closed) => mod.catalog.controls.map((c) => jobOf(mod, c, closed)));
    jobsCache.set(mod, jobs);
  }
  return jobs;
}

/** One setting per control of every module the patch uses, in panel order. */
export function knobSettings(b: PatchBuilder, category: PatchCategory, r: Rng): KnobSetting[] {
  const out: KnobSetting[] = [];
  for (const mod of b.modules) {
    // A VCA opened by an envelope or LFO rests closed; one with nothing in its CV inputs stays open.
    const vcaClosed = mod.role === 'vca' && mod.cvIns.some((j) => !b.isFree(mod, j));
    const freeRunning = mod.role === 'envelope' && !mod.timingIns.some((j) => !b.isFree(mod, j));
    const jobs = jobsOf(mod)[vcaClosed ? 1 : 0] as (Job | null)[];
    mod.catalog.controls.forEach((control, i) => {
      out.push({ moduleId: mod.id, controlId: control.id, value: valueFor(control, jobs[i] ?? null, category, r, freeRunning) });
    });
  }
  return out;
}

function valueFor(control: Control, job: Job | null, category: PatchCategory, r: Rng, freeRunning: boolean): number {
  const { min, max } = control;
  const continuous = control.kind === 'knob' || control.kind === 'slider';
  if (!continuous) {
    // Switches and buttons keep their default, except that an envelope nobody fires is set to cycle.
    const value = freeRunning && LOOP.test(control.id) ? max : control.default;
    const lo = Math.ceil(min);
    const hi = Math.floor(max);
    return lo <= hi ? clamp(Math.round(value), lo, hi) : clamp(value, min, max);
  }
  if (job === null) return clamp(round3(control.default), min, max);
  const [lo, hi] = SPANS[job][category];
  return clamp(round3(min + r.float(lo, hi) * (max - min)), min, max);
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const clamp = (value: number, lo: number, hi: number): number => (value < lo ? lo : value > hi ? hi : value);
