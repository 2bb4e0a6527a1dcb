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
