// The canvas mirrors the document: what a user does to shapes becomes document edits, and
// tldraw's own tools and undo are narrowed to what a rack keeps.
import { getModule, removeModule } from '@patchroom/doc-model';
import type { Editor, TLShape, TLUiOverrides } from 'tldraw';
import type * as Y from 'yjs';
import { tryLocalEdit } from '../edits.ts';
import { ANNOTATION_SHAPE_TYPES } from './annotation-sync.ts';
import { RACK_MODULE, type RackModuleShape } from './module-shape.tsx';
import { shapeIdFor } from './projection.ts';

const KEPT_TOOLS = ['select', 'hand', 'zoom', 'note', 'arrow', 'draw', 'eraser', 'laser'];
const KEPT_SHAPES = new Set([RACK_MODULE, ...ANNOTATION_SHAPE_TYPES]);

/**
 * The canvas mirrors the document, so user actions on it become document edits: deleting a
 * panel removes the module; notes, arrows and strokes are annotations (see annotation-sync);
 * anything else created on the canvas (pasted images, text, shapes) is not part of a rack and is
 * dropped again.
 */
export function guardCanvasEdits(editor: Editor, doc: Y.Doc, onNotice: (message: string) => void): () => void {
  let toRemove: string[] = [];
  const flushRemovals = () => {
    const ids = toRemove;
    toRemove = [];
    tryLocalEdit(doc, () => ids.forEach((id) => removeModule(doc, id)), onNotice);
  };
  const stopDelete = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
    if (source !== 'user' || !isProjectedModule(shape) || !getModule(doc, shape.props.moduleId)) return;
    if (toRemove.length === 0) queueMicrotask(flushRemovals);
    toRemove.push(shape.props.moduleId);
    return false; // the document change removes the panel for everyone, this canvas included
  });
  const stopCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || (KEPT_SHAPES.has(shape.type) && !isStrayModule(shape))) return;
    queueMicrotask(() => editor.store.mergeRemoteChanges(() => editor.store.remove([shape.id])));
  });
  return () => {
    stopDelete();
    stopCreate();
  };
}

function isProjectedModule(shape: TLShape): shape is RackModuleShape {
  return shape.type === RACK_MODULE && shape.id === shapeIdFor((shape as RackModuleShape).props.moduleId);
}

/** A panel made by the user (a duplicate, a paste) rather than by the projection. */
function isStrayModule(shape: TLShape): boolean {
  return shape.type === RACK_MODULE && !isProjectedModule(shape);
}

export function canvasOverrides(undoManager: Y.UndoManager): TLUiOverrides {
  return {
    tools(_editor, tools) {
      return Object.fromEntries(Object.entries(tools).filter(([id]) => KEPT_TOOLS.includes(id)));
    },
    // Undo and redo act on the shared document, and only on this user's own edits. Their keys
    // are handled by the room (so they work wherever the focus is), not by tldraw.
    actions(_editor, actions) {
      const undo = actions['undo'];
      const redo = actions['redo'];
      return {
        ...actions,
        ...(undo ? { undo: { ...undo, kbd: undefined, onSelect: () => void undoManager.undo() } } : {}),
        ...(redo ? { redo: { ...redo, kbd: undefined, onSelect: () => void undoManager.redo() } } : {}),
      };
    },
  };
}
