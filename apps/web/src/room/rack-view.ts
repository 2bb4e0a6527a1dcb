// What the room's panels read from the shared document, kept current incrementally. Each
// transaction is looked at once; only the parts it touched are read again, and only the
// listeners of values that really changed are called — a knob turned by a collaborator
// re-renders that knob, not the rack.
import {
  activePatchId,
  listCables,
  listKnobs,
  listPatches,
  rackParts,
  type Cable,
  type JackRef,
  type PatchInfo,
} from '@patchroom/doc-model';
import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

type Listener = () => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types each shared type by its event type
type SharedType = Y.AbstractType<any>;

/** Whether a transaction changed a shared type or anything nested in it. */
export function touchedBy(tx: Y.Transaction, type: SharedType): boolean {
  return tx.changed.has(type) || tx.changedParentTypes.has(type);
}

export const knobKey = (moduleId: string, controlId: string) => `${moduleId}/${controlId}`;
export const jackKeyOf = (ref: JackRef) => `${ref.moduleId}/${ref.jackId}`;

const EMPTY: readonly Cable[] = [];

export class RackView {
  private patches: PatchInfo[] = [];
  private active: string | null = null;
  private cables = new Map<string, Cable>();
  private cableList: Cable[] = [];
  private cablesByJack = new Map<string, Cable[]>();
  private cablesByModule = new Map<string, Cable[]>();
  private knobs = new Map<string, number>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly parts;
  private readonly onTransaction = (tx: Y.Transaction) => this.apply(tx);

  constructor(private readonly doc: Y.Doc) {
    this.parts = rackParts(doc);
    this.readPatches();
    this.readCables();
    this.readKnobs();
    doc.on('afterTransaction', this.onTransaction);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.listeners.clear();
  }

  subscribe(topic: string, listener: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(topic);
    };
  }

  getPatches(): PatchInfo[] {
    return this.patches;
  }
  getActivePatchId(): string | null {
    return this.active;
  }
  /** Cables of the active patch, sorted by id; the same array until one of them changes. */
  getCables(): readonly Cable[] {
    return this.cableList;
  }
  getCable(id: string): Cable | undefined {
    return this.cables.get(id);
  }
  cablesAt(ref: JackRef): readonly Cable[] {
    return this.cablesByJack.get(jackKeyOf(ref)) ?? EMPTY;
  }
  /** Cables plugged into any jack of a module; the same array until one of them changes. */
  cablesOfModule(moduleId: string): readonly Cable[] {
    return this.cablesByModule.get(moduleId) ?? EMPTY;
  }
  isInputTaken = (ref: JackRef): boolean => this.cablesAt(ref).some((c) => c.to.moduleId === ref.moduleId && c.to.jackId === ref.jackId);
  /** A knob's value in the active patch; undefined when never turned (the catalog default applies). */
  getKnob(moduleId: string, controlId: string): number | undefined {
    return this.knobs.get(knobKey(moduleId, controlId));
  }

  private apply(tx: Y.Transaction): void {
    const touched = (type: SharedType) => touchedBy(tx, type);
    const { meta, patches, cables, modules, knobs } = this.parts;
    const changed = new Set<string>();
    let activeChanged = false;
    if (touched(meta) || touched(patches)) {
      const before = this.active;
      if (this.readPatches()) changed.add('patches');
      activeChanged = before !== this.active;
    }
    if (activeChanged || touched(cables) || touched(modules) || touched(patches)) {
      for (const topic of this.readCables()) changed.add(topic);
    }
    if (activeChanged || touched(knobs) || touched(modules)) {
      for (const topic of this.readKnobs()) changed.add(topic);
    }
    for (const topic of changed) this.listeners.get(topic)?.forEach((listener) => listener());
  }

  /** Returns true when the list or the active patch changed. */
  private readPatches(): boolean {
    const next = listPatches(this.doc);
    const active = activePatchId(this.doc);
    const same =
      active === this.active &&
      next.length === this.patches.length &&
      next.every((p, i) => {
        const q = this.patches[i]!;
        return p.id === q.id && p.name === q.name && p.category === q.category;
      });
    this.active = active;
    if (same) return false;
    this.patches = next;
    return true;
  }

  /** Topics to notify: 'cables' and the modules whose cables changed. */
  private readCables(): string[] {
    const next = new Map<string, Cable>();
    const topics = new Set<string>();
    for (const cable of this.active ? listCables(this.doc, this.active) : []) {
      const old = this.cables.get(cable.id);
      const same = old && sameCable(old, cable);
      next.set(cable.id, same ? old : cable);
      if (!same) {
        for (const end of [cable.from, cable.to, ...(old ? [old.from, old.to] : [])]) topics.add(`module:${end.moduleId}`);
      }
    }
    for (const [id, old] of this.cables) {
      if (!next.has(id)) for (const end of [old.from, old.to]) topics.add(`module:${end.moduleId}`);
    }
    if (topics.size === 0 && next.size === this.cables.size) return [];
    this.cables = next;
    this.cableList = [...next.values()];
    const byJack = new Map<string, Cable[]>();
    for (const cable of this.cableList) {
      for (const end of [cable.from, cable.to]) {
        const key = jackKeyOf(end);
        const list = byJack.get(key);
        if (list) list.push(cable);
        else byJack.set(key, [cable]);
      }
    }
    const byModule = new Map<string, Cable[]>();
    for (const cable of this.cableList) {
      for (const moduleId of new Set([cable.from.moduleId, cable.to.moduleId])) {
        const list = byModule.get(moduleId);
        if (list) list.push(cable);
        else byModule.set(moduleId, [cable]);
      }
    }
    // Jacks and modules whose cables did not change keep their list, so they do not re-render.
    this.cablesByJack = keepUnchanged(byJack, this.cablesByJack);
    this.cablesByModule = keepUnchanged(byModule, this.cablesByModule);
    return ['cables', ...topics];
  }

  /** Topics of the knobs whose value changed. */
  private readKnobs(): string[] {
    const next = new Map<string, number>();
    if (this.active) {
      try {
        for (const k of listKnobs(this.doc, this.active)) next.set(knobKey(k.moduleId, k.controlId), k.value);
      } catch {
        // the active patch vanished in this very transaction: no knob values to show
      }
    }
    const topics: string[] = [];
    for (const [key, value] of next) if (this.knobs.get(key) !== value) topics.push(`knob:${key}`);
    for (const key of this.knobs.keys()) if (!next.has(key)) topics.push(`knob:${key}`);
    this.knobs = next;
    return topics;
  }
}

function keepUnchanged(next: Map<string, Cable[]>, previous: Map<string, Cable[]>): Map<string, Cable[]> {
  for (const [key, list] of next) {
    const old = previous.get(key);
    if (old && old.length === list.length && old.every((c, i) => c === list[i])) next.set(key, old);
  }
  return next;
}

function sameCable(a: Cable, b: Cable): boolean {
  return (
    a.color === b.color &&
    a.patchId === b.patchId &&
    a.from.moduleId === b.from.moduleId &&
    a.from.jackId === b.from.jackId &&
    a.to.moduleId === b.to.moduleId &&
    a.to.jackId === b.to.jackId
  );
}

/** A value of the view, re-read only when its topic is notified. */
export function useRackView<T>(view: RackView, topic: string, read: (view: RackView) => T): T {
  const subscribe = useCallback((listener: Listener) => view.subscribe(topic, listener), [view, topic]);
  return useSyncExternalStore(subscribe, () => read(view));
}

export function useKnobValue(view: RackView, moduleId: string, controlId: string): number | undefined {
  return useRackView(view, `knob:${knobKey(moduleId, controlId)}`, (v) => v.getKnob(moduleId, controlId));
}

export function useModuleCables(view: RackView, moduleId: string): readonly Cable[] {
  return useRackView(view, `module:${moduleId}`, (v) => v.cablesOfModule(moduleId));
}

export function useCables(view: RackView): readonly Cable[] {
  return useRackView(view, 'cables', (v) => v.getCables());
}

export function usePatches(view: RackView): { patches: PatchInfo[]; active: string | null } {
  const patches = useRackView(view, 'patches', (v) => v.getPatches());
  const active = useRackView(view, 'patches', (v) => v.getActivePatchId());
  return { patches, active };
}
