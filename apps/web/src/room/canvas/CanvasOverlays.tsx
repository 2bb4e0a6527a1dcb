// Bars over the canvas, in screen space: what is selected (a module or a cable) and what can be
// done with it, who is being followed, and why the cable in hand does not fit where it is.
import { removeModule } from '@patchroom/doc-model';
import type { CatalogModule } from '@patchroom/engine';
import { useContext } from 'react';
import { usePaletteDrag } from '../palette/palette-drag.ts';
import { CaseLayoutContext } from './CaseRails.tsx';
import { hpToPx, slotToPoint } from './layout.ts';
import { useValue, type Editor } from 'tldraw';
import type * as Y from 'yjs';
import { tryLocalEdit } from '../edits.ts';
import { useRackView } from '../rack-view.ts';
import { useDraft, useLooseEnd } from './cable-draft.ts';
import { CABLE_PALETTE, jackLabel } from './cable-rules.ts';
import { RACK_MODULE, type RackModuleShape } from './module-shape.tsx';
import { shapeIdFor } from './projection.ts';
import { CatalogContext, useRoomCanvas, useSignal } from './room-canvas-context.ts';

export function CanvasOverlays({ editor, doc, readOnly }: { editor: Editor; doc: Y.Doc; readOnly: boolean }) {
  return (
    <>
      <FollowingBanner editor={editor} />
      {readOnly ? null : <CableToolbar editor={editor} />}
      {readOnly ? null : <SelectionBar editor={editor} doc={doc} />}
      <DraftHint editor={editor} />
      {readOnly ? null : <DropPreview editor={editor} />}
    </>
  );
}

/** "Following Bea": while this user's view follows someone, with a way to stop. */
function FollowingBanner({ editor }: { editor: Editor }) {
  const following = useValue(
    'following',
    () => {
      const id = editor.getInstanceState().followingUserId;
      if (!id) return null;
      const leader = editor.getCollaborators().find((c) => c.userId === id);
      return { name: leader?.userName ?? 'someone', color: leader?.color ?? '#5b6676' };
    },
    [editor],
  );
  if (!following) return null;
  return (
    <div className="following-banner" role="status" style={{ borderColor: following.color }}>
      <span className="following-dot" style={{ backgroundColor: following.color }} aria-hidden="true" />
      Following {following.name}
      <button type="button" className="button ghost small" onClick={() => editor.stopFollowingUser()}>
        Stop following
      </button>
    </div>
  );
}

/** The selected cable: recolour it or take it out. */
function CableToolbar({ editor }: { editor: Editor }) {
  const room = useRoomCanvas();
  const catalog = useContext(CatalogContext);
  const selected = useSignal(room.selectedCable);
  const cable = useRackView(room.view, 'cables', (v) => (selected ? (v.getCable(selected) ?? null) : null));
  if (!cable) return null;
  const from = endName(editor, catalog, cable.from, 'out');
  const to = endName(editor, catalog, cable.to, 'in');
  const close = () => {
    room.selectedCable.set(null);
    document.querySelector<SVGElement>(`.cable-hit[data-cable-id="${CSS.escape(cable.id)}"]`)?.focus();
  };
  return (
    <div
      className="cable-toolbar"
      role="toolbar"
      aria-label="Selected cable"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <span className="cable-toolbar-title">
        <span className="cable-swatch" style={{ backgroundColor: cable.color }} aria-hidden="true" />
        {from} → {to}
      </span>
      <span className="cable-palette" role="radiogroup" aria-label="Cable colour">
        {CABLE_PALETTE.map(({ color, name }) => (
          <button
            key={color}
            type="button"
            role="radio"
            aria-checked={cable.color.toLowerCase() === color.toLowerCase()}
            aria-label={name}
            title={name}
            className="cable-color"
            style={{ backgroundColor: color }}
            onClick={() => room.recolorCable(cable.id, color)}
          />
        ))}
      </span>
      <button type="button" className="button danger small" onClick={() => room.removeCable(cable.id)}>
        Delete cable
      </button>
      <span className="selection-hint">or press Delete</span>
    </div>
  );
}

function endName(editor: Editor, catalog: ReadonlyMap<string, CatalogModule>, ref: { moduleId: string; jackId: string }, dir: 'in' | 'out') {
  const shape = editor.getShape(shapeIdFor(ref.moduleId)) as RackModuleShape | undefined;
  const entry = shape ? catalog.get(shape.props.catalogId) : undefined;
  const jack = entry?.jacks.find((j) => j.id === ref.jackId);
  return jackLabel(entry?.name ?? 'module', jack?.name ?? ref.jackId, dir);
}

/** The visible way to remove selected modules. */
function SelectionBar({ editor, doc }: { editor: Editor; doc: Y.Doc }) {
  const room = useRoomCanvas();
  const catalog = useContext(CatalogContext);
  const selected = useValue(
    'selected modules',
    () =>
      editor
        .getSelectedShapes()
        .filter((s): s is RackModuleShape => s.type === RACK_MODULE)
        .map((s) => ({ id: s.props.moduleId, catalogId: s.props.catalogId })),
    [editor],
  );
  if (selected.length === 0) return null;
  const name = catalog.get(selected[0]!.catalogId)?.name ?? 'module';
  const label = selected.length === 1 ? `Remove ${name}` : `Remove ${selected.length} modules`;
  const remove = () => tryLocalEdit(doc, () => selected.forEach((m) => removeModule(doc, m.id)), room.notice);
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected modules">
      <button type="button" className="button danger" onClick={remove}>
        {label}
      </button>
      <span className="selection-hint">or press Delete</span>
    </div>
  );
}

/** Next to the cable in hand: why the jack under it will not take it. */
function DraftHint({ editor }: { editor: Editor }) {
  const room = useRoomCanvas();
  const draft = useDraft(room.drafts);
  const loose = useLooseEnd(room.drafts);
  const check = draft?.target ? room.drafts.check(draft.target) : null;
  if (!draft || !check || check.ok || check.sameJack || !loose) return null;
  const at = editor.pageToViewport(loose);
  return (
    <div className="draft-hint" style={{ left: at.x + 14, top: at.y + 14 }} aria-hidden="true">
      {check.reason}
    </div>
  );
}

/** Where a module dragged from the palette would land, green when it fits, red with the reason when not. */
function DropPreview({ editor }: { editor: Editor }) {
  const drag = usePaletteDrag();
  const caseLayout = useContext(CaseLayoutContext);
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor]);
  const target = drag?.target;
  const row = target ? caseLayout?.layout.rows[target.row] : undefined;
  const corner = target && caseLayout ? slotToPoint(caseLayout.layout, target) : null;
  if (!drag || !target || !row || !corner) return null;
  const screen = editor.pageToViewport(corner);
  const fits = target.problem === null;
  return (
    <div
      className={`drop-preview ${fits ? 'fits' : 'blocked'}`}
      data-testid="drop-preview"
      // Pointer-only feedback that changes as the pointer moves; a refused drop is told as a notice.
      aria-hidden="true"
      style={{ left: screen.x, top: screen.y, width: hpToPx(drag.module.hp) * zoom, height: row.height * zoom }}
    >
      <span className="drop-preview-label">
        {drag.module.name} · {fits ? `row ${target.row + 1}, HP ${target.hp + 1}` : target.problem}
      </span>
    </div>
  );
}
