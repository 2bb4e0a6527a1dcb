// A rack snapshot (doc-model's toSnapshot, read structurally: engine does not import doc-model)
// plus catalog entries → the SoundRack of one patch.
import type { CatalogModule } from '../racks/catalog-types.ts';
import type { SoundRack } from './types.ts';

interface SnapshotLike {
  modules: readonly { id: string; catalogId: string; parked: boolean }[];
  activePatchId: string | null;
  patches: readonly {
    id: string;
    cables: readonly { id: string; from: { moduleId: string; jackId: string }; to: { moduleId: string; jackId: string } }[];
    knobs: readonly { moduleId: string; controlId: string; value: number }[];
  }[];
}

/**
 * The patch `patchId` (the active one when omitted) of a rack. Parked modules (no room in the
 * case) and modules missing from the catalog make no sound; their cables are left out.
 */
export function soundRackFromSnapshot(snapshot: SnapshotLike, catalog: readonly CatalogModule[], patchId?: string): SoundRack {
  const byId = new Map(catalog.map((m) => [m.id, m]));
  const patch = snapshot.patches.find((p) => p.id === (patchId ?? snapshot.activePatchId));
  const modules = snapshot.modules
    .filter((m) => !m.parked && byId.has(m.catalogId))
    .map((m) => {
      const knobs: Record<string, number> = {};
      for (const k of patch?.knobs ?? []) if (k.moduleId === m.id) knobs[k.controlId] = k.value;
      return { id: m.id, catalog: byId.get(m.catalogId)!, knobs };
    });
  const present = new Set(modules.map((m) => m.id));
  const cables = (patch?.cables ?? [])
    .filter((c) => present.has(c.from.moduleId) && present.has(c.to.moduleId))
    .map((c) => ({ id: c.id, from: { ...c.from }, to: { ...c.to } }));
  return { modules, cables };
}
