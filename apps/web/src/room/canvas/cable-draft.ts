// The cable being patched right now, before it is in the document: where it starts, where its
// loose end is, which jack it hovers. Jacks subscribe to the draft (to light up as valid or
// invalid targets); only the loose cable itself follows the pointer.
import { useSyncExternalStore } from 'react';
import { checkCableTarget, jackKey, type CableCheck, type JackEnd } from './cable-rules.ts';
import type { Point } from './cable-path.ts';

export type DraftMode = 'drag' | 'click' | 'keyboard';

export interface CableDraft {
  source: JackEnd;
  mode: DraftMode;
  /** The jack the loose end is over (pointer) or focused (keyboard). */
  target: JackEnd | null;
}

export type JackTargetState = 'source' | 'valid' | 'invalid' | null;

type Listener = () => void;

export class CableDrafts {
  private draft: CableDraft | null = null;
  private end: Point | null = null;
  private readonly draftListeners = new Set<Listener>();
  private readonly endListeners = new Set<Listener>();

  constructor(private readonly isInputTaken: (ref: { moduleId: string; jackId: string }) => boolean) {}

  get current(): CableDraft | null {
    return this.draft;
  }
  get looseEnd(): Point | null {
    return this.end;
  }

  start(source: JackEnd, mode: DraftMode, at: Point | null): void {
    this.draft = { source, mode, target: null };
    this.end = at;
    this.emit(this.draftListeners);
    this.emit(this.endListeners);
  }

  moveEnd(at: Point | null): void {
    this.end = at;
    this.emit(this.endListeners);
  }

  setTarget(target: JackEnd | null): void {
    if (!this.draft) return;
    const same = target && this.draft.target && jackKey(target) === jackKey(this.draft.target);
    if (same || (!target && !this.draft.target)) return;
    this.draft = { ...this.draft, target };
    this.emit(this.draftListeners);
  }

  /** Ends the draft and says whether `target` takes the cable. */
  finish(target: JackEnd): CableCheck | null {
    const draft = this.draft;
    this.cancel();
    return draft ? checkCableTarget(draft.source, target, this.isInputTaken) : null;
  }

  cancel(): void {
    if (!this.draft) return;
    this.draft = null;
    this.end = null;
    this.emit(this.draftListeners);
    this.emit(this.endListeners);
  }

  check(target: JackEnd): CableCheck | null {
    return this.draft ? checkCableTarget(this.draft.source, target, this.isInputTaken) : null;
  }

  /** How a jack looks while a cable is being patched. */
  stateOf(jack: JackEnd): JackTargetState {
    if (!this.draft) return null;
    const check = checkCableTarget(this.draft.source, jack, this.isInputTaken);
    if (check.ok) return 'valid';
    return check.sameJack ? 'source' : 'invalid';
  }

  subscribeDraft = (listener: Listener) => this.add(this.draftListeners, listener);
  subscribeEnd = (listener: Listener) => this.add(this.endListeners, listener);

  private add(set: Set<Listener>, listener: Listener): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }

  private emit(set: Set<Listener>): void {
    for (const listener of [...set]) listener();
  }
}

export function useDraft(drafts: CableDrafts): CableDraft | null {
  return useSyncExternalStore(drafts.subscribeDraft, () => drafts.current);
}

export function useLooseEnd(drafts: CableDrafts): Point | null {
  return useSyncExternalStore(drafts.subscribeEnd, () => drafts.looseEnd);
}
