// Builds one patch: cables under the rules (compatible signals, one cable per input, outputs fan
// out), the order in which modules joined the patch, and a plain-words account for the notes.
import type { Jack } from '../racks/catalog-types.ts';
import type { ModuleRole, Port, RackAnalysis, RackModule } from './rack.ts';
import type { Rng } from './random.ts';
import { CABLE_COLORS, canPatch } from './signals.ts';
import type { GeneratedCable, JackRef } from './types.ts';

const NONE: readonly RackModule[] = [];

export class PatchBuilder {
  readonly cables: GeneratedCable[] = [];
  /** Modules in the order they joined the patch. */
  readonly modules: RackModule[] = [];
  private readonly taken: Uint8Array;
  /** 1 = joined the patch (has a cable), 2 = set aside by a recipe for a later cable. */
  private readonly state: Uint8Array;
  private readonly story: string[] = [];

  constructor(
    readonly rack: RackAnalysis,
    readonly r: Rng,
  ) {
    this.taken = new Uint8Array(rack.inputSlots);
    this.state = new Uint8Array(rack.modules.length);
  }

  /** True once the module is part of the patch (or set aside for it). */
  has(mod: RackModule): boolean {
    return this.state[mod.index] !== 0;
  }

  /** Sets a module aside so that later picks do not choose it again (it joins with its first cable). */
  reserve(mod: RackModule): void {
    if (this.state[mod.index] === 0) this.state[mod.index] = 2;
  }

  isFree(mod: RackModule, jack: Jack): boolean {
    const slot = mod.slots.get(jack);
    return slot !== undefined && this.taken[slot] === 0;
  }

  /** The first of `jacks` (inputs of `mod`) still free. */
  firstFree(mod: RackModule, jacks: readonly Jack[]): Jack | undefined {
    for (const jack of jacks) if (this.isFree(mod, jack)) return jack;
    return undefined;
  }

  /** Patches from → to when the rules allow it; false (and nothing patched) otherwise. */
  connect(from: Port, to: Port): boolean {
    if (from.jack.dir !== 'out' || to.jack.dir !== 'in' || from.mod === to.mod) return false;
    const slot = to.mod.slots.get(to.jack);
    if (slot === undefined || this.taken[slot] !== 0 || !canPatch(from.jack.signal, to.jack.signal)) return false;
    this.taken[slot] = 1;
    this.join(from.mod);
    this.join(to.mod);
    this.cables.push({ from: ref(from), to: ref(to), color: CABLE_COLORS[from.jack.signal] });
    return true;
  }

  tell(sentence: string): void {
    this.story.push(sentence);
  }

  notes(): string {
    return this.story.join(' ');
  }

  role(role: ModuleRole): readonly RackModule[] {
    return this.rack.byRole.get(role) ?? NONE;
  }

  private join(mod: RackModule): void {
    if (this.state[mod.index] === 1) return;
    this.state[mod.index] = 1;
    this.modules.push(mod);
  }
}

export const ref = (port: Port): JackRef => ({ moduleId: port.mod.id, jackId: port.jack.id });

/** A module's name for notes. */
export const label = (mod: RackModule): string => mod.catalog.name;

/** A jack's name for notes, without a trailing full stop ("Res. Mod." → "Res. Mod"). */
export const jackLabel = (jack: Jack): string => jack.name.replace(/\.+$/, '');
