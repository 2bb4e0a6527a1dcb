// Dropping a module dragged from the palette onto a row of the case. While the pointer moves,
// the slot under it (snapped to whole HP) and whether the module fits there go to the shared
// palette-drag store: the canvas draws the preview, the budget bar adds the module's HP and power.
import { addModule, checkFit, RackRuleError } from '@patchroom/doc-model';
import type { Editor } from 'tldraw';
import type * as Y from 'yjs';
import { tryLocalEdit } from '../edits.ts';
import { PALETTE_DRAG_TYPE, paletteDrag, type DropTarget } from '../palette/palette-drag.ts';
import { hpToPx, snapToSlot, type CaseLayout, type RowLayout } from './layout.ts';

export interface PaletteDropContext {
  editor: Editor;
  doc: Y.Doc;
  layout(): CaseLayout;
  readOnly(): boolean;
  onNotice(message: string): void;
}

/** How far outside the case (in page px) a drop still counts as aimed at its nearest row. */
const CASE_MARGIN_PX = 24;

export function attachPaletteDrop(container: HTMLElement, context: PaletteDropContext): () => void {
  const aimedAt = (event: DragEvent): DropTarget | null => {
    const drag = paletteDrag.get();
    if (!drag) return null;
    const page = context.editor.screenToPage({ x: event.clientX, y: event.clientY });
    return dropTargetAt(context.doc, context.layout(), page, drag.module.hp);
  };
  const isPaletteDrag = (event: DragEvent) =>
    !context.readOnly() && paletteDrag.get() !== null && (event.dataTransfer?.types.includes(PALETTE_DRAG_TYPE) ?? false);

  const onDragOver = (event: DragEvent) => {
    if (!isPaletteDrag(event)) return;
    event.preventDefault();
    const target = aimedAt(event);
    // A drop where the module does not fit is taken too, so the user hears why nothing happened.
    if (event.dataTransfer) event.dataTransfer.dropEffect = target ? 'copy' : 'none';
    paletteDrag.aim(target);
  };
  const onDragLeave = (event: DragEvent) => {
    if (!container.contains(event.relatedTarget as Node | null)) paletteDrag.aim(null);
  };
  const onDrop = (event: DragEvent) => {
    const drag = paletteDrag.get();
    if (!drag || !isPaletteDrag(event)) return;
    event.preventDefault();
    // Ours alone: tldraw would otherwise try to read it as a file or a link.
    event.stopPropagation();
    const target = aimedAt(event);
    paletteDrag.end();
    if (!target) return;
    if (target.problem) return context.onNotice(target.problem);
    const slot = { row: target.row, hp: target.hp };
    tryLocalEdit(context.doc, () => addModule(context.doc, { catalogId: drag.module.id, widthHp: drag.module.hp, slot }), context.onNotice);
  };

  // In the capture phase: tldraw's own drop handling stops these events on their way up.
  container.addEventListener('dragover', onDragOver, true);
  container.addEventListener('dragleave', onDragLeave, true);
  container.addEventListener('drop', onDrop, true);
  return () => {
    container.removeEventListener('dragover', onDragOver, true);
    container.removeEventListener('dragleave', onDragLeave, true);
    container.removeEventListener('drop', onDrop, true);
  };
}

/**
 * The slot for a module of `widthHp` held with the pointer at its middle, and whether it fits
 * there; null when the pointer is off the case.
 */
export function dropTargetAt(doc: Y.Doc, layout: CaseLayout, pointer: { x: number; y: number }, widthHp: number): DropTarget | null {
  const outside =
    pointer.x < layout.x - CASE_MARGIN_PX ||
    pointer.x > layout.x + layout.width + CASE_MARGIN_PX ||
    pointer.y < layout.y - CASE_MARGIN_PX ||
    pointer.y > layout.y + layout.height + CASE_MARGIN_PX;
  if (outside) return null;
  const row = nearestRow(layout, pointer.y);
  if (!row) return null;
  const slot = snapToSlot(layout, { x: pointer.x - hpToPx(widthHp) / 2, y: row.y }, widthHp)!;
  return { ...slot, problem: fitProblem(doc, slot, widthHp) };
}

/** The row under the pointer, or the closest one above or below it (between rows, on the rails). */
function nearestRow(layout: CaseLayout, y: number): RowLayout | null {
  const distance = (row: RowLayout) => Math.max(0, row.y - y, y - (row.y + row.height));
  let best: RowLayout | null = null;
  for (const row of layout.rows) if (!best || distance(row) < distance(best)) best = row;
  return best;
}

function fitProblem(doc: Y.Doc, slot: { row: number; hp: number }, widthHp: number): string | null {
  try {
    checkFit(doc, slot, widthHp);
    return null;
  } catch (error) {
    if (error instanceof RackRuleError) return error.message;
    throw error;
  }
}
