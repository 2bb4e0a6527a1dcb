import { useEffect, type RefObject } from 'react';
import type { Editor, TLShapeId } from 'tldraw';
import { shapeIdFor } from './projection.ts';

/**
 * Keyboard users see what they focus: focusing a panel, knob or jack outside the viewport
 * brings it into view (tldraw does not scroll, it moves the camera).
 */
export function useFocusFollowsView(editor: Editor | null, container: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = container.current;
    if (!editor || !element) return;
    const onFocusIn = (e: FocusEvent) => {
      if (!(e.target instanceof Element)) return;
      const panel = e.target.closest<HTMLElement>('[data-module-id]');
      const moduleId = panel?.dataset.moduleId;
      if (!moduleId) return;
      const bounds = editor.getShapePageBounds(shapeIdFor(moduleId) as TLShapeId);
      if (!bounds || editor.getViewportPageBounds().contains(bounds)) return;
      editor.centerOnPoint(bounds.center, { animation: { duration: 200 } });
    };
    element.addEventListener('focusin', onFocusIn);
    return () => element.removeEventListener('focusin', onFocusIn);
  }, [editor, container]);
}

/** How many frames to wait for a removal to reach the page before giving up on it. */
const REMOVAL_FRAMES = 10;

/**
 * A deleted cable or module takes the focus with it (or the bar that went with it does), and the
 * browser drops it on the page body: a keyboard user would start again from the top of the page.
 * Call just before the removal. Once the focused element has left the page, if the focus went
 * nowhere, it goes to the first of `candidates` still there, else to the canvas (from which Tab
 * enters the rack again).
 */
export function keepFocusAfterRemoval(candidates: () => readonly (Element | null | undefined)[]): void {
  const had = document.activeElement;
  if (!had || had === document.body) return;
  let frames = 0;
  const check = () => {
    if (had.isConnected) {
      if (++frames < REMOVAL_FRAMES) requestAnimationFrame(check);
      return;
    }
    if (document.activeElement && document.activeElement !== document.body) return;
    const target = [...candidates(), document.querySelector('.rack-canvas .tl-container')].find(
      (el): el is HTMLElement | SVGElement => (el instanceof HTMLElement || el instanceof SVGElement) && el.isConnected,
    );
    target?.focus({ preventScroll: true });
  };
  requestAnimationFrame(check);
}
