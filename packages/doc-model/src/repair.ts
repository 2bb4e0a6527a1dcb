// Persists what read-time resolution shows: after a merge, the rack already *looks* valid on
// every replica; repairRack makes the stored state match, so the hidden leftovers (dangling
// cables, losing duplicates, stale knob values) stop taking space and displaced modules keep
// the slot they are shown in. Deterministic: replicas repairing the same state write the same
// changes, stored once (see schema/shared-writer.ts).
import * as Y from 'yjs';
import { rackParts } from './rack-doc.ts';
import { resolveModules, moduleIds } from './racks/layout.ts';
import { settleModules } from './racks/modules.ts';
import { resolveCables } from './patches/cables.ts';
import { activePatchId, createPatchRecord, listPatches } from './patches/patches.ts';
import { readTransport } from './transport/transport.ts';
import { transactAsSharedWriter } from './schema/shared-writer.ts';
import { sortedKeys } from './shared/order.ts';

export interface RepairReport {
  /** Modules whose stored slot changed to the one they are shown in (or that were parked). */
  settledModules: string[];
  removedCables: string[];
  removedKnobValues: number;
  clearedTrackTargets: number;
  /** True when a patch had to be created because concurrent deletes removed every patch. */
  createdPatch: boolean;
}

export function repairRack(doc: Y.Doc): RepairReport {
  const parts = rackParts(doc);
  const view = resolveModules(doc);
  const present = moduleIds(doc);
  const patchIds = new Set(listPatches(doc).map((p) => p.id));
  const visibleCables = new Set(resolveCables(doc, present, patchIds).map((c) => c.id));
  const cablesToRemove = sortedKeys(parts.cables).filter((id) => !visibleCables.has(id));
  const knobsToRemove = staleKnobIndexes(parts.knobs.toArray(), present, patchIds);
  const targetsToClear = danglingTargets(doc, present);
  const needsPatch = patchIds.size === 0 && parts.meta.has('caseId');
  const active = activePatchId(doc);
  const activeStale = !needsPatch && active !== null && parts.meta.get('activePatchId') !== active;
  const transport = readTransport(doc);
  const storedPattern = (parts.transport.get('state') as { patternId?: unknown } | undefined)?.patternId ?? null;
  const transportStale = storedPattern !== transport.patternId;
  const report: RepairReport = {
    settledModules: [],
    removedCables: cablesToRemove,
    removedKnobValues: knobsToRemove.length,
    clearedTrackTargets: targetsToClear.length,
    createdPatch: needsPatch,
  };
  const modulesStale = settledDiffers(doc, view);
  if (!modulesStale && !cablesToRemove.length && !knobsToRemove.length && !targetsToClear.length) {
    if (!needsPatch && !activeStale && !transportStale) return report;
  }
  transactAsSharedWriter(doc, 'repair', () => {
    report.settledModules = settleModules(doc, view);
    for (const id of cablesToRemove) parts.cables.delete(id);
    for (const index of knobsToRemove) parts.knobs.delete(index, 1);
    for (const { targets, trackId } of targetsToClear) targets.set(trackId, null);
    if (needsPatch) {
      const id = `patch_${doc.clientID.toString(36)}`;
      createPatchRecord(doc, id, { name: 'Patch 1', category: 'other', notes: '', createdAt: 0 });
      parts.meta.set('activePatchId', id);
    } else if (activeStale) {
      parts.meta.set('activePatchId', active);
    }
    if (transportStale) parts.transport.set('state', transport);
  });
  return report;
}

function settledDiffers(doc: Y.Doc, view: ReturnType<typeof resolveModules>): boolean {
  const { modules } = rackParts(doc);
  return view.some((m) => {
    const stored = modules.get(m.id);
    if (!stored) return false;
    return m.parked ? stored.parked !== true : stored.parked === true || stored.row !== m.row || stored.hp !== m.hp;
  });
}

/** Indexes (descending, so deleting one leaves the others valid) of knob entries nobody sees. */
function staleKnobIndexes(entries: unknown[], modules: ReadonlySet<string>, patches: ReadonlySet<string>): number[] {
  const lastIndex = new Map<string, number>();
  entries.forEach((e, i) => {
    const key = (e as { key?: unknown } | null)?.key;
    if (typeof key === 'string') lastIndex.set(key, i);
  });
  const stale: number[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as { key?: unknown; val?: unknown } | null;
    const key = entry?.key;
    const [patchId, moduleId] = typeof key === 'string' ? key.split('/', 2) : [];
    const keep =
      typeof key === 'string' &&
      lastIndex.get(key) === i &&
      typeof entry?.val === 'number' &&
      Number.isFinite(entry.val) &&
      patches.has(patchId ?? '') &&
      modules.has(moduleId ?? '');
    if (!keep) stale.push(i);
  }
  return stale;
}

function danglingTargets(doc: Y.Doc, modules: ReadonlySet<string>) {
  const out: { targets: Y.Map<unknown>; trackId: string }[] = [];
  const { patterns } = rackParts(doc);
  for (const patternId of sortedKeys(patterns)) {
    const targets = patterns.get(patternId)?.get('targets');
    if (!(targets instanceof Y.Map)) continue;
    for (const trackId of sortedKeys(targets)) {
      const target = targets.get(trackId) as { moduleId?: unknown } | null;
      if (target && !modules.has(target.moduleId as string)) out.push({ targets, trackId });
    }
  }
  return out;
}
