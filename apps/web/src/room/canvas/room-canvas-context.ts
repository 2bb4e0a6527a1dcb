// What the parts drawn inside tldraw (module panels, jacks, knobs, cables) need from the room.
// One object per canvas whose identity never changes, so providing it re-renders nothing; the
// catalog has its own context because it does change (as entries arrive).
import type { CatalogModule, Control } from '@patchroom/engine';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { RackView } from '../rack-view.ts';
import type { CableDrafts } from './cable-draft.ts';
import type { JackEnd } from './cable-rules.ts';

type Listener = () => void;

/** A value with listeners: the selected cable, whether the room is read-only. */
export class Signal<T> {
  private readonly listeners = new Set<Listener>();
  constructor(private value: T) {}
  get = () => this.value;
  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of [...this.listeners]) listener();
  }
  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
}

export function useSignal<T>(signal: Signal<T>): T {
  return useSyncExternalStore(signal.subscribe, signal.get);
}

/** Who else has a module selected: the first one's colour, everyone's names. */
export interface PeerSelection {
  color: string;
  names: string;
}

/** The others' selection of one module; a panel re-renders only when its own entry changes. */
export function usePeerSelection(room: RoomCanvas, moduleId: string): PeerSelection | null {
  const { subscribe, get } = room.peerModules;
  const color = useSyncExternalStore(subscribe, () => get().get(moduleId)?.color ?? null);
  const names = useSyncExternalStore(subscribe, () => get().get(moduleId)?.names ?? null);
  return color !== null && names !== null ? { color, names } : null;
}

export interface PanelLookup {
  /** A jack by `${moduleId}/${jackId}` (its key on the page). */
  jack(key: string): JackEnd | null;
  /** A knob, slider or switch of a placed module, with the module's name. */
  control(moduleId: string, controlId: string): { control: Control; moduleName: string } | null;
}

export interface RoomCanvas {
  doc: Y.Doc;
  view: RackView;
  drafts: CableDrafts;
  undoManager: Y.UndoManager;
  readOnly: Signal<boolean>;
  /** The cable the user selected (to recolour or delete it), by id. */
  selectedCable: Signal<string | null>;
  /** Cables other people have selected, with their colour. */
  peerCables: Signal<ReadonlyMap<string, string>>;
  /** Modules other people have selected, by module id. */
  peerModules: Signal<ReadonlyMap<string, PeerSelection>>;
  removeCable(id: string): void;
  recolorCable(id: string, color: string): void;
  /** Looks up what the canvas shows, from the module shapes and the catalog. */
  lookup: PanelLookup;
  /** Tells the user, politely and briefly, what just happened or why it did not. */
  announce(message: string): void;
  /** Tells the user why an edit did not happen. */
  notice(message: string): void;
}

export const RoomCanvasContext = createContext<RoomCanvas | null>(null);

export function useRoomCanvas(): RoomCanvas {
  const value = useContext(RoomCanvasContext);
  if (!value) throw new Error('useRoomCanvas outside the rack canvas');
  return value;
}

export const CatalogContext = createContext<ReadonlyMap<string, CatalogModule>>(new Map());

export function useCatalogEntry(catalogId: string): CatalogModule | undefined {
  return useContext(CatalogContext).get(catalogId);
}
