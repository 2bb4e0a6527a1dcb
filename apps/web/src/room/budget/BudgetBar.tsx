import type { CatalogCase, CatalogModule } from '@patchroom/engine';
import { RAIL_LABELS, rackBudget } from '@patchroom/engine';
import { listModules, rackParts, type PlacedModule } from '@patchroom/doc-model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { usePaletteDrag, type PaletteDrag } from '../palette/palette-drag.ts';

/**
 * Live HP and per-rail power budget of the rack, with the warnings a builder acts on. While a
 * module from the palette is held over a slot where it fits, the figures include it.
 */
export function BudgetBar({ doc, rackCase, catalog }: { doc: Y.Doc; rackCase: CatalogCase; catalog: ReadonlyMap<string, CatalogModule> }) {
  const drag = usePaletteDrag();
  const pending = drag?.target && !drag.target.problem ? drag.module : null;
  const placed = withPending(usePlacedModules(doc), drag);
  const budget = rackBudget(rackCase, placed, (id) => catalog.get(id));
  const usedHp = placed.reduce((sum, m) => sum + m.widthHp, 0);
  const totalHp = rackCase.rows.reduce((sum, r) => sum + r.hp, 0);
  // Modules still loading from the catalog would read as "unknown": only real problems show.
  const warnings = budget.warnings.filter((w) => w.code !== 'UNKNOWN_MODULE');
  return (
    <section className={pending ? 'budget budget-preview' : 'budget'} aria-label="Rack budget">
      <span className="budget-item">
        <strong>{usedHp}</strong> / {totalHp} HP
      </span>
      {budget.rails.map((rail) => (
        <span key={rail.rail} className={`budget-item rail-${rail.status}`} title={railTitle(rail.unknownModules.length)}>
          {RAIL_LABELS[rail.rail]} <strong>{rail.drawMa}</strong>
          {rail.capacityMa !== null ? ` / ${rail.capacityMa}` : ''} mA
        </span>
      ))}
      {pending ? <span className="budget-item budget-pending">with {pending.name}</span> : null}
      {warnings.length > 0 ? (
        <details className="budget-warnings">
          <summary>
            {warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}
          </summary>
          <ul aria-label="Rack warnings">
            {warnings.map((w, i) => (
              <li key={`${w.code}-${i}`}>{w.message}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The rack as it would be with the dragged module dropped where it is aimed (when it fits there). */
function withPending(placed: PlacedModule[], drag: PaletteDrag | null): PlacedModule[] {
  const target = drag?.target;
  if (!drag || !target || target.problem) return placed;
  const { module } = drag;
  return [...placed, { id: 'palette-drop', catalogId: module.id, row: target.row, hp: target.hp, widthHp: module.hp, parked: false }];
}

function railTitle(unknown: number): string | undefined {
  return unknown > 0 ? `${unknown} module(s) without a published figure for this rail` : undefined;
}

/** The placed modules, re-read only when placements or rows change (not on every knob turn). */
function usePlacedModules(doc: Y.Doc): PlacedModule[] {
  const [placed, setPlaced] = useState(() => listModules(doc));
  useEffect(() => {
    const { modules, meta } = rackParts(doc);
    const read = () =>
      setPlaced((prev) => {
        const next = listModules(doc);
        return JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
      });
    read();
    modules.observe(read);
    meta.observe(read);
    return () => {
      modules.unobserve(read);
      meta.unobserve(read);
    };
  }, [doc]);
  return placed;
}
