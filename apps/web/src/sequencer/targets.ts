// What a track can drive: the gate, trigger, pitch and CV inputs of the modules in the rack.
import type { JackRef, PlacedModule } from '@patchroom/doc-model';
import type { CatalogModule, SignalType } from '@patchroom/engine';

export const TARGET_SIGNALS: ReadonlySet<SignalType> = new Set(['gate', 'trigger', 'pitch', 'cv']);

export interface TargetOption {
  /** `moduleId|jackId`: the value of a <select> option. */
  value: string;
  jackName: string;
  signal: SignalType;
}

export interface TargetGroup {
  moduleId: string;
  /** The module as the user tells it apart: "Doepfer A-110-1", with "(2)" for a second one. */
  label: string;
  options: TargetOption[];
}

export function targetValue(ref: JackRef | null): string {
  return ref ? `${ref.moduleId}|${ref.jackId}` : '';
}

export function parseTargetValue(value: string): JackRef | null {
  const bar = value.indexOf('|');
  if (bar <= 0 || bar === value.length - 1) return null;
  return { moduleId: value.slice(0, bar), jackId: value.slice(bar + 1) };
}

/**
 * One group per module (in rack order) with its inputs a sequencer track can drive. Modules
 * whose catalog entry has not arrived yet, or without such inputs, are left out.
 */
export function targetGroups(modules: readonly PlacedModule[], catalog: ReadonlyMap<string, CatalogModule>): TargetGroup[] {
  const seen = new Map<string, number>();
  const groups: TargetGroup[] = [];
  for (const placed of modules) {
    const entry = catalog.get(placed.catalogId);
    if (!entry) continue;
    const base = `${entry.manufacturer} ${entry.name}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const options = entry.jacks
      .filter((jack) => jack.dir === 'in' && TARGET_SIGNALS.has(jack.signal))
      .map((jack) => ({ value: targetValue({ moduleId: placed.id, jackId: jack.id }), jackName: jack.name, signal: jack.signal }));
    if (options.length > 0) groups.push({ moduleId: placed.id, label: count > 1 ? `${base} (${count})` : base, options });
  }
  return groups;
}

/** A track's target in words, for its header: "A-110-1 · Pitch CV", or "Not connected". */
export function describeTarget(ref: JackRef | null, groups: readonly TargetGroup[]): string {
  if (!ref) return 'Not connected';
  const value = targetValue(ref);
  for (const group of groups) {
    const option = group.options.find((o) => o.value === value);
    if (option) return `${group.label} · ${option.jackName}`;
  }
  return 'A module input';
}
