import type { CatalogCase, CatalogModule } from '@patchroom/engine';
import { getModule, moveModule, observeRack, readRows, removeModule, type RowShape } from '@patchroom/doc-model';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Editor, TLComponents, TLShape, TLShapeId, TLUiOverrides } from 'tldraw';
import { Tldraw, useValue } from 'tldraw';
import 'tldraw/tldraw.css';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { describeEditError, localEdit } from '../edits.ts';
import { CaseLayoutContext, CaseRails } from './CaseRails.tsx';
import './canvas.css';
import { layoutCase, type CaseLayout, type RowInput, type Slot } from './layout.ts';
import { RACK_MODULE, RackModuleShapeUtil, type RackBridge, type RackModuleShape } from './module-shape.tsx';
import { shareOwnCursor, syncRemoteCursors } from './presence-sync.ts';
import { projectRack, shapeIdFor } from './projection.ts';

export interface RackCanvasProps {
  doc: Y.Doc;
  awareness: Awareness;
  undoManager: Y.UndoManager;
  rackCase: CatalogCase;
  catalog: ReadonlyMap<string, CatalogModule>;
  readOnly: boolean;
  licenseKey: string | null;
  /** Tells the user why an edit did not happen (e.g. the slot is taken). */
  onNotice(message: string): void;
}

// Self-hosted fonts, icons and translations: the canvas must work offline and without tldraw's CDN.
const assetUrls = getAssetUrlsByImport();

// Only what a rack needs: no drawing tools, style panel, pages or menus.
const components: TLComponents = {
  OnTheCanvas: CaseRails,
  Toolbar: null,
  StylePanel: null,
  PageMenu: null,
  MainMenu: null,
  ActionsMenu: null,
  HelpMenu: null,
  QuickActions: null,
  DebugMenu: null,
  DebugPanel: null,
  SharePanel: null,
  MenuPanel: null,
  ContextMenu: null,
  Minimap: null,
  RichTextToolbar: null,
  ImageToolbar: null,
  VideoToolbar: null,
  KeyboardShortcutsDialog: null,
};

const KEPT_TOOLS = ['select', 'hand', 'zoom'];
/** Below this, panel lettering gets too small to read; above it a small case looks blown up. */
const MIN_FIT_ZOOM = 0.6;
const MAX_FIT_ZOOM = 1.25;

export default function RackCanvas(props: RackCanvasProps) {
  const { doc, awareness, undoManager, rackCase, catalog, readOnly, licenseKey, onNotice } = props;
  const [editor, setEditor] = useState<Editor | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const docRows = useDocRows(doc);
  const layout = useMemo(() => layoutCase(rowsWithHeights(docRows, rackCase)), [docRows, rackCase]);

  // The shape util and the canvas share this object; its fields change, the object does not.
  const [bridge] = useState<RackBridge & { reproject(): void }>(() => ({
    layout,
    onDrop: () => undefined,
    reproject: () => undefined,
  }));
  const [shapeUtils] = useState(() => [RackModuleShapeUtil.configure({ bridge })]);
  const overrides = useMemo(() => canvasOverrides(undoManager), [undoManager]);
  const latest = useRef({ catalog, layout, onNotice });
  latest.current = { catalog, layout, onNotice };
  bridge.layout = layout;

  // Document → canvas, on every change (local or remote) and when the catalog or layout changes.
  useEffect(() => {
    if (!editor) return;
    const project = () =>
      projectRack(editor, doc, latest.current.layout, latest.current.catalog, {
        holdPositionOf: draggedShapes(editor),
      });
    bridge.reproject = () => projectRack(editor, doc, latest.current.layout, latest.current.catalog);
    bridge.onDrop = (moduleId, slot) => queueMicrotask(() => commitMove(moduleId, slot));
    const commitMove = (moduleId: string, slot: Slot) => {
      try {
        localEdit(doc, () => {
          const current = getModule(doc, moduleId);
          if (current && current.row === slot.row && current.hp === slot.hp) return;
          moveModule(doc, moduleId, slot);
        });
      } catch (error) {
        latest.current.onNotice(describeEditError(error));
      }
      // Whatever happened, the panel goes where the document says.
      bridge.reproject();
    };
    project();
    // One transaction can touch several shared types: project once, after all of them.
    let scheduled = false;
    let disposed = false;
    const stop = observeRack(doc, () => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        if (!disposed) project();
      });
    });
    return () => {
      disposed = true;
      stop();
    };
  }, [editor, doc, bridge]);

  useEffect(() => {
    if (editor) bridge.reproject();
  }, [editor, bridge, catalog, layout]);

  useEffect(() => {
    editor?.updateInstanceState({ isReadonly: readOnly });
  }, [editor, readOnly]);

  useEffect(() => {
    if (!editor) return;
    return guardCanvasEdits(editor, doc, (message) => latest.current.onNotice(message));
  }, [editor, doc]);

  useEffect(() => {
    if (!editor || !containerRef.current) return;
    const stopRemote = syncRemoteCursors(editor, awareness);
    const stopOwn = shareOwnCursor(editor, awareness, containerRef.current);
    return () => {
      stopOwn();
      stopRemote();
    };
  }, [editor, awareness]);

  const caseContext = useMemo(
    () => ({ layout, caseName: `${rackCase.manufacturer} ${rackCase.name}` }),
    [layout, rackCase],
  );

  return (
    <div className="rack-canvas" ref={containerRef}>
      <CaseLayoutContext.Provider value={caseContext}>
        <Tldraw
          licenseKey={licenseKey ?? undefined}
          assetUrls={assetUrls}
          shapeUtils={shapeUtils}
          components={components}
          overrides={overrides}
          onMount={(mounted) => {
            mounted.updateInstanceState({ isReadonly: readOnly, isGridMode: false });
            // The viewport has its real size only after the first layout pass.
            const frame = requestAnimationFrame(() => fitCase(mounted, latest.current.layout));
            setEditor(mounted);
            return () => {
              cancelAnimationFrame(frame);
              setEditor(null);
            };
          }}
        />
      </CaseLayoutContext.Provider>
      {editor && !readOnly ? <SelectionBar editor={editor} doc={doc} onNotice={onNotice} /> : null}
    </div>
  );
}

function useDocRows(doc: Y.Doc): RowShape[] {
  const [rows, setRows] = useState(() => readRows(doc));
  useEffect(() => {
    const read = () => setRows((prev) => (JSON.stringify(prev) === JSON.stringify(readRows(doc)) ? prev : readRows(doc)));
    read();
    return observeRack(doc, read);
  }, [doc]);
  return rows;
}

/** The document knows each row's width; the case catalog knows how tall its rows are. */
function rowsWithHeights(docRows: RowShape[], rackCase: CatalogCase): RowInput[] {
  const source = docRows.length > 0 ? docRows : rackCase.rows;
  return source.map((row, i) => ({ hp: row.hp, heightU: rackCase.rows[i]?.heightU }));
}

function draggedShapes(editor: Editor): Set<TLShapeId> {
  return editor.isIn('select.translating') ? new Set(editor.getSelectedShapeIds()) : new Set();
}

/** Shows the whole case when it fits legibly, else its top-left corner at a readable zoom. */
function fitCase(editor: Editor, layout: CaseLayout) {
  const viewport = editor.getViewportScreenBounds();
  const inset = 24;
  const fit = Math.min((viewport.w - 2 * inset) / layout.width, (viewport.h - 2 * inset) / layout.height);
  const zoom = Math.min(MAX_FIT_ZOOM, Math.max(MIN_FIT_ZOOM, fit));
  editor.setCamera({ x: inset / zoom - layout.x, y: inset / zoom - layout.y, z: zoom });
}

/**
 * The canvas only mirrors the document, so user actions on it become document edits:
 * deleting a panel removes the module; anything else created on the canvas (pasted shapes,
 * duplicates, text from a double-click) is not part of a rack and is dropped again.
 */
function guardCanvasEdits(editor: Editor, doc: Y.Doc, onNotice: (message: string) => void): () => void {
  let toRemove: string[] = [];
  const flushRemovals = () => {
    const ids = toRemove;
    toRemove = [];
    try {
      localEdit(doc, () => ids.forEach((id) => removeModule(doc, id)));
    } catch (error) {
      onNotice(describeEditError(error));
    }
  };
  const stopDelete = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
    if (source !== 'user' || !isProjectedModule(shape) || !getModule(doc, shape.props.moduleId)) return;
    if (toRemove.length === 0) queueMicrotask(flushRemovals);
    toRemove.push(shape.props.moduleId);
    return false; // the document change removes the panel for everyone, this canvas included
  });
  const stopCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || isProjectedModule(shape)) return;
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

function canvasOverrides(undoManager: Y.UndoManager): TLUiOverrides {
  return {
    tools(_editor, tools) {
      return Object.fromEntries(Object.entries(tools).filter(([id]) => KEPT_TOOLS.includes(id)));
    },
    // Undo and redo act on the shared document, and only on this user's own edits.
    actions(_editor, actions) {
      const undo = actions['undo'];
      const redo = actions['redo'];
      return {
        ...actions,
        ...(undo ? { undo: { ...undo, onSelect: () => void undoManager.undo() } } : {}),
        ...(redo ? { redo: { ...redo, onSelect: () => void undoManager.redo() } } : {}),
      };
    },
  };
}

/** A small bar over the canvas for what is selected: the visible way to remove a module. */
function SelectionBar({ editor, doc, onNotice }: { editor: Editor; doc: Y.Doc; onNotice(message: string): void }) {
  const selected = useValue(
    'selected modules',
    () => editor.getSelectedShapes().filter(isProjectedModule).map((s) => ({ id: s.props.moduleId, name: s.props.name })),
    [editor],
  );
  if (selected.length === 0) return null;
  const label = selected.length === 1 ? `Remove ${selected[0]!.name}` : `Remove ${selected.length} modules`;
  const remove = () => {
    try {
      localEdit(doc, () => selected.forEach((m) => removeModule(doc, m.id)));
    } catch (error) {
      onNotice(describeEditError(error));
    }
  };
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected modules">
      <button type="button" className="button danger" onClick={remove}>
        {label}
      </button>
      <span className="selection-hint">or press Delete</span>
    </div>
  );
}
