// A module's sound: its jacks as ports plus the nodes between them. Each archetype builds one
// (modules/*.ts); jacks an archetype does not use still get ports, so any cable can be patched.
import type { CatalogModule, Jack } from '../racks/catalog-types.ts';
import { GateOutput, inputPort, stopSafely, type Gate, type InputPort, type OutputPort } from './ports.ts';
import type { KnobReader} from './units.ts';
import { channelOf, isGateSignal, seededRandom } from './units.ts';

export interface VoiceState {
  knobs: KnobReader;
  /** Input jack ids that have a cable in the active patch. */
  patched: ReadonlySet<string>;
  /** Context time the change applies from. */
  at: number;
  /** The voice's first settings: set, not glided. */
  immediate: boolean;
}

export class Voice {
  readonly inputs = new Map<string, InputPort>();
  readonly outputs = new Map<string, OutputPort>();
  readonly random: () => number;
  /** Output modules: the stereo signal they send to the rack's speakers. */
  monitor: AudioNode | null = null;
  private readonly owned: AudioNode[] = [];
  private readonly appliers: ((state: VoiceState) => void)[] = [];
  private readonly advancers: ((until: number) => void)[] = [];

  constructor(
    readonly ctx: BaseAudioContext,
    readonly moduleId: string,
    readonly catalog: CatalogModule,
  ) {
    this.random = seededRandom(`${moduleId}/${catalog.id}`);
  }

  /** Keeps a node for dispose(); starts sources. */
  own<T extends AudioNode>(node: T, start = false): T {
    this.owned.push(node);
    if (start) (node as unknown as AudioScheduledSourceNode).start();
    return node;
  }

  input(jack: Jack | string, onGate?: (gate: Gate) => void): InputPort {
    const j = typeof jack === 'string' ? this.jack(jack) : jack;
    const port = inputPort(this.ctx, j.signal, onGate);
    this.own(port.bus);
    this.inputs.set(j.id, port);
    return port;
  }

  /** The input port of a jack, created on first use (shared jacks feed several channels). */
  inputOf(jack: Jack, onGate?: (gate: Gate) => void): InputPort {
    return this.inputs.get(jack.id) ?? this.input(jack, onGate);
  }

  output(jack: Jack | string, node: AudioNode): OutputPort {
    const j = typeof jack === 'string' ? this.jack(jack) : jack;
    const port: OutputPort = { signal: j.signal, node };
    this.outputs.set(j.id, port);
    return port;
  }

  gateOutput(jack: Jack | string): GateOutput {
    const j = typeof jack === 'string' ? this.jack(jack) : jack;
    const port = new GateOutput(this.ctx, j.signal === 'audio' || j.signal === 'cv' || j.signal === 'pitch' ? 'gate' : j.signal);
    this.own(port.node);
    this.outputs.set(j.id, port);
    return port;
  }

  jack(id: string): Jack {
    const jack = this.catalog.jacks.find((j) => j.id === id);
    if (!jack) throw new Error(`${this.catalog.id} has no jack ${id}`);
    return jack;
  }

  ins(test?: (jack: Jack) => boolean): Jack[] {
    return this.catalog.jacks.filter((j) => j.dir === 'in' && (!test || test(j)));
  }

  outs(test?: (jack: Jack) => boolean): Jack[] {
    return this.catalog.jacks.filter((j) => j.dir === 'out' && (!test || test(j)));
  }

  /** Runs on every update() (and once at creation): knob values and patched inputs. */
  onApply(fn: (state: VoiceState) => void): void {
    this.appliers.push(fn);
  }

  /** Free-running clocks: produce gates up to `until` (context seconds). */
  onAdvance(fn: (until: number) => void): void {
    this.advancers.push(fn);
  }

  get runsFree(): boolean {
    return this.advancers.length > 0;
  }

  apply(state: VoiceState): void {
    for (const fn of this.appliers) fn(state);
  }

  advance(until: number): void {
    for (const fn of this.advancers) fn(until);
  }

  /** Ports for the jacks the archetype left alone: inputs sum into nothing, outputs are silent. */
  completePorts(): void {
    for (const jack of this.catalog.jacks) {
      if (jack.dir === 'in' && !this.inputs.has(jack.id)) this.input(jack, isGateSignal(jack) ? () => {} : undefined);
      if (jack.dir === 'out' && !this.outputs.has(jack.id)) {
        if (isGateSignal(jack)) this.gateOutput(jack);
        else this.output(jack, this.own(this.ctx.createGain()));
      }
    }
  }

  dispose(): void {
    for (const node of this.owned) {
      if ('stop' in node) stopSafely(node as AudioScheduledSourceNode);
      node.disconnect();
    }
  }
}

/**
 * Channels of a multi-channel panel, from its outputs of the given test; a single one ('')
 * when the panel has one. Inputs of another channel (or none) are shared by all channels.
 */
export function channels(voice: Voice, test: (jack: Jack) => boolean): string[] {
  const found = [...new Set(voice.outs(test).map((j) => channelOf(j.id)))];
  return found.length <= 1 ? [''] : found;
}

/** Whether an input belongs to a channel (or is shared by all). */
export function inChannel(jack: Jack, all: string[], channel: string): boolean {
  const c = channelOfIn(jack, all);
  return c === null || c === channel;
}

export function channelOfIn(jack: Jack, all: string[]): string | null {
  if (all.length === 1) return null;
  const c = channelOf(jack.id);
  return c !== '' && all.includes(c) ? c : null;
}

/** Whether an output belongs to a channel (exactly: an output without a channel is channel ''). */
export function outInChannel(jack: Jack, all: string[], channel: string): boolean {
  return all.length === 1 || channelOf(jack.id) === channel;
}

export interface JackGroup {
  ins: Jack[];
  outs: Jack[];
}

/**
 * Sections of a panel in catalog order: a run of inputs and the outputs that follow it (a mult's
 * "in → 3 outs", an attenuverter's "in → out"). Outputs before any input form a group of their own.
 */
export function jackGroups(catalog: CatalogModule): JackGroup[] {
  const groups: JackGroup[] = [];
  let current: JackGroup | null = null;
  for (const jack of catalog.jacks) {
    if (jack.dir === 'in') {
      if (!current || current.outs.length > 0) groups.push((current = { ins: [], outs: [] }));
      current.ins.push(jack);
    } else {
      if (!current) groups.push((current = { ins: [], outs: [] }));
      current.outs.push(jack);
    }
  }
  return groups;
}
