import { listModules, readRows } from '@patchroom/doc-model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

interface PreviewModule {
  id: string;
  catalogId: string;
  row: number;
  hp: number;
  widthHp: number;
}

const HP = 4;
const ROW_HEIGHT = 36;
const GAP = 4;

/** A small read-only drawing of a rack: one band per row, a box per module; redraws on every change. */
export function RackPreview({ doc, label }: { doc: Y.Doc; label: string }) {
  const [state, setState] = useState(() => read(doc));
  useEffect(() => {
    const onUpdate = () => setState(read(doc));
    onUpdate();
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
  }, [doc]);
  const width = Math.max(1, ...state.rows.map((r) => r.hp)) * HP;
  const height = Math.max(1, state.rows.length) * (ROW_HEIGHT + GAP);
  return (
    <figure className="rack-preview">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${label}: ${state.modules.length} modules`}>
        {state.rows.map((row, i) => (
          <rect key={`row-${i}`} x={0} y={i * (ROW_HEIGHT + GAP)} width={row.hp * HP} height={ROW_HEIGHT} className="rack-preview-row" />
        ))}
        {state.modules.map((m) => (
          <rect
            key={m.id}
            x={m.hp * HP + 0.5}
            y={m.row * (ROW_HEIGHT + GAP) + 1}
            width={Math.max(1, m.widthHp * HP - 1)}
            height={ROW_HEIGHT - 2}
            className="rack-preview-module"
          >
            <title>{m.catalogId}</title>
          </rect>
        ))}
      </svg>
      <figcaption data-testid="preview-count">
        {state.modules.length} {state.modules.length === 1 ? 'module' : 'modules'}
      </figcaption>
    </figure>
  );
}

function read(doc: Y.Doc): { rows: { hp: number }[]; modules: PreviewModule[] } {
  const modules: PreviewModule[] = listModules(doc).filter((m) => !m.parked);
  return { rows: readRows(doc), modules };
}
