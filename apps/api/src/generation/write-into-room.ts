import { addPatch, addPattern, connect, getModule, setKnob, setStep, type PatchCategory } from '@patchroom/doc-model';
import type { GeneratedPatch, GeneratedPattern } from '@patchroom/engine';
import type * as Y from 'yjs';

export class RackChangedError extends Error {
  override name = 'RackChangedError';
}

/** Writes generated patches into the live room in one transaction; returns the new patch ids.
 * If a module the patches use was removed since generation, nothing is written. */
export function writePatches(doc: Y.Doc, patches: readonly GeneratedPatch[]): string[] {
  const used = new Set(patches.flatMap((p) => [...p.cables.flatMap((c) => [c.from.moduleId, c.to.moduleId]), ...p.knobs.map((k) => k.moduleId)]));
  for (const moduleId of used) {
    if (!getModule(doc, moduleId)) throw new RackChangedError('A module was removed while the patches were generated. Try again.');
  }
  return patches.map((patch) => {
    const { id } = addPatch(doc, {
      name: patch.name,
      category: storedCategory(patch.category),
      notes: patch.notes,
      provenance: { seed: patch.provenance.seed, generatorVersion: patch.provenance.generatorVersion, config: { ...patch.provenance.config } },
    });
    for (const cable of patch.cables) connect(doc, { patchId: id, from: cable.from, to: cable.to, color: cable.color });
    for (const knob of patch.knobs) setKnob(doc, { patchId: id, moduleId: knob.moduleId, controlId: knob.controlId, value: knob.value });
    return id;
  });
}

/** The engine names categories as people read them; the document stores slugs. */
function storedCategory(category: GeneratedPatch['category']): PatchCategory {
  return category === 'clock/rhythm' ? 'clock-rhythm' : category;
}

/** Writes generated patterns into the live room; returns the new pattern ids. */
export function writePatterns(doc: Y.Doc, patterns: readonly GeneratedPattern[]): string[] {
  return patterns.map((pattern) => {
    const { id } = addPattern(doc, {
      name: pattern.name,
      bpm: pattern.bpm,
      swing: pattern.swing,
      length: pattern.length,
      tracks: pattern.tracks.length,
      provenance: { seed: pattern.provenance.seed, generatorVersion: pattern.provenance.generatorVersion, config: { ...pattern.provenance.config } },
    });
    pattern.tracks.forEach((track, trackIndex) => {
      track.steps.forEach((step, stepIndex) => {
        if (step.on || step.pitch !== 60) setStep(doc, id, trackIndex, stepIndex, step);
      });
    });
    return id;
  });
}
