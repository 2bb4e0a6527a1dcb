import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** Which shortcut a key press is: undo (Ctrl/Cmd+Z), redo (Shift+Ctrl/Cmd+Z, Ctrl+Y) or neither. */
export function undoShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && e.ctrlKey && !e.shiftKey) return 'redo';
  return null;
}

/**
 * Undo and redo of this user's own edits, wherever the focus is in the room — except in plain
 * text fields (search, names), which keep the browser's own undo, and in a note being typed on
 * the canvas, whose editor has its own.
 */
export function useUndoShortcuts(undoManager: Y.UndoManager | null) {
  useEffect(() => {
    if (!undoManager) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const action = undoShortcut(e);
      if (!action) return;
      const target = e.target;
      if (target instanceof HTMLElement) {
        if (target.isContentEditable) return;
        const field = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA';
        if (field && target.dataset.sharedText !== 'true') return;
      }
      e.preventDefault();
      if (action === 'undo') undoManager.undo();
      else undoManager.redo();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undoManager]);
}

/** Whether there is anything to undo or redo, kept current. */
export function useUndoState(undoManager: Y.UndoManager | null) {
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    if (!undoManager) return;
    const read = () => setState({ canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() });
    read();
    undoManager.on('stack-item-added', read);
    undoManager.on('stack-item-popped', read);
    undoManager.on('stack-cleared', read);
    return () => {
      undoManager.off('stack-item-added', read);
      undoManager.off('stack-item-popped', read);
      undoManager.off('stack-cleared', read);
    };
  }, [undoManager]);
  return state;
}
