// Envelopes (adsr, ad) and function generators: gates in, voltage curves out.
import type { Jack } from '../../racks/catalog-types.ts';
import { glide, TargetSchedule, type Gate } from '../ports.ts';
import { expMap, isGateSignal } from '../units.ts';
import { channels, outInChannel, inChannel, type Voice } from '../voice.ts';

export interface EnvelopeShape {
  attack: number;
  decay: number;
  /** 0..1 of the peak; 0 makes an AD envelope. */
  sustain: number;
  release: number;
}

/** The attack aims this far above the peak, so it reaches the peak in `attack` seconds. */
export const ATTACK_OVERSHOOT = 1.2;

/** Envelope stage times: 1 ms to 8 s, exponential (the knob's middle is about 90 ms). */
export const stageSeconds = (v: number) => expMap(v, 0.001, 8);

/**
 * An envelope on a ConstantSourceNode's offset. Each gate re-triggers from the current level
 * (TargetSchedule): the attack charges towards 1.2 × velocity like an analog RC stage and
 * turns at the velocity after `attack` seconds, then falls exponentially to the sustain level
 * and, at the gate's end, releases to 0. Triggers (or sustain 0) give attack–decay.
 */
export class Envelope {
  readonly source: ConstantSourceNode;
  shape: EnvelopeShape = { attack: 0.005, decay: 0.2, sustain: 0.7, release: 0.3 };
  private readonly schedule: TargetSchedule;

  constructor(v: Voice) {
    this.source = v.own(v.ctx.createConstantSource());
    this.source.offset.value = 0;
    this.source.start();
    this.schedule = new TargetSchedule(this.source.offset);
  }

  gate(gate: Gate, sustained: boolean): void {
    const p = this.schedule;
    const { attack, decay, sustain, release } = this.shape;
    const peakAt = gate.on + attack;
    p.target(gate.on, ATTACK_OVERSHOOT * gate.velocity, attack / Math.log(ATTACK_OVERSHOOT / (ATTACK_OVERSHOOT - 1)));
    if (!sustained || sustain <= 0) {
      p.target(peakAt, 0, decay / 4);
      return;
    }
    p.target(peakAt, sustain * gate.velocity, decay / 4);
    p.target(Math.max(gate.off, peakAt), 0, release / 4);
  }
}

/**
 * ADSR/AD envelopes, one per channel: the channel's gate and trigger inputs start it (a trigger
 * input or an AD panel plays attack–decay), its CV outputs send it (`inv` ones inverted), its
 * gate outputs pass the gate on. Knobs: attack/decay/sustain/release (or rise/fall), 0..1.
 */
export function buildEnvelope(v: Voice, adOnly: boolean): void {
  const chans = channels(v, (j) => j.signal === 'cv');
  for (const channel of chans) {
    const mine = (j: Jack) => inChannel(j, chans, channel);
    const env = new Envelope(v);
    const gateOuts = v.outs((j) => isGateSignal(j) && outInChannel(j, chans, channel)).map((j) => v.gateOutput(j));
    for (const jack of v.ins((j) => isGateSignal(j) && mine(j))) {
      const sustained = !adOnly && jack.signal === 'gate';
      v.inputOf(jack, (gate) => {
        env.gate(gate, sustained);
        for (const out of gateOuts) out.send(gate);
      });
    }
    for (const jack of v.outs((j) => j.signal === 'cv' && outInChannel(j, chans, channel))) {
      if (/inv/.test(jack.id)) {
        const inverted = v.own(v.ctx.createGain());
        inverted.gain.value = -1;
        env.source.connect(inverted);
        v.output(jack, inverted);
      } else v.output(jack, env.source);
    }
    v.onApply((s) => {
      env.shape = {
        attack: stageSeconds(s.knobs.get(/^(attack|a$|rise|knob_1|delay)/, 0.1, channel)),
        decay: stageSeconds(s.knobs.get(/^(decay|d$|fall|knob_2)/, 0.5, channel)),
        sustain: adOnly ? 0 : s.knobs.get(/^(sustain|s$)/, 0.7, channel),
        release: stageSeconds(s.knobs.get(/^(release|r$|fall)/, 0.5, channel)),
      };
    });
  }
}

function absCurve(): Float32Array<ArrayBuffer> {
  const curve = new Float32Array(new ArrayBuffer(4 * 1025));
  for (let i = 0; i < curve.length; i++) curve[i] = Math.abs((i / 512) - 1);
  return curve;
}

/**
 * Function generators (Maths, Tides, Stages, envelope followers…): per channel, gate and trigger
 * inputs fire a rise/fall envelope (held while a gate is high); CV inputs pass through a slew set
 * by the rise knob into the same outputs; audio inputs pass to audio outputs and are followed
 * (rectified, smoothed) onto the CV outputs; gate outputs pass gates on. They do not self-cycle.
 */
export function buildFunction(v: Voice): void {
  const ctx = v.ctx;
  const chans = channels(v, (j) => j.signal === 'cv');
  const audio = v.own(ctx.createGain());
  const follower = v.own(ctx.createBiquadFilter());
  follower.type = 'lowpass';
  follower.frequency.value = 20;
  const rectifier = v.own(ctx.createWaveShaper());
  rectifier.curve = absCurve();
  const followGain = v.own(ctx.createGain());
  followGain.gain.value = 2;
  audio.connect(rectifier).connect(follower).connect(followGain);
  for (const jack of v.ins((j) => j.signal === 'audio')) v.input(jack).bus.connect(audio);
  for (const jack of v.outs((j) => j.signal === 'audio')) v.output(jack, audio);
  for (const channel of chans) {
    const mine = (j: Jack) => inChannel(j, chans, channel);
    const env = new Envelope(v);
    const sum = v.own(ctx.createGain());
    env.source.connect(sum);
    followGain.connect(sum);
    const slew = v.own(ctx.createBiquadFilter());
    slew.type = 'lowpass';
    slew.Q.value = 0.5;
    slew.connect(sum);
    const gateOuts = v.outs((j) => isGateSignal(j) && outInChannel(j, chans, channel)).map((j) => v.gateOutput(j));
    for (const jack of v.ins(mine)) {
      if (isGateSignal(jack)) {
        const sustained = jack.signal === 'gate';
        v.inputOf(jack, (gate) => {
          env.gate(gate, sustained);
          for (const out of gateOuts) out.send(gate);
        });
      } else if (jack.signal === 'cv' && /signal|^in$|slew_in|_in(_\d)?$|^[xyz](_\d)?$|^cv_\d$/.test(jack.id)) {
        v.inputOf(jack).bus.connect(slew);
      }
    }
    for (const jack of v.outs((j) => j.signal === 'cv' && outInChannel(j, chans, channel))) {
      if (/inv|attenuverted/.test(jack.id)) {
        const inverted = v.own(ctx.createGain());
        inverted.gain.value = -1;
        sum.connect(inverted);
        v.output(jack, inverted);
      } else v.output(jack, sum);
    }
    v.onApply((s) => {
      const rise = stageSeconds(s.knobs.get(/^(rise|attack|slope|slider|shape|pot|a_)/, 0.2, channel));
      const fall = stageSeconds(s.knobs.get(/^(fall|decay|b_|shape)/, 0.4, channel));
      env.shape = { attack: rise, decay: fall, sustain: 1, release: fall };
      glide(slew.frequency, 1 / (2 * Math.PI * rise), s);
    });
  }
}

