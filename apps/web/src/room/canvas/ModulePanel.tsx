import { checkFit, getModule, moveModule, removeModule, readRows } from '@patchroom/doc-model';
import { memo, useEffect, useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import { tryLocalEdit } from '../edits.ts';
import { Jack } from './Jack.tsx';
import { Knob } from './Knob.tsx';
import type { RackModuleProps } from './module-shape.tsx';
import { controlCellWidth, jackCellWidth, panelLayoutFor } from './panel-layout.ts';
import { useCatalogEntry, useRoomCanvas, useSignal } from './room-canvas-context.ts';

/** Narrow panels get a smaller title, as real 2–4 HP modules do. */
const NARROW_HP = 4;

/**
 * The front panel of a module: its name, knobs and jacks where `layoutPanel` puts them. Focus
 * the panel itself to move it with the arrow keys or remove it with Delete.
 */
export const ModulePanel = memo(function ModulePanel({ w, h, moduleId, catalogId, hp, parked }: RackModuleProps) {
  const room = useRoomCanvas();
  const readOnly = useSignal(room.readOnly);
  const entry = useCatalogEntry(catalogId);
  const ref = useRef<HTMLDivElement>(null);
  const layout = useMemo(
    () => (entry ? panelLayoutFor(entry.id, { w, h, controls: entry.controls, jacks: entry.jacks }) : null),
    [entry, w, h],
  );
  const name = entry?.name ?? 'Loading…';
  const maker = entry?.manufacturer ?? '';

  useEffect(() => {
    const element = ref.current;
    if (!element || readOnly) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.target !== element || e.ctrlKey || e.metaKey || e.altKey) return;
      const handled = moduleKey(room.doc, moduleId, e.key, room.notice);
      if (!handled) return;
      e.preventDefault();
      e.stopPropagation();
    };
    element.addEventListener('keydown', onKeyDown);
    return () => element.removeEventListener('keydown', onKeyDown);
  }, [room, moduleId, readOnly]);

  const jacksById = useMemo(() => new Map(entry?.jacks.map((j) => [j.id, j])), [entry]);
  const controlsById = useMemo(() => new Map(entry?.controls.map((c) => [c.id, c])), [entry]);

  return (
    <div
      ref={ref}
      role="group"
      tabIndex={0}
      aria-label={`${maker} ${name}`.trim()}
      aria-roledescription="module"
      aria-description={readOnly ? undefined : `${hp} HP${parked ? ', parked outside the case' : ''}. Arrow keys move it, Delete removes it.`}
      className={`rack-module${hp <= NARROW_HP ? ' is-narrow' : ''}${parked ? ' is-parked' : ''}`}
      style={{ width: w, height: h }}
      data-testid="module-shape"
      data-module-id={moduleId}
      data-catalog-id={catalogId}
    >
      <span className="rack-module-screw top" aria-hidden="true" />
      <header
        className="rack-module-title"
        style={layout ? { top: layout.titleTop, height: layout.titleHeight } : undefined}
        title={`${maker} ${name} · ${hp} HP`}
      >
        <span className="rack-module-name">{name}</span>
        <span className="rack-module-maker">{maker}</span>
      </header>
      {layout?.outputPlate ? (
        <span
          className="rack-module-outputs"
          aria-hidden="true"
          style={{ left: layout.outputPlate.x, top: layout.outputPlate.y, width: layout.outputPlate.w, height: layout.outputPlate.h }}
        />
      ) : null}
      {layout?.controls.map((item) => {
        const control = controlsById.get(item.id)!;
        return (
          <Knob
            key={item.id}
            moduleId={moduleId}
            moduleName={name}
            control={control}
            item={item}
            cellWidth={controlCellWidth(layout.scale)}
            showLabel={layout.showLabels}
          />
        );
      })}
      {layout?.jacks.map((item) => {
        const jack = jacksById.get(item.id)!;
        return (
          <Jack
            key={item.id}
            moduleId={moduleId}
            moduleName={name}
            jack={jack}
            item={item}
            cellWidth={jackCellWidth(layout.scale)}
            showLabel={layout.showLabels}
          />
        );
      })}
      <span className="rack-module-hp" aria-hidden="true">
        {hp} HP
      </span>
      <span className="rack-module-screw bottom" aria-hidden="true" />
    </div>
  );
});

/** Arrow keys move a focused module to the next free place; Delete removes it. */
function moduleKey(doc: Y.Doc, moduleId: string, key: string, notice: (message: string) => void): boolean {
  if (key === 'Delete' || key === 'Backspace') {
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
