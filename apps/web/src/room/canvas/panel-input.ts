// Keyboard and wheel input of every panel, knob and jack, handled once for the whole canvas.
// A rack has thousands of knobs and jacks: one listener here instead of one per part keeps a big
// room quick to open. The listeners sit on the canvas wrapper in the capture phase, so a key a
// part uses never reaches tldraw (which would nudge shapes or switch tools with it).
import { checkFit, getModule, listModules, moveModule, readRows, removeModule, setKnob } from '@patchroom/doc-model';
import type * as Y from 'yjs';
import { tryLocalEdit } from '../edits.ts';
import { throttle } from '../presence/throttle.ts';
import { keepFocusAfterRemoval } from './focus.ts';
import { keyValue, rangeOf, wheelValue } from './knob-math.ts';
import { finishCable, startCable } from './patching.ts';
import type { RoomCanvas } from './room-canvas-context.ts';

/** Knob writes from the wheel go out about 30 times a second; the last value always lands. */
const WRITE_INTERVAL_MS = 33;

export function attachPanelInput(container: HTMLElement, room: RoomCanvas): () => void {
  // One throttled writer per knob turned here; `pending` is the value not written yet, so quick
  // wheel turns add up instead of each starting from the last written value.
  const writers = new Map<string, { write: ReturnType<typeof throttle<[number]>>; pending: number | null }>();
  const writerFor = (moduleId: string, controlId: string) => {
    const key = `${moduleId}/${controlId}`;
    let writer = writers.get(key);
    if (!writer) {
      const entry = {
        pending: null as number | null,
        write: throttle((value: number) => {
          entry.pending = null;
          tryLocalEdit(room.doc, () => setKnob(room.doc, { moduleId, controlId, value }), room.notice);
        }, WRITE_INTERVAL_MS),
      };
      writers.set(key, (writer = entry));
    }
    return writer;
  };
  const send = (moduleId: string, controlId: string, value: number, now = false) => {
    const writer = writerFor(moduleId, controlId);
    writer.pending = value;
    writer.write(value);
    if (now) writer.write.flush();
  };
  const knobOf = (target: EventTarget | null) => {
    if (!(target instanceof HTMLElement) || !target.matches('[data-control-id]')) return null;
    const moduleId = target.closest<HTMLElement>('[data-module-id]')?.dataset.moduleId;
    const controlId = target.dataset.controlId;
    const found = moduleId && controlId ? room.lookup.control(moduleId, controlId) : null;
    if (!found || !moduleId || !controlId) return null;
    const current = writers.get(`${moduleId}/${controlId}`)?.pending ?? room.view.getKnob(moduleId, controlId) ?? found.control.default;
    return { moduleId, controlId, range: rangeOf(found.control), current };
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (room.readOnly.get() || e.ctrlKey || e.metaKey || e.altKey) return; // undo, redo, shortcuts pass
    const target = e.target;
    if (!(target instanceof HTMLElement)) return;
    let handled = false;
    const knob = knobOf(target);
    if (knob) {
      const next = keyValue(knob.current, e.key, knob.range, e.shiftKey);
      if (next !== null) {
        handled = true;
        if (next !== knob.current) send(knob.moduleId, knob.controlId, next, true);
      }
    } else if (target.dataset.jackKey) {
      handled = jackKey(room, target.dataset.jackKey, e.key);
    } else if (target.getAttribute('role') === 'group' && target.dataset.moduleId) {
      handled = moduleKey(room.doc, target.dataset.moduleId, e.key, room.notice);
    }
    if (!handled) return;
    e.preventDefault();
    e.stopPropagation();
  };

  // Over a knob the wheel turns it instead of scrolling or zooming the canvas.
  const onWheel = (e: WheelEvent) => {
    const knob = room.readOnly.get() ? null : knobOf(e.target);
    if (!knob) return;
    e.preventDefault();
    e.stopPropagation();
    const next = wheelValue(knob.current, e.deltaY, knob.range);
    if (next !== knob.current) send(knob.moduleId, knob.controlId, next);
  };

  // While patching with the keyboard, the loose end goes to whichever jack has the focus.
  const onFocusIn = (e: FocusEvent) => {
    const key = e.target instanceof HTMLElement ? e.target.dataset.jackKey : undefined;
    if (key && room.drafts.current?.mode === 'keyboard') room.drafts.setTarget(room.lookup.jack(key));
  };

  container.addEventListener('keydown', onKeyDown, true);
  container.addEventListener('wheel', onWheel, { capture: true, passive: false });
  container.addEventListener('focusin', onFocusIn);
  return () => {
    container.removeEventListener('keydown', onKeyDown, true);
    container.removeEventListener('wheel', onWheel, true);
    container.removeEventListener('focusin', onFocusIn);
    for (const writer of writers.values()) writer.write.flush();
  };
}

/** Enter or Space on a jack starts a cable, or plugs the one being patched; Escape puts it back. */
function jackKey(room: RoomCanvas, key: string, pressed: string): boolean {
  if (pressed === 'Enter' || pressed === ' ') {
    const end = room.lookup.jack(key);
    if (!end) return true;
    if (room.drafts.current) finishCable(room, end);
    else startCable(room, end, 'keyboard', null);
    return true;
  }
  if (pressed === 'Escape' && room.drafts.current) {
    room.drafts.cancel();
    room.announce('Patching cancelled.');
    return true;
  }
  return false;
}

/** Arrow keys move a focused module to the next free place; Delete removes it. */
export function moduleKey(doc: Y.Doc, moduleId: string, key: string, notice: (message: string) => void): boolean {
  if (key === 'Delete' || key === 'Backspace') {
    // The focus goes on to the panel after it in reading order, else the one before it.
    const ids = listModules(doc).map((m) => m.id);
    const at = ids.indexOf(moduleId);
    const panel = (id: string | undefined) => (id ? document.querySelector(`[role="group"][data-module-id="${CSS.escape(id)}"]`) : null);
    keepFocusAfterRemoval(() => [panel(ids[at + 1]), panel(ids[at - 1])]);
    tryLocalEdit(doc, () => removeModule(doc, moduleId), notice);
    return true;
  }
  const step = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }[key];
  if (!step) return false;
  const current = getModule(doc, moduleId);
  if (!current) return true;
  const slot = nextFreeSlot(doc, current, step[0]!, step[1]!);
  if (!slot) {
    notice(step[0] === 0 ? 'There is no free space further along this row.' : 'There is no free space for this module in that row.');
    return true;
  }
  tryLocalEdit(doc, () => moveModule(doc, moduleId, slot), notice);
  return true;
}

function nextFreeSlot(
  doc: Y.Doc,
  m: { id: string; row: number; hp: number; widthHp: number; parked: boolean },
  dRow: number,
  dHp: number,
): { row: number; hp: number } | null {
  const rows = readRows(doc);
  const fits = (row: number, hp: number) => {
    try {
      checkFit(doc, { row, hp }, m.widthHp, m.id);
      return true;
    } catch {
      return false;
    }
  };
  if (dRow === 0) {
    if (m.parked) return null;
    const rowHp = rows[m.row]?.hp ?? 0;
    for (let hp = m.hp + dHp; hp >= 0 && hp + m.widthHp <= rowHp; hp += dHp) if (fits(m.row, hp)) return { row: m.row, hp };
    return null;
  }
  const row = m.parked ? (dRow < 0 ? rows.length - 1 : -1) : m.row + dRow;
  const rowHp = rows[row]?.hp;
  if (rowHp === undefined) return null;
  // The free place nearest to where the module is now, left or right.
  for (let d = 0; d <= rowHp; d++) {
    for (const hp of d === 0 ? [m.hp] : [m.hp - d, m.hp + d]) {
      if (hp >= 0 && hp + m.widthHp <= rowHp && fits(row, hp)) return { row, hp };
    }
  }
  return null;
}
