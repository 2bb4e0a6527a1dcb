// Checks a patch against a rack before anyone writes it: every cable joins an existing output to
// an existing input of a compatible signal, one cable per input, and every knob is in range.
import type { CatalogModule, Jack } from '../racks/catalog-types.ts';
import { canPatch } from './signals.ts';
import type { GeneratedCable, JackRef, KnobSetting, RackModuleRef } from './types.ts';

export type PatchProblemCode =
  | 'unknown-module'
  | 'unknown-jack'
  | 'wrong-direction'
  | 'incompatible-signals'
  | 'input-taken'
  | 'unknown-control'
  | 'knob-out-of-range'
  | 'duplicate-knob';

export interface PatchProblem {
  code: PatchProblemCode;
  message: string;
  /** Index of the cable or knob the problem is about. */
  cable?: number;
  knob?: number;
}

export interface PatchToCheck {
  cables: readonly Pick<GeneratedCable, 'from' | 'to'>[];
  knobs: readonly KnobSetting[];
}

/** Every problem found (empty when the patch is valid), in cable then knob order. */
export function validatePatch(patch: PatchToCheck, modules: readonly RackModuleRef[], catalog: readonly CatalogModule[]): PatchProblem[] {
  const entries = new Map(catalog.map((m) => [m.id, m]));
  const placed = new Map<string, CatalogModule | undefined>(modules.map((m) => [m.id, entries.get(m.catalogId)]));
  const problems: PatchProblem[] = [];
  const fed = new Map<string, number>();

  patch.cables.forEach((cable, index) => {
    const from = findJack(placed, cable.from, 'from', index, problems);
    const to = findJack(placed, cable.to, 'to', index, problems);
    if (from && from.dir !== 'out') problems.push({ code: 'wrong-direction', cable: index, message: `Cable ${index + 1} starts at ${describe(cable.from)}, which is an input.` });
    if (to && to.dir !== 'in') problems.push({ code: 'wrong-direction', cable: index, message: `Cable ${index + 1} ends at ${describe(cable.to)}, which is an output.` });
    if (from && to && from.dir === 'out' && to.dir === 'in' && !canPatch(from.signal, to.signal)) {
      problems.push({ code: 'incompatible-signals', cable: index, message: `Cable ${index + 1} patches a ${from.signal} output into a ${to.signal} input.` });
    }
    const key = `${cable.to.moduleId}\u0000${cable.to.jackId}`;
    const earlier = fed.get(key);
    if (earlier !== undefined) {
      problems.push({ code: 'input-taken', cable: index, message: `Cable ${index + 1} goes into ${describe(cable.to)}, which cable ${earlier + 1} already feeds.` });
    } else fed.set(key, index);
  });

  const set = new Map<string, number>();
  patch.knobs.forEach((knob, index) => {
    const entry = placed.get(knob.moduleId);
    if (entry === undefined) {
      problems.push({ code: 'unknown-module', knob: index, message: `Knob ${index + 1} is on module ${knob.moduleId}, which is not in the rack (or not in the catalog).` });
      return;
    }
    const control = entry.controls.find((c) => c.id === knob.controlId);
    if (!control) {
      problems.push({ code: 'unknown-control', knob: index, message: `${entry.name} has no control "${knob.controlId}".` });
      return;
    }
    if (typeof knob.value !== 'number' || !Number.isFinite(knob.value) || knob.value < control.min || knob.value > control.max) {
      problems.push({ code: 'knob-out-of-range', knob: index, message: `${entry.name} ${control.name} is set to ${knob.value}, outside ${control.min}..${control.max}.` });
    }
    const key = `${knob.moduleId}\u0000${knob.controlId}`;
    if (set.has(key)) problems.push({ code: 'duplicate-knob', knob: index, message: `${entry.name} ${control.name} is set twice.` });
    else set.set(key, index);
  });
  return problems;
}

function findJack(
  placed: ReadonlyMap<string, CatalogModule | undefined>,
  end: JackRef,
  side: 'from' | 'to',
  index: number,
  problems: PatchProblem[],
): Jack | undefined {
  const where = side === 'from' ? 'starts at' : 'ends at';
  const entry = placed.get(end.moduleId);
  if (entry === undefined) {
    problems.push({ code: 'unknown-module', cable: index, message: `Cable ${index + 1} ${where} module ${end.moduleId}, which is not in the rack (or not in the catalog).` });
    return undefined;
  }
  const jack = entry.jacks.find((j) => j.id === end.jackId);
  if (!jack) problems.push({ code: 'unknown-jack', cable: index, message: `Cable ${index + 1} ${where} ${entry.name}, which has no jack "${end.jackId}".` });
  return jack;
}

const describe = (end: JackRef): string => `${end.moduleId}/${end.jackId}`;
