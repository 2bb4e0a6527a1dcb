import type { CatalogCase, CatalogModule } from '@patchroom/engine';
import { RAIL_LABELS, rackBudget } from '@patchroom/engine';
import { listModules, rackParts, type PlacedModule } from '@patchroom/doc-model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** Live HP and per-rail power budget of the rack, with the warnings a builder acts on. */
export function BudgetBar({ doc, rackCase, catalog }: { doc: Y.Doc; rackCase: CatalogCase; catalog: ReadonlyMap<string, CatalogModule> }) {
  const placed = usePlacedModules(doc);
  const budget = rackBudget(rackCase, placed, (id) => catalog.get(id));
  const usedHp = placed.reduce((sum, m) => sum + m.widthHp, 0);
  const totalHp = rackCase.rows.reduce((sum, r) => sum + r.hp, 0);
  // Modules still loading from the catalog would read as "unknown": only real problems show.
  const warnings = budget.warnings.filter((w) => w.code !== 'UNKNOWN_MODULE');
  return (
    <section className="budget" aria-label="Rack budget">
      <span className="budget-item">
        <strong>{usedHp}</strong> / {totalHp} HP
      </span>
      {budget.rails.map((rail) => (
        <span key={rail.rail} className={`budget-item rail-${rail.status}`} title={railTitle(rail.unknownModules.length)}>
          {RAIL_LABELS[rail.rail]} <strong>{rail.drawMa}</strong>
          {rail.capacityMa !== null ? ` / ${rail.capacityMa}` : ''} mA
        </span>
      ))}
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
