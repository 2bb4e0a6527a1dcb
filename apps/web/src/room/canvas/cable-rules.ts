// Whether a cable may go from one jack to another, with the reason in words when it may not.
// The document enforces what it can see (one cable per input); the catalog knows directions and
// signal types, so those rules live here, next to the canvas that offers the drop targets.
import { CABLE_COLORS, canPatch, type SignalType } from '@patchroom/engine';
import type { JackRef } from '@patchroom/doc-model';

export interface JackEnd {
  moduleId: string;
  jackId: string;
  dir: 'in' | 'out';
  signal: string;
  /** For messages and labels: the module's and the jack's names. */
  moduleName: string;
  jackName: string;
}

export type CableCheck =
  | { ok: true; from: JackRef; to: JackRef }
  | { ok: false; reason: string; sameJack?: boolean };

const SIGNALS = Object.keys(CABLE_COLORS) as SignalType[];
const isSignal = (value: string): value is SignalType => (SIGNALS as string[]).includes(value);

export function jackKey(ref: JackRef): string {
  return `${ref.moduleId}/${ref.jackId}`;
}

/** Can a cable started at `source` be plugged into `target`? The cable always runs output → input. */
export function checkCableTarget(
  source: JackEnd,
  target: JackEnd,
  isInputTaken: (input: JackRef) => boolean,
): CableCheck {
  if (source.moduleId === target.moduleId && source.jackId === target.jackId) {
    return { ok: false, reason: 'Choose another jack to plug the cable into.', sameJack: true };
  }
  if (source.dir === target.dir) {
    return {
      ok: false,
      reason: source.dir === 'in' ? 'Two inputs cannot be patched together: an input takes an output.' : 'Two outputs cannot be patched together: an output feeds an input.',
    };
  }
  const [output, input] = source.dir === 'out' ? [source, target] : [target, source];
  const to = { moduleId: input.moduleId, jackId: input.jackId };
  if (isInputTaken(to)) return { ok: false, reason: `${input.moduleName} ${input.jackName} already has a cable.` };
  if (isSignal(output.signal) && isSignal(input.signal) && !canPatch(output.signal, input.signal)) {
    return { ok: false, reason: `${withArticle(output.signal, true)} output cannot feed ${withArticle(input.signal)} input.` };
  }
  return { ok: true, from: { moduleId: output.moduleId, jackId: output.jackId }, to };
}

/** A new cable takes the colour of the signal it carries (the output's). */
export function defaultCableColor(outputSignal: string): string {
  return isSignal(outputSignal) ? CABLE_COLORS[outputSignal] : CABLE_COLORS.audio;
}

/** The colours offered when recolouring a cable, with names for screen readers. */
export const CABLE_PALETTE: readonly { color: string; name: string }[] = [
  { color: CABLE_COLORS.audio, name: 'Yellow' },
  { color: CABLE_COLORS.cv, name: 'Blue' },
  { color: CABLE_COLORS.pitch, name: 'Green' },
  { color: CABLE_COLORS.gate, name: 'Red' },
  { color: CABLE_COLORS.trigger, name: 'Pink' },
  { color: CABLE_COLORS.clock, name: 'Purple' },
  { color: '#f1f3f5', name: 'White' },
  { color: '#343a40', name: 'Black' },
];

/** "Doepfer A-110-1 Saw output": what a screen reader says for a jack. */
export function jackLabel(moduleName: string, jackName: string, dir: 'in' | 'out'): string {
  return `${moduleName} ${jackName} ${dir === 'in' ? 'input' : 'output'}`;
}

/** "an audio", "a cv": the article English wants before a signal name. */
function withArticle(word: string, capital = false): string {
  const article = /^[aeiou]/i.test(word) ? 'an' : 'a';
  return `${capital ? article[0]!.toUpperCase() + article.slice(1) : article} ${word}`;
}
