import { createContext, useContext } from 'react';
import type { CaseLayout } from './layout.ts';
import { PARKING_GAP_PX } from './layout.ts';

export interface CaseLayoutValue {
  layout: CaseLayout;
  caseName: string;
  /** Modules a merge left without room in the case: they wait under it. */
  parkedCount: number;
}

export const CaseLayoutContext = createContext<CaseLayoutValue | null>(null);

/** The case frame and its rows' rails, drawn in page space underneath the module panels. */
export function CaseRails() {
  const value = useContext(CaseLayoutContext);
  if (!value) return null;
  const { layout, caseName, parkedCount } = value;
  return (
    <>
      <div
        className="rack-case"
        style={{ left: layout.x, top: layout.y, width: layout.width, height: layout.height }}
        aria-hidden="true"
      >
        <span className="rack-case-name">{caseName}</span>
        {layout.rows.map((row) => (
          <div
            key={row.index}
            className="rack-row"
            style={{ left: row.x - layout.x, top: row.y - layout.y, width: row.width, height: row.height }}
          >
            <span className="rack-rail top" />
            <span className="rack-rail bottom" />
            <span className="rack-row-label">
              Row {row.index + 1} · {row.hp} HP
            </span>
          </div>
        ))}
      </div>
      {parkedCount > 0 ? (
        <div
          className="rack-parking"
          style={{ left: layout.x, top: layout.y + layout.height + PARKING_GAP_PX - 24, width: layout.width }}
          aria-hidden="true"
        >
          <span className="rack-parking-label">
            Parked · {parkedCount === 1 ? '1 module' : `${parkedCount} modules`} without room in the case: drag into a row
          </span>
        </div>
      ) : null}
    </>
  );
}
