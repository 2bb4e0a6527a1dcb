import { createContext, useContext } from 'react';
import type { CaseLayout } from './layout.ts';

export const CaseLayoutContext = createContext<{ layout: CaseLayout; caseName: string } | null>(null);

/** The case frame and its rows' rails, drawn in page space underneath the module panels. */
export function CaseRails() {
  const value = useContext(CaseLayoutContext);
  if (!value) return null;
  const { layout, caseName } = value;
  return (
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
  );
}
