// Which output may feed which input, and the cable colour of each signal type.
import type { SignalType } from '../racks/catalog-types.ts';

/**
 * Output signal → input signals it may be patched into. Eurorack is "all voltages", so the table
 * admits what players do on purpose and refuses what is a mistake:
 * - audio → audio, and audio → cv (audio-rate modulation: FM, AM, noise into a sample & hold);
 *   audio never into pitch or gate/trigger/clock inputs.
 * - cv → cv and pitch (vibrato, sequenced CV), and cv → gate/trigger/clock (a square LFO or a clock
 *   divider whose catalog jacks are typed cv fires a gate input by crossing its threshold).
 * - pitch → pitch and cv (key tracking a filter); pitch never into gate-type inputs.
 * - gate, trigger, clock → each other, and → cv (stepped modulation, clock inputs typed cv).
 * - nothing but audio goes into an audio input (a control voltage there is silent DC).
 */
export const SIGNAL_COMPATIBILITY: Readonly<Record<SignalType, readonly SignalType[]>> = {
  audio: ['audio', 'cv'],
  cv: ['cv', 'pitch', 'gate', 'trigger', 'clock'],
  pitch: ['pitch', 'cv'],
  gate: ['gate', 'trigger', 'clock', 'cv'],
  trigger: ['gate', 'trigger', 'clock', 'cv'],
  clock: ['gate', 'trigger', 'clock', 'cv'],
};

export function canPatch(from: SignalType, to: SignalType): boolean {
  return SIGNAL_COMPATIBILITY[from].includes(to);
}

/** Cable colour by the signal of the output jack: the same palette everywhere. */
export const CABLE_COLORS: Readonly<Record<SignalType, string>> = {
  audio: '#e8b04a',
  cv: '#4a9be8',
  pitch: '#5cc85c',
  gate: '#e85a4a',
  trigger: '#e87ac8',
  clock: '#a07ae8',
};

export const isTiming = (signal: SignalType): boolean => signal === 'gate' || signal === 'trigger' || signal === 'clock';
