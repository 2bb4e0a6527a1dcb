import { lazy, Suspense, useId, useState } from 'react';
import { LoadingPanel } from '../ui/Spinner.tsx';

// The panel (and the calls behind it) loads only when someone opens the menu.
const ExportPanel = lazy(() => import('./ExportPanel.tsx'));

/** "Export" in the room bar: the PDF patch book, the rack as JSON, SVG diagrams. */
export function ExportMenu({ rackId, activePatch }: { rackId: string; activePatch: () => { id: string; name: string } | null }) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="share export-menu">
      <button type="button" className="button ghost small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        Export
      </button>
      {open ? (
        <div id={panelId} className="share-panel" role="group" aria-label="Export this rack" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <Suspense fallback={<LoadingPanel label="Loading exports…" />}>
            <ExportPanel rackId={rackId} activePatch={activePatch} />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
