import type { CatalogCase, CatalogModule } from '@patchroom/engine';
import { getModule, listModules, moveModule, rackParts, readRows, type RowShape } from '@patchroom/doc-model';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor, TLComponents, TLShapeId } from 'tldraw';
import {
  ArrowToolbarItem,
  DefaultColorStyle,
  DrawToolbarItem,
  EraserToolbarItem,
  HandToolbarItem,
  NoteToolbarItem,
  SelectToolbarItem,
  Tldraw,
  TldrawUiMenuContextProvider,
  TldrawUiToolbar,
  useTranslation,
} from 'tldraw';
import 'tldraw/tldraw.css';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { describeEditError, localEdit } from '../edits.ts';
import { touchedBy, type RackView } from '../rack-view.ts';
import { syncAnnotations } from './annotation-sync.ts';
import { canvasOverrides, guardCanvasEdits } from './canvas-edits.ts';
import { annotationShapeUtils } from './annotation-shapes.ts';
import { CableLayer } from './CableLayer.tsx';
import { CanvasOverlays } from './CanvasOverlays.tsx';
import { CaseLayoutContext, CaseRails } from './CaseRails.tsx';
import './canvas.css';
import { layoutCase, type CaseLayout, type RowInput, type Slot } from './layout.ts';
import { RackModuleShapeUtil, type RackBridge } from './module-shape.tsx';
import { shareOwnPresence, syncRemotePresence } from './presence-sync.ts';
import { projectRack } from './projection.ts';
import { CatalogContext, RoomCanvasContext } from './room-canvas-context.ts';
import { useRoomCanvasValue } from './room-canvas-value.ts';
import { attachPanelInput } from './panel-input.ts';
import { attachTabOrder } from './tab-order.ts';
import { attachPaletteDrop } from './palette-drop.ts';
import { panelLookup } from './patching.ts';
import { useFocusFollowsView } from './focus.ts';

export interface RackCanvasProps {
  doc: Y.Doc;
  view: RackView;
  awareness: Awareness;
  undoManager: Y.UndoManager;
  rackCase: CatalogCase;
  catalog: ReadonlyMap<string, CatalogModule>;
  readOnly: boolean;
  licenseKey: string | null;
  /** Tells the user why an edit did not happen (e.g. the slot is taken). */
  onNotice(message: string): void;
  /** The editor once mounted (null when unmounted): the room uses it to follow people. */
  onEditor?(editor: Editor | null): void;
}

// Self-hosted fonts, icons and translations: the canvas must work offline and without tldraw's CDN.
const assetUrls = getAssetUrlsByImport();

/**
 * Selecting, panning, and the teaching tools: sticky notes, arrows, freehand and the eraser.
 * Six tools always fit, so this is a plain toolbar: tldraw's own one measures itself (a forced
 * layout of the whole canvas) on every render to decide what overflows, which costs a full rack
 * about 100 ms while it opens.
 */
function RackToolbar() {
  const msg = useTranslation();
  return (
    <div className="tlui-main-toolbar tlui-main-toolbar--horizontal">
      <div className="tlui-main-toolbar__inner">
        <TldrawUiToolbar orientation="horizontal" className="tlui-main-toolbar__tools" label={msg('tool-panel.title')}>
          <TldrawUiMenuContextProvider type="toolbar" sourceId="toolbar">
            <SelectToolbarItem />
            <HandToolbarItem />
            <NoteToolbarItem />
            <ArrowToolbarItem />
            <DrawToolbarItem />
            <EraserToolbarItem />
          </TldrawUiMenuContextProvider>
        </TldrawUiToolbar>
      </div>
    </div>
  );
}

function CanvasUnderlay() {
  return (
    <>
      <CaseRails />
      <CableLayer />
    </>
  );
}

// Only what a rack needs: no pages, menus or shape kinds a rack does not keep.
const components: TLComponents = {
  OnTheCanvas: CanvasUnderlay,
  Toolbar: RackToolbar,
  // Notes and arrows keep tldraw's default look; a style panel would crowd the rack.
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
  ImageToolbar: null,
  VideoToolbar: null,
  KeyboardShortcutsDialog: null,
  PeopleMenu: null,
  // Following shows its own banner with the leader's name and a stop button.
  HelperButtons: null,
};

/** Below this, panel lettering gets too small to read; above it a small case looks blown up. */
const MIN_FIT_ZOOM = 0.6;
const MAX_FIT_ZOOM = 1.25;

/** The rack's canvas. Memoised: the room around it re-renders on status, notices and presence. */
export default memo(function RackCanvas(props: RackCanvasProps) {
  const { doc, view, awareness, undoManager, rackCase, catalog, readOnly, licenseKey, onNotice, onEditor } = props;
  const [editor, setEditor] = useState<Editor | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const docRows = useDocRows(doc);
  const layout = useMemo(() => layoutCase(rowsWithHeights(docRows, rackCase)), [docRows, rackCase]);
  const parkedCount = useParkedCount(doc);
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef({ layout, onNotice, onEditor, catalog });
  latest.current = { layout, onNotice, onEditor, catalog };

  // The shape util and the canvas share this object; its fields change, the object does not.
  const [bridge] = useState<RackBridge & { reproject(): void }>(() => ({
    layout,
    onDrop: () => undefined,
    reproject: () => undefined,
  }));
  bridge.layout = layout;
  const [shapeUtils] = useState(() => [
    RackModuleShapeUtil.configure({ bridge }),
    ...annotationShapeUtils,
  ]);
  const room = useRoomCanvasValue({ doc, view, undoManager, readOnly, setAnnouncement, latest });
  const overrides = useMemo(() => canvasOverrides(undoManager), [undoManager]);

  // Document → canvas: module panels, on every change of placements or rows (local or remote).
  useEffect(() => {
    if (!editor) return;
    const project = () => projectRack(editor, doc, latest.current.layout, { holdPositionOf: draggedShapes(editor) });
    bridge.reproject = () => projectRack(editor, doc, latest.current.layout);
    bridge.onDrop = (moduleId, slot) => queueMicrotask(() => commitMove(moduleId, slot));
    const commitMove = (moduleId: string, slot: Slot) => {
      try {
        localEdit(doc, () => {
          const current = getModule(doc, moduleId);
          if (current && !current.parked && current.row === slot.row && current.hp === slot.hp) return;
          moveModule(doc, moduleId, slot);
        });
      } catch (error) {
        latest.current.onNotice(describeEditError(error));
      }
      // Whatever happened, the panel goes where the document says.
      bridge.reproject();
    };
    project();
    const { modules, meta } = rackParts(doc);
    const onTransaction = (tx: Y.Transaction) => {
      if (touchedBy(tx, modules) || touchedBy(tx, meta)) project();
    };
    doc.on('afterTransaction', onTransaction);
    return () => doc.off('afterTransaction', onTransaction);
  }, [editor, doc, bridge]);

  useEffect(() => {
    if (editor) bridge.reproject();
  }, [editor, bridge, layout]);

  useEffect(() => {
    room.readOnly.set(readOnly);
    editor?.updateInstanceState({ isReadonly: readOnly });
  }, [editor, readOnly, room]);

  // Each gesture on the canvas (a drag, a stroke, a click) starts its own step of undo.
  useEffect(() => {
    if (!editor) return;
    const onEvent = (info: { type: string; name: string }) => {
      if (info.type === 'pointer' && info.name === 'pointer_down') undoManager.stopCapturing();
    };
    editor.on('event', onEvent);
    return () => {
      editor.off('event', onEvent);
    };
  }, [editor, undoManager]);

  useEffect(() => {
    if (!editor) return;
    const stopGuard = guardCanvasEdits(editor, doc, (message) => latest.current.onNotice(message));
    const stopAnnotations = syncAnnotations(editor, doc, (message) => latest.current.onNotice(message));
    return () => {
      stopAnnotations();
      stopGuard();
    };
  }, [editor, doc]);

  useEffect(() => {
    if (!editor || !containerRef.current) return;
    const stopRemote = syncRemotePresence(editor, awareness, room);
    const stopOwn = shareOwnPresence(editor, awareness, containerRef.current, room.selectedCable);
    return () => {
      stopOwn();
      stopRemote();
    };
  }, [editor, awareness, room]);

  useFocusFollowsView(editor, containerRef);

  useEffect(() => {
    const container = containerRef.current;
    if (!editor || !container) return;
    room.setLookup(panelLookup(editor, () => latest.current.catalog));
    const detach = attachPanelInput(container, room);
    const detachTabs = attachTabOrder(container, editor);
    const detachDrop = attachPaletteDrop(container, {
      editor,
      doc: room.doc,
      layout: () => latest.current.layout,
      readOnly: () => room.readOnly.get(),
      onNotice: room.notice,
    });
    return () => {
      detachDrop();
      detachTabs();
      detach();
      room.setLookup(null);
    };
  }, [editor, room]);

  const caseContext = useMemo(
    () => ({ layout, caseName: `${rackCase.manufacturer} ${rackCase.name}`, parkedCount }),
    [layout, rackCase, parkedCount],
  );

  return (
    <div className="rack-canvas" ref={containerRef}>
      <RoomCanvasContext.Provider value={room}>
        <CatalogContext.Provider value={catalog}>
          <CaseLayoutContext.Provider value={caseContext}>
            <Tldraw
              licenseKey={licenseKey ?? undefined}
              assetUrls={assetUrls}
              shapeUtils={shapeUtils}
              components={components}
              overrides={overrides}
              onMount={(mounted) => {
                mounted.updateInstanceState({ isReadonly: readOnly, isGridMode: false });
                // Notes, arrows and strokes in a colour that reads on the dark case and the light canvas.
                mounted.setStyleForNextShapes(DefaultColorStyle, 'orange');
                // The viewport has its real size only after the first layout pass.
                const frame = requestAnimationFrame(() => fitCase(mounted, latest.current.layout));
                setEditor(mounted);
                latest.current.onEditor?.(mounted);
                return () => {
                  cancelAnimationFrame(frame);
                  setEditor(null);
                  latest.current.onEditor?.(null);
                };
              }}
            />
            {editor ? <CanvasOverlays editor={editor} doc={doc} readOnly={readOnly} /> : null}
          </CaseLayoutContext.Provider>
        </CatalogContext.Provider>
      </RoomCanvasContext.Provider>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
});

function useDocRows(doc: Y.Doc): RowShape[] {
  const [rows, setRows] = useState(() => readRows(doc));
  useEffect(() => {
    const { meta } = rackParts(doc);
    const read = () => setRows((prev) => (JSON.stringify(prev) === JSON.stringify(readRows(doc)) ? prev : readRows(doc)));
    read();
    meta.observe(read);
    return () => meta.unobserve(read);
  }, [doc]);
  return rows;
}

function useParkedCount(doc: Y.Doc): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const { modules, meta } = rackParts(doc);
    const read = () => setCount(listModules(doc).filter((m) => m.parked).length);
    read();
    modules.observe(read);
    meta.observe(read);
    return () => {
      modules.unobserve(read);
      meta.unobserve(read);
    };
  }, [doc]);
  return count;
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


