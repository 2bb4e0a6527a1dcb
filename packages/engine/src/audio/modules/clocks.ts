// Clocks, dividers, hardware sequencers, logic, sample & hold, MIDI interfaces: modules whose
// work is gates. Gates are events scheduled ahead (see ports.ts); values they set (a step's
// pitch, a sampled voltage) are scheduled on ConstantSourceNodes at the gate's time.
import type { Jack } from '../../racks/catalog-types.ts';
import type { GateOutput} from '../ports.ts';
import { GateBus, type Gate } from '../ports.ts';
import { channelOf, expMap, isGateSignal } from '../units.ts';
import { jackGroups, type Voice, type VoiceState } from '../voice.ts';
import { whiteNoise } from './sources.ts';

/** After an external clock arrives, a module stops free-running for this long. */
const EXTERNAL_HOLD_SECONDS = 2;

/**
 * A free-running clock for modules with their own tempo. It runs while none of `clockInputs` is
 * patched and no external gate came lately, producing gates up to the time asked (the rack
 * schedules ahead in real time, or the whole render offline).
 */
class FreeClock {
  period = 0.5;
  private next: number;
  private lastExternal = -Infinity;
  private patched = false;

  constructor(
    v: Voice,
    private readonly clockInputs: Jack[],
    private readonly tick: (gate: Gate) => void,
  ) {
    this.next = v.ctx.currentTime + 0.05;
    v.onAdvance((until) => this.advance(until));
  }

  apply(state: VoiceState, period: number): void {
    this.period = Math.max(0.01, period);
    this.patched = this.clockInputs.some((j) => state.patched.has(j.id));
  }

  external(gate: Gate): void {
    this.lastExternal = gate.on;
  }

  private advance(until: number): void {
    // An infinite period: the panel has no rate of its own, it only follows clocks.
    if (!Number.isFinite(this.period)) return;
    let guard = 100_000;
    while (this.next < until && guard-- > 0) {
      if (!this.patched && this.next - this.lastExternal > EXTERNAL_HOLD_SECONDS) {
        this.tick({ on: this.next, off: this.next + this.period / 2, velocity: 1, pitch: 60, hops: 0 });
      }
      this.next += this.period;
    }
  }
}

const bpmPeriod = (v: number, perBeat: number) => 60 / expMap(v, 40, 240) / perBeat;

/** Clocks: a tempo knob (40–240 BPM, quarter notes) when free; with a clock in, they pass it on. */
export function buildClock(v: Voice): void {
  const outs = v.outs(isGateSignal).map((j) => v.gateOutput(j));
  const send = (gate: Gate) => outs.forEach((o) => o.send(gate));
  const clockIns = v.ins((j) => j.signal === 'clock');
  const free = new FreeClock(v, clockIns, send);
  for (const jack of v.ins(isGateSignal)) {
    v.input(jack, (gate) => {
      if (jack.signal !== 'clock') return;
      free.external(gate);
      send(gate);
    });
  }
  v.onApply((s) => free.apply(s, bpmPeriod(s.knobs.get(/^(manual|rate|tempo|bpm|program|speed)/, 0.5), 1)));
}

/**
 * Clock dividers: each output fires on every Nth clock, N from the output's name (`4` → ÷4) or
 * from its channel's division knob (÷1…÷8); a reset input restarts the counts.
 */
export function buildDivider(v: Voice): void {
  const counters: { out: GateOutput; channel: string; ratio: number; count: number }[] = [];
  for (const jack of v.outs(isGateSignal)) {
    const fixed = /^\d+$/.test(jack.id) ? Number(jack.id) : null;
    counters.push({ out: v.gateOutput(jack), channel: channelOf(jack.id), ratio: fixed ?? 2, count: 0 });
  }
  const fixedRatios = v.outs((j) => /^\d+$/.test(j.id)).length > 0;
  const clockIns = v.ins((j) => isGateSignal(j) && !/res/.test(j.id));
  for (const jack of v.ins(isGateSignal)) {
    if (/res/.test(jack.id)) {
      v.input(jack, () => counters.forEach((c) => (c.count = 0)));
      continue;
    }
    const channel = channelOf(jack.id);
    const own = clockIns.length > 1 && counters.some((c) => c.channel === channel);
    v.input(jack, (gate) => {
      for (const c of counters) {
        if (own && c.channel !== channel) continue;
        if (c.count % c.ratio === 0) c.out.send(gate);
        c.count++;
      }
    });
  }
  v.onApply((s) => {
    if (fixedRatios) return;
    for (const c of counters) c.ratio = 1 + Math.round(7 * s.knobs.get(/^(div|rate|mult)/, 1 / 7, c.channel));
  });
}

/** Step values for a sequencer output: its step knobs where the panel has them, else seeded. */
function stepValues(v: Voice, jack: Jack, steps: number): (state: VoiceState) => number[] {
  const seeded = Array.from({ length: steps }, () => v.random());
  return (s) =>
    seeded.map((r, i) => {
      const knob = s.knobs.find(new RegExp(`^(pitch|${jack.id}_step|cv\\d?_step|step)_?${i + 1}$`));
      const v01 = knob ? s.knobs.get(new RegExp(`^${knob.id}$`), 0.5) : r;
      // Pitch outputs: semitones over two octaves; CV outputs: 0..1.
      return jack.signal === 'pitch' ? Math.round(v01 * 24) / 12 : v01;
    });
}

/**
 * Hardware sequencers (Grids, Metropolix, Turing Machine…): each clock advances a step (free at
 * 120 BPM sixteenths with no clock); trigger/gate outputs fire by a seeded pattern whose density
 * follows their fill/density knob, clock outputs every step, pitch/CV outputs step through their
 * step knobs or seeded values.
 */
export function buildSequencer(v: Voice): void {
  const steps = /grids|robokop/.test(v.catalog.id) ? 16 : 8;
  let step = 0;
  const pattern = new Map<string, number[]>();
  const gates: [Jack, GateOutput, string][] = v.outs(isGateSignal).map((j, i) => [j, v.gateOutput(j), channelOf(j.id) || String(i + 1)]);
  for (const [jack] of gates) pattern.set(jack.id, Array.from({ length: steps }, () => v.random()));
  const values: [ConstantSourceNode, (s: VoiceState) => number[]][] = [];
  for (const jack of v.outs((j) => !isGateSignal(j))) {
    const source = v.own(v.ctx.createConstantSource(), true);
    source.offset.value = 0;
    values.push([source, stepValues(v, jack, steps)]);
    v.output(jack, source);
  }
  let state: VoiceState | null = null;
  const advance = (gate: Gate) => {
    const i = step++ % steps;
    for (const [jack, out, channel] of gates) {
      const density = state?.knobs.get(/^(fill|density|prob)/, 0.5, channel) ?? 0.5;
      const every = jack.signal === 'clock' || (i === 0 && jack.signal === 'gate');
      if (every || pattern.get(jack.id)![i]! < density) out.send({ ...gate, pitch: 60 });
    }
    if (state) for (const [source, valuesOf] of values) source.offset.setValueAtTime(valuesOf(state)[i]!, gate.on);
  };
  const clockIns = v.ins((j) => j.signal === 'clock' || /clk|clock|trig$/.test(j.id));
  const free = new FreeClock(v, clockIns, advance);
  for (const jack of v.ins(isGateSignal)) {
    v.input(jack, (gate) => {
      if (/reset|rst/.test(jack.id)) step = 0;
      else if (clockIns.includes(jack)) {
        free.external(gate);
        advance(gate);
      }
    });
  }
  v.onApply((s) => {
    state = s;
    free.apply(s, bpmPeriod(s.knobs.get(/^(tempo|clock|speed|rate)$/, 0.5), 4));
  });
}

/**
 * Logic and switches: each output passes on the gates and signals of its section (OR), `inv`
 * outputs stay silent, Bernoulli gates (Branches) send each gate to A or B by a seeded coin
 * weighted by their probability knob.
 */
export function buildLogic(v: Voice): void {
  jackGroups(v.catalog).forEach((group, index) => {
    const channel = channelOf(group.ins[0]?.id ?? '') || String(index + 1);
    const sum = v.own(v.ctx.createGain());
    const outs = group.outs.filter((j) => !/inv/.test(j.id));
    const gateOuts = outs.filter(isGateSignal).map((j) => [j, v.gateOutput(j)] as const);
    const branches = gateOuts.length === 2 && gateOuts.every(([j]) => /out_[ab]/.test(j.id));
    let probability = 0.5;
    for (const jack of group.ins) {
      const port = v.input(jack, (gate) => {
        if (branches) gateOuts[v.random() < probability ? 1 : 0]![1].send(gate);
        else for (const [, out] of gateOuts) out.send(gate);
      });
      if (!isGateSignal(jack)) port.bus.connect(sum);
    }
    for (const out of outs) if (!isGateSignal(out)) v.output(out, /noise/.test(out.id) ? whiteNoise(v) : sum);
    v.onApply((s) => (probability = s.knobs.get(/^p_/, 0.5, channel)));
  });
}

/**
 * Sample & hold: each trigger or clock of a section holds a new seeded random voltage (±1) on its
 * CV outputs — the module's own noise is the sampled source, an input signal is not read (that
 * would need an AudioWorklet); gate outputs pass clocks on, noise outputs are white noise. With
 * no clock patched, a rate knob runs it freely.
 */
export function buildSampleHold(v: Voice): void {
  const bus = new GateBus();
  jackGroups(v.catalog).forEach((group) => {
    const held = group.outs.filter((j) => j.signal === 'cv' || j.signal === 'pitch').map((j) => {
      const source = v.own(v.ctx.createConstantSource(), true);
      source.offset.value = 0;
      v.output(j, source);
      return source;
    });
    const sample = (gate: Gate) => {
      for (const source of held) source.offset.setValueAtTime(v.random() * 2 - 1, gate.on);
    };
    bus.listen(sample);
    for (const jack of group.ins) v.input(jack, isGateSignal(jack) ? (gate) => bus.emit(gate) : undefined);
    for (const out of group.outs) {
      if (isGateSignal(out)) {
        const gateOut = v.gateOutput(out);
        bus.listen((g) => gateOut.send(g));
      } else if (out.signal === 'audio') v.output(out, whiteNoise(v));
    }
  });
  const clockIns = v.ins(isGateSignal);
  const free = new FreeClock(v, clockIns, (gate) => bus.emit(gate));
  bus.listen((g) => free.external(g));
  v.onApply((s) => {
    const rate = s.knobs.find(/^(rate|clock_rate|t_rate)/);
    free.apply(s, rate ? 1 / expMap(s.knobs.get(/^(rate|clock_rate|t_rate)/, 0.5), 0.5, 20) : Infinity);
  });
}
