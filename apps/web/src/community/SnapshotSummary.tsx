import type { RackSnapshot } from '@patchroom/doc-model';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';

/** The published rack in words: its modules, then each patch's cables jack to jack. */
export function SnapshotSummary({ snapshot }: { snapshot: RackSnapshot }) {
  const trpc = useTRPC();
  const ids = [...new Set(snapshot.modules.map((m) => m.catalogId))].slice(0, 500);
  const catalog = useQuery(trpc.catalog.byIds.queryOptions({ ids }, { enabled: ids.length > 0 }));
  const byId = new Map((catalog.data ?? []).map((m) => [m.id, m]));
  const placed = new Map(snapshot.modules.map((m) => [m.id, m]));
  const moduleName = (moduleId: string) => {
    const m = placed.get(moduleId);
    const entry = m ? byId.get(m.catalogId) : undefined;
    return entry ? `${entry.manufacturer} ${entry.name}` : (m?.catalogId ?? 'a removed module');
  };
  const jackName = (moduleId: string, jackId: string) => {
    const m = placed.get(moduleId);
    return (m && byId.get(m.catalogId)?.jacks.find((j) => j.id === jackId)?.name) ?? jackId;
  };

  return (
    <>
      <section className="panel" aria-labelledby="modules-title">
        <h2 id="modules-title">Modules ({snapshot.modules.length})</h2>
        {snapshot.modules.length === 0 ? <p className="empty-state">No modules placed.</p> : null}
        <ul className="module-summary" aria-label="Modules">
          {snapshot.modules.map((m) => (
            <li key={m.id}>
              {moduleName(m.id)} <span className="rack-card-meta">{m.parked ? 'parked' : `row ${m.row + 1}, ${m.hp} HP from the left, ${m.widthHp} HP wide`}</span>
            </li>
          ))}
        </ul>
      </section>
      {snapshot.patches.map((patch) => (
        <section key={patch.id} className="panel" aria-label={`Patch ${patch.name}`}>
          <h2>
            {patch.name} <span className="rack-card-meta">({patch.cables.length} {patch.cables.length === 1 ? 'cable' : 'cables'})</span>
          </h2>
          <ul className="cable-summary" aria-label={`Cables of ${patch.name}`}>
            {patch.cables.map((c) => (
              <li key={c.id}>
                <span className="cable-swatch" style={{ background: c.color }} aria-hidden="true" />
                {moduleName(c.from.moduleId)} {jackName(c.from.moduleId, c.from.jackId)} → {moduleName(c.to.moduleId)} {jackName(c.to.moduleId, c.to.jackId)}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
