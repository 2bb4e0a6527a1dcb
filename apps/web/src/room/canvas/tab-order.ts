// Tab goes through the rack the way it looks: panels row by row, left to right (parked ones
// last), each panel's knobs then jacks. tldraw keeps shapes in the page sorted by id, which is
// not where they sit, so the browser's own order would jump around the case. Cables, drawn
// under the panels, come first. Panels outside the viewport are brought into view on the way.
import type { Editor } from 'tldraw';
import { RACK_MODULE, type RackModuleShape } from './module-shape.tsx';
import { shapeIdFor } from './projection.ts';
import { readingOrder } from './layout.ts';

const PANEL = '[role="group"][data-module-id]';
const FOCUSABLE = '[tabindex="0"]';
/** What Tab stops at in the page outside the rack. */
const TABBABLE = ':is(button, a[href], input, select, textarea, [tabindex]):not([tabindex="-1"])';

export function attachTabOrder(container: HTMLElement, editor: Editor): () => void {
  const order = () =>
    readingOrder(
      editor
        .getCurrentPageShapes()
        .filter((s): s is RackModuleShape => s.type === RACK_MODULE)
        .map((s) => ({ moduleId: s.props.moduleId, x: s.x, y: s.y, parked: s.props.parked })),
    );
  const panelOf = (moduleId: string) => container.querySelector<HTMLElement>(`${PANEL}[data-module-id="${CSS.escape(moduleId)}"]`);
  const partsOf = (panel: HTMLElement) => [panel, ...panel.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const domPanels = () => [...container.querySelectorAll<HTMLElement>(PANEL)];
  const cables = () => [...container.querySelectorAll<HTMLElement>('.cable-hit')];

  /** Focuses the first or last part of a panel, bringing it into view first if it is culled. */
  const focusPanel = (moduleId: string, which: 'first' | 'last') => {
    const panel = panelOf(moduleId);
    if (!panel) return;
    const focus = () => {
      const parts = partsOf(panel);
      (which === 'first' ? parts[0] : parts[parts.length - 1])?.focus();
    };
    if (panel.getClientRects().length > 0) return focus();
    const bounds = editor.getShapePageBounds(shapeIdFor(moduleId));
    if (bounds) editor.centerOnPoint(bounds.center);
    requestAnimationFrame(() => requestAnimationFrame(focus));
  };

  let lastTabAt = 0;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Tab') lastTabAt = Date.now();
    if (e.key !== 'Tab' || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement;
    const back = e.shiftKey;
    const ids = order();
    // Tab among the rack's parts is ours alone (tldraw would use it to cycle its selection).
    if (target.classList?.contains('cable-hit')) {
      e.stopPropagation();
      const all = cables();
      if (!back && target === all[all.length - 1] && ids[0]) {
        e.preventDefault();
        focusPanel(ids[0], 'first');
      }
      return;
    }
    const panel = target.closest?.<HTMLElement>(PANEL);
    const moduleId = panel?.dataset.moduleId;
    if (!panel || !moduleId) return;
    e.preventDefault();
    e.stopPropagation();
    const parts = partsOf(panel);
    const at = parts.indexOf(target);
    const step = parts[at + (back ? -1 : 1)];
    if (at >= 0 && step) return step.focus();
    const index = ids.indexOf(moduleId);
    const neighbour = ids[index + (back ? -1 : 1)];
    if (neighbour) return focusPanel(neighbour, back ? 'last' : 'first');
    lastTabAt = 0;
    if (back) {
      // Before the first panel: the cables, else whatever comes before the canvas.
      (cables().at(-1) ?? container.querySelector<HTMLElement>('.tl-container'))?.focus();
      return;
    }
    // Past the last panel: on to the canvas tools after them. Only what takes the focus counts:
    // the others' cursors drawn after the panels hold SVG <use href> elements, which would keep
    // the focus where it is (a keyboard trap whenever someone else is in the room).
    const lastInDom = domPanels().at(-1)!;
    const after = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter(
      (el) =>
        lastInDom.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING &&
        !el.closest(PANEL) &&
        !el.hasAttribute('disabled') &&
        el.getClientRects().length > 0,
    );
    for (const el of after) {
      el.focus();
      if (document.activeElement === el) return;
    }
  };

  // Tabbing in from outside lands where the page order says; move to where reading order starts.
  const onWindowTab = (e: KeyboardEvent) => {
    if (e.key === 'Tab') lastTabAt = Date.now();
  };
  const onFocusIn = (e: FocusEvent) => {
    if (Date.now() - lastTabAt > 200) return; // a click, or our own focus moves
    const target = e.target as HTMLElement | null;
    const from = e.relatedTarget as Node | null;
    const panel = target?.closest?.<HTMLElement>(PANEL);
    if (!panel || (from && container.contains(from) && (from as Element).closest?.(`${PANEL}, .cable-hit`))) return;
    const ids = order();
    const forward = !from || !!(from.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING);
    const wanted = forward ? ids[0] : ids[ids.length - 1];
    if (wanted && wanted !== panel.dataset.moduleId) focusPanel(wanted, forward ? 'first' : 'last');
  };

  container.addEventListener('keydown', onKeyDown, true);
  container.addEventListener('focusin', onFocusIn);
  window.addEventListener('keydown', onWindowTab, true);
  return () => {
    container.removeEventListener('keydown', onKeyDown, true);
    container.removeEventListener('focusin', onFocusIn);
    window.removeEventListener('keydown', onWindowTab, true);
  };
}
