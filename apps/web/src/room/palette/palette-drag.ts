// A module being dragged from the palette onto the canvas. HTML drag and drop hides the dragged
// data until the drop, but the canvas must show where the module would land (and whether it
// fits) and the budget what it would add while the pointer moves: this small store shares it.
import type { CatalogModule } from '@patchroom/engine';
import { useSyncExternalStore } from 'react';

/** The data type a palette item puts on the drag: other drags (files, text) are not drops here. */
export const PALETTE_DRAG_TYPE = 'application/x-patchroom-module';

export interface DropTarget {
  row: number;
  hp: number;
  /** Why the module cannot go there (overlap, too wide); null when it fits. */
  problem: string | null;
}

export interface PaletteDrag {
  module: CatalogModule;
  /** The slot under the pointer; null while the pointer is off the case. */
  target: DropTarget | null;
}

let current: PaletteDrag | null = null;
const listeners = new Set<() => void>();

function set(next: PaletteDrag | null): void {
  current = next;
  for (const listener of listeners) listener();
}

export const paletteDrag = {
  start(module: CatalogModule): void {
    set({ module, target: null });
  },
  aim(target: DropTarget | null): void {
    if (!current || sameTarget(current.target, target)) return;
    set({ ...current, target });
  },
  end(): void {
    if (current) set(null);
  },
  get(): PaletteDrag | null {
    return current;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function usePaletteDrag(): PaletteDrag | null {
  return useSyncExternalStore(paletteDrag.subscribe, paletteDrag.get);
}

function sameTarget(a: DropTarget | null, b: DropTarget | null): boolean {
  return a === b || (a !== null && b !== null && a.row === b.row && a.hp === b.hp && a.problem === b.problem);
}
