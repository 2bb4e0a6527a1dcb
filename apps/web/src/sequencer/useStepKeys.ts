// Clicks and keys on steps, shared by the grid and the ring: a click selects and toggles;
// arrows move the selection (and the focus with it); Space/Enter toggle; +/− change velocity.
import type { Pattern } from '@patchroom/doc-model';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { isToggleKey, moveSelection, velocityAfterKey, type StepPosition } from './navigation.ts';

export interface StepKeys {
  refFor(at: StepPosition): (element: HTMLElement | SVGElement | null) => void;
  click(at: StepPosition): void;
  focus(at: StepPosition): void;
  keyDown(event: React.KeyboardEvent, at: StepPosition): void;
}

interface StepActions {
  select(at: StepPosition): void;
  toggle(at: StepPosition): void;
  setVelocity(at: StepPosition, velocity: number): void;
}

const key = (at: StepPosition) => `${at.track}/${at.step}`;

export function useStepKeys(pattern: Pattern, selected: StepPosition, readOnly: boolean, actions: StepActions): StepKeys {
  const elements = useRef(new Map<string, HTMLElement | SVGElement>());
  const pendingFocus = useRef<StepPosition | null>(null);
  const latest = useRef({ pattern, readOnly, actions });
  latest.current = { pattern, readOnly, actions };

  // Focus follows a keyboard move once the newly selected step has rendered as the tab stop.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target || target.track !== selected.track || target.step !== selected.step) return;
    pendingFocus.current = null;
    elements.current.get(key(target))?.focus();
  }, [selected]);

  // One stable ref callback per step, so re-renders don't detach and re-attach 512 buttons.
  const refs = useRef(new Map<string, (element: HTMLElement | SVGElement | null) => void>());
  const refFor = useCallback((at: StepPosition) => {
    const id = key(at);
    let ref = refs.current.get(id);
    if (!ref) {
      ref = (element) => {
        if (element) elements.current.set(id, element);
        else elements.current.delete(id);
      };
      refs.current.set(id, ref);
    }
    return ref;
  }, []);

  return useMemo<StepKeys>(
    () => ({
      refFor,
      click(at) {
        const { readOnly: ro, actions: act } = latest.current;
        act.select(at);
        if (!ro) act.toggle(at);
      },
      focus(at) {
        latest.current.actions.select(at);
      },
      keyDown(event, at) {
        // Undo, redo, zoom and the browser's own shortcuts pass through.
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        const { pattern: p, readOnly: ro, actions: act } = latest.current;
        const moved = moveSelection(at, event.key, { tracks: p.tracks.length, length: p.length });
        if (moved) {
          event.preventDefault();
          pendingFocus.current = moved;
          act.select(moved);
          return;
        }
        if (isToggleKey(event.key)) {
          // The button's own click on Space/Enter would toggle a second time.
          event.preventDefault();
          if (!ro) act.toggle(at);
          return;
        }
        const velocity = velocityAfterKey(p.tracks[at.track]?.steps[at.step]?.velocity ?? 0, event.key);
        if (velocity !== null) {
          event.preventDefault();
          if (!ro) act.setVelocity(at, velocity);
        }
      },
    }),
    [refFor],
  );
}
