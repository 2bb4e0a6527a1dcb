// Patching a cable: finishing a draft on a jack writes the cable to the document (or says why
// not), and the geometry that puts a jack on the page for cables and drafts.
import { connect, type JackRef } from '@patchroom/doc-model';
import type { CatalogModule } from '@patchroom/engine';
import type { Editor } from 'tldraw';
import { tryLocalEdit } from '../edits.ts';
import type { Point } from './cable-path.ts';
import { defaultCableColor, jackLabel, type JackEnd } from './cable-rules.ts';
import { RACK_MODULE, type RackModuleShape } from './module-shape.tsx';
import { panelLayoutFor } from './panel-layout.ts';
import { shapeIdFor } from './projection.ts';
import type { RoomCanvas } from './room-canvas-context.ts';

/** Plugs the draft's cable into `target`, or tells the user why it does not fit. */
export function finishCable(room: RoomCanvas, target: JackEnd): void {
  const source = room.drafts.current?.source;
  const check = room.drafts.finish(target);
  if (!check || !source) return;
  if (!check.ok) {
    if (!check.sameJack) room.notice(check.reason);
    else room.announce('Patching cancelled.');
    return;
  }
  const output = source.dir === 'out' ? source : target;
  const input = source.dir === 'out' ? target : source;
  room.undoManager.stopCapturing(); // each cable is its own step of undo
  const done = tryLocalEdit(
    room.doc,
    () => {
      connect(room.doc, { from: check.from, to: check.to, color: defaultCableColor(output.signal) });
    },
    room.notice,
  );
  if (done) room.announce(`Patched ${jackLabel(output.moduleName, output.jackName, 'out')} to ${jackLabel(input.moduleName, input.jackName, 'in')}.`);
}

export function startCable(room: RoomCanvas, source: JackEnd, mode: 'drag' | 'click' | 'keyboard', at: Point | null): void {
  room.selectedCable.set(null);
  room.drafts.start(source, mode, at);
  if (mode !== 'drag') {
    room.announce(
      `Patching from ${jackLabel(source.moduleName, source.jackName, source.dir)}. ` +
        (mode === 'keyboard' ? 'Move to another jack and press Enter, or press Escape to cancel.' : 'Click another jack, or press Escape to cancel.'),
    );
  }
}

/** The jack under a screen point, if any. */
export function jackAtPoint(room: RoomCanvas, clientX: number, clientY: number): JackEnd | null {
  const element = document.elementFromPoint(clientX, clientY)?.closest<HTMLElement>('[data-jack-key]');
  const key = element?.dataset.jackKey;
  return key ? room.lookup.jack(key) : null;
}

/** Where a jack's socket is on the page, following its module as it moves. */
export function jackPagePoint(editor: Editor, catalog: ReadonlyMap<string, CatalogModule>, ref: JackRef): Point | null {
  const shape = editor.getShape(shapeIdFor(ref.moduleId));
  if (!shape || shape.type !== RACK_MODULE) return null;
  const { props, x, y } = shape as RackModuleShape;
  const entry = catalog.get(props.catalogId);
  if (!entry) return null;
  const layout = panelLayoutFor(entry.id, { w: props.w, h: props.h, controls: entry.controls, jacks: entry.jacks });
  const item = layout.jacks.find((j) => j.id === ref.jackId);
  return item ? { x: x + item.cx, y: y + item.cy } : null;
}

/** Looks jacks and controls up in the module shapes and the catalog the canvas shows. */
export function panelLookup(editor: Editor, catalog: () => ReadonlyMap<string, CatalogModule>): RoomCanvas['lookup'] {
  const entryOf = (moduleId: string) => {
    const shape = editor.getShape(shapeIdFor(moduleId));
    return shape?.type === RACK_MODULE ? catalog().get((shape as RackModuleShape).props.catalogId) : undefined;
  };
  return {
    jack(key) {
      const slash = key.indexOf('/');
      if (slash < 0) return null;
      const moduleId = key.slice(0, slash);
      const jackId = key.slice(slash + 1);
      const entry = entryOf(moduleId);
      const jack = entry?.jacks.find((j) => j.id === jackId);
      if (!entry || !jack) return null;
      return { moduleId, jackId, dir: jack.dir, signal: jack.signal, moduleName: entry.name, jackName: jack.name };
    },
    control(moduleId, controlId) {
      const entry = entryOf(moduleId);
      const control = entry?.controls.find((c) => c.id === controlId);
      return entry && control ? { control, moduleName: entry.name } : null;
    },
  };
}

