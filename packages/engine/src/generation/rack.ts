// What generation knows about a rack: each placed module with its catalog entry, its role in a
// signal flow, and its jacks sorted by signal and by preference. Built once per call and shared
// by every patch, so building a patch only draws numbers and checks which inputs are taken.
import type { CatalogModule, Jack } from '../racks/catalog-types.ts';
import { hashString } from './random.ts';
import { isTiming } from './signals.ts';
import type { RackModuleRef } from './types.ts';

export type ModuleRole =
  | 'oscillator'
  | 'noise'
  | 'drum'
  | 'filter'
  | 'effect'
  | 'vca'
  | 'mixer'
  | 'output'
  | 'envelope'
  | 'lfo'
  | 'random'
  | 'clock'
  | 'sequencer'
  | 'quantizer'
  | 'utility';

/** Catalog `type` → role. Types not listed (and utility/logic) are utilities, which recipes leave alone. */
const ROLE_BY_TYPE: Readonly<Record<string, ModuleRole>> = {
  oscillator: 'oscillator',
  noise: 'noise',
  percussion: 'drum',
  filter: 'filter',
  effect: 'effect',
  vca: 'vca',
  mixer: 'mixer',
  output: 'output',
  envelope: 'envelope',
  lfo: 'lfo',
  random: 'random',
  clock: 'clock',
  sequencer: 'sequencer',
  controller: 'sequencer',
  midi: 'sequencer',
  quantizer: 'quantizer',
};

/** Audio processors filed under utility in the catalog (ring modulators) still process audio. */
const EFFECT_ARCHETYPES = new Set(['ring-mod', 'wavefolder', 'delay', 'reverb', 'granular']);

/** Inputs that are not a module's main audio input (returns, side chains, FM, sync, the right side…). */
const SECONDARY_AUDIO_IN = /return|side|ext|fm|sync|lock|cue|carrier|strike|blow|(?:^|_)(?:r|right)(?:_|$)/;
/** Outputs that are not a module's main audio output (sends, taps, headphones, sub/aux). */
const SECONDARY_AUDIO_OUT = /send|tap|head|phones|(?:^|_)hp$|cue|aux/;
/** Timing inputs that reset, hold or reconfigure a module rather than fire it. */
const SECONDARY_TIMING_IN = /reset|res_in|rst|retrig|cycle|hold|freeze|reverse|loop|sync|flip|run|inf|tick|slide|acc|fsu|capture|seed|onset|ping|force/;
/** Timing outputs that make poor clocks (resets, end-of-cycle pulses are kept but come last). */
const SECONDARY_TIMING_OUT = /reset|rst/;
const CLOCK_IN = /^(?:clk|clock|trig)(?:_|\d|$)|clk_in|clock_in|trig_in|t_clock|x_clock/;
const SQUARE_OUT = /square|sq|pulse/;
const FREQUENCY_CV = /freq|frq|fcv|cutoff|cv|fm/;
const SOURCE_OUT_SKIP = /sub|aux|send/;

export interface RackModule {
  id: string;
  /** Position in the sorted module list. */
  index: number;
  catalog: CatalogModule;
  role: ModuleRole;
  audioIns: Jack[];
  audioOuts: Jack[];
  cvIns: Jack[];
  pitchIns: Jack[];
  timingIns: Jack[];
  cvOuts: Jack[];
  pitchOuts: Jack[];
  timingOuts: Jack[];
  /** Input jack → its slot in a patch's table of taken inputs. */
  slots: Map<Jack, number>;
  /** Audio inputs, main ones first. */
  audioInsByPreference: Jack[];
  /** Gate/trigger/clock inputs, the ones that fire the module first. */
  timingInsByPreference: Jack[];
  /** Inputs (timing or cv) that clock the module. */
  clockIns: Jack[];
  /** CV inputs, frequency-like ones first. */
  frequencyCvIns: Jack[];
  /** Audio outputs a source offers as its sound (waveforms, not sub or aux). */
  sourceOuts: Jack[];
  /** The output that carries the module's sound when no channel pairing says otherwise. */
  mainOut: Jack | undefined;
  /** For each input: the audio output carrying it on (same channel, else the main output). */
  audioOutFor: Map<Jack, Jack>;
  /** For each input: the CV output answering it (same channel, else the first CV output). */
  cvOutFor: Map<Jack, Jack>;
  /** For each input: the CV inputs of the same channel first, then the others. */
  cvInsFor: Map<Jack, Jack[]>;
  /** Left audio output → its right partner (out_l → out_r). */
  rightOf: Map<Jack, Jack>;
  /** Audio inputs of a right side (r_in, in_r). */
  rightIns: Jack[];
}

export interface Port {
  mod: RackModule;
  jack: Jack;
}

export interface RackAnalysis {
  /** Known modules sorted by id (the order the modules were listed in never matters). */
  modules: RackModule[];
  byRole: ReadonlyMap<ModuleRole, RackModule[]>;
  /** Number of input slots over all modules (size of a patch's taken-inputs table). */
  inputSlots: number;
  /** Outputs that can fire gates, best first: sequencers and clocks lead, then gates, triggers, squares. */
  timingLeaders: Port[];
  timingOthers: Port[];
  /** CV outputs of LFOs and random sources. */
  modulatorOuts: Port[];
  lfoOuts: Port[];
  /** Pitch outputs of sequencers and MIDI interfaces (quantizers are reached through recipes). */
  pitchOuts: Port[];
  fingerprint: string;
}

export function analyseRack(refs: readonly RackModuleRef[], catalog: readonly CatalogModule[]): RackAnalysis {
  const lookup = new Map(catalog.map((m) => [m.id, m]));
  const seen = new Set<string>();
  const modules: RackModule[] = [];
  let inputSlots = 0;
  for (const ref of [...refs].sort(byId)) {
    if (seen.has(ref.id)) throw new Error(`Module id "${ref.id}" appears twice in the rack`);
    seen.add(ref.id);
    const entry = lookup.get(ref.catalogId);
    // A module missing from the catalog cannot be patched safely: generation leaves it out.
    if (!entry) continue;
    const mod = describe(ref.id, modules.length, entry, inputSlots);
    inputSlots += mod.slots.size;
    modules.push(mod);
  }
  const byRole = new Map<ModuleRole, RackModule[]>();
  for (const mod of modules) {
    const list = byRole.get(mod.role);
    if (list) list.push(mod);
    else byRole.set(mod.role, [mod]);
  }
  return { modules, byRole, inputSlots, ...portLists(modules), fingerprint: rackFingerprint(refs) };
}

/** Stable fingerprint of a rack's modules: ids and catalog ids, sorted by id. */
export function rackFingerprint(refs: readonly RackModuleRef[]): string {
  return hashString(JSON.stringify([...refs].sort(byId).map((m) => [m.id, m.catalogId])));
}

function describe(id: string, index: number, catalog: CatalogModule, firstSlot: number): RackModule {
  const ins = catalog.jacks.filter((j) => j.dir === 'in');
  const outs = catalog.jacks.filter((j) => j.dir === 'out');
  const role = roleOf(catalog);
  const audioIns = ins.filter((j) => j.signal === 'audio');
  const audioOuts = outs.filter((j) => j.signal === 'audio');
  const cvIns = ins.filter((j) => j.signal === 'cv');
  const timingIns = ins.filter((j) => isTiming(j.signal));
  const sourceOuts = audioOuts.filter((j) => !SOURCE_OUT_SKIP.test(j.id));
  const mixSum = role === 'mixer' ? audioOuts.find((j) => /mix|all/.test(j.id)) : undefined;
  const lowPass = role === 'filter' ? audioOuts.find((j) => /(?:^|_)lp|low/.test(j.id)) : undefined;
  const mainOut = mixSum ?? lowPass ?? audioOuts.find((j) => !SECONDARY_AUDIO_OUT.test(j.id)) ?? audioOuts[0];
  const cvOuts = outs.filter((j) => j.signal === 'cv');
  const right = audioOuts.find((j) => sideOf(j.id) === 'r');
  return {
    id,
    index,
    catalog,
    role,
    audioIns,
    audioOuts,
    cvIns,
    pitchIns: ins.filter((j) => j.signal === 'pitch'),
    timingIns,
    cvOuts,
    pitchOuts: outs.filter((j) => j.signal === 'pitch'),
    timingOuts: outs.filter((j) => isTiming(j.signal)),
    slots: new Map(ins.map((jack, i) => [jack, firstSlot + i])),
    audioInsByPreference: preferring(audioIns, (j) => !SECONDARY_AUDIO_IN.test(j.id)),
    timingInsByPreference: preferring(timingIns, (j) => !SECONDARY_TIMING_IN.test(j.id)),
    clockIns: [...timingIns, ...cvIns].filter((j) => CLOCK_IN.test(j.id)),
    frequencyCvIns: preferring(cvIns, (j) => FREQUENCY_CV.test(j.id)),
    sourceOuts: sourceOuts.length > 0 ? sourceOuts : audioOuts,
    mainOut,
    audioOutFor: pairs(ins, audioOuts, mainOut),
    cvOutFor: pairs(ins, cvOuts, cvOuts[0]),
    cvInsFor: new Map(ins.map((jack) => [jack, preferring(cvIns, (j) => channelOf(j.id) !== null && channelOf(j.id) === channelOf(jack.id))])),
    rightOf: new Map(right ? audioOuts.filter((j) => sideOf(j.id) === 'l').map((j) => [j, right]) : []),
    rightIns: audioIns.filter((j) => sideOf(j.id) === 'r'),
  };
}

/**
 * Each input's partner among `outs`: the one on the same channel ("in_2" → "out_2"), else one
 * sharing a distinctive word ("gate_in_oh" → "oh_out"), else `fallback`.
 */
function pairs(ins: readonly Jack[], outs: readonly Jack[], fallback: Jack | undefined): Map<Jack, Jack> {
  const map = new Map<Jack, Jack>();
  for (const jack of ins) {
    const channel = channelOf(jack.id);
    const words = distinctiveWords(jack.id);
    const partner =
      (channel !== null ? outs.find((j) => channelOf(j.id) === channel) : undefined) ??
      (words.length > 0 ? outs.find((j) => distinctiveWords(j.id).some((w) => words.includes(w))) : undefined) ??
      fallback;
    if (partner) map.set(jack, partner);
  }
  return map;
}

const GENERIC_WORDS = new Set(['in', 'out', 'input', 'output', 'gate', 'trig', 'trigger', 'cv', 'audio', 'signal', 'accent', 'level']);
const distinctiveWords = (jackId: string): string[] => jackId.split('_').filter((w) => w.length > 1 && !GENERIC_WORDS.has(w) && !/^\d+$/.test(w));

function portLists(modules: readonly RackModule[]): Pick<RackAnalysis, 'timingLeaders' | 'timingOthers' | 'modulatorOuts' | 'lfoOuts' | 'pitchOuts'> {
  const timingLeaders: Port[] = [];
  const timingOthers: Port[] = [];
  const modulatorOuts: Port[] = [];
  const lfoOuts: Port[] = [];
  const pitchOuts: Port[] = [];
  for (const mod of modules) {
    const leading = mod.role === 'sequencer' || mod.role === 'clock';
    for (const jack of mod.timingOuts) (leading && !SECONDARY_TIMING_OUT.test(jack.id) ? timingLeaders : timingOthers).push({ mod, jack });
    if (mod.role === 'clock') for (const jack of mod.cvOuts) timingLeaders.push({ mod, jack });
    if (mod.role === 'lfo') for (const jack of mod.cvOuts) if (SQUARE_OUT.test(jack.id)) timingOthers.push({ mod, jack });
    if (mod.role === 'lfo' || mod.role === 'random') for (const jack of mod.cvOuts) modulatorOuts.push({ mod, jack });
    if (mod.role === 'lfo') for (const jack of mod.cvOuts) lfoOuts.push({ mod, jack });
    if (mod.role !== 'quantizer') for (const jack of mod.pitchOuts) pitchOuts.push({ mod, jack });
  }
  return { timingLeaders, timingOthers, modulatorOuts, lfoOuts, pitchOuts };
}

function roleOf(catalog: CatalogModule): ModuleRole {
  const role = ROLE_BY_TYPE[catalog.type] ?? 'utility';
  if (role === 'utility' && EFFECT_ARCHETYPES.has(catalog.archetype)) return 'effect';
  return role;
}

/** The jacks passing `test` first, then the others, each group in panel order. */
function preferring(jacks: readonly Jack[], test: (j: Jack) => boolean): Jack[] {
  return [...jacks.filter(test), ...jacks.filter((j) => !test(j))];
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The channel a jack belongs to ("in_2" → "2", "out_a" → "a"), to pair inputs with outputs. */
export function channelOf(jackId: string): string | null {
  const match = /(?:^|_)(\d+|[a-d])$/.exec(jackId);
  return match ? (match[1] as string) : null;
}

/** Left or right side of a stereo pair ("in_l", "r_in", "out_r"…), null when neither. */
export function sideOf(jackId: string): 'l' | 'r' | null {
  if (/(?:^|_)(?:l|left)(?:_|$)/.test(jackId)) return 'l';
  if (/(?:^|_)(?:r|right)(?:_|$)/.test(jackId)) return 'r';
  return null;
}
