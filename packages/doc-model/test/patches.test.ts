import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  activePatchId,
  addModule,
  addPatch,
  connect,
  disconnect,
  duplicatePatch,
  getKnob,
  listCables,
  listKnobs,
  listPatches,
  measureKnobGrowth,
  patchNotesText,
  RackRuleError,
  removeModule,
  removePatch,
  renamePatch,
  resetKnob,
  setActivePatch,
  setCableColor,
  setKnob,
  setPatchCategory,
  setPatchNotes,
  toSnapshot,
} from '../src/index.ts';
import { rack, replicaOf, sync } from './helpers.ts';

function voice() {
  const doc = rack();
  const vco = addModule(doc, { id: 'mod_vco', catalogId: 'vco', widthHp: 10 });
  const vcf = addModule(doc, { id: 'mod_vcf', catalogId: 'vcf', widthHp: 8 });
  return { doc, vco, vcf };
}

const saw = { moduleId: 'mod_vco', jackId: 'saw' };
const filterIn = { moduleId: 'mod_vcf', jackId: 'in' };

/** Asserts that `edit` throws a RackRuleError matching `message` and leaves the document as it was. */
function refused(doc: Y.Doc, edit: () => unknown, message: RegExp) {
  const before = Y.encodeStateAsUpdate(doc);
  expect(edit).toThrow(RackRuleError);
  expect(edit).toThrow(message);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

describe('patches', () => {
  it('several named patches, each with its own cables; connect acts on the active one', () => {
    const { doc } = voice();
    const first = activePatchId(doc)!;
    connect(doc, { from: saw, to: filterIn });
    const bass = addPatch(doc, { name: 'Acid bass', category: 'voice', activate: true });
    expect(activePatchId(doc)).toBe(bass.id);
    expect(listCables(doc)).toEqual([]);
    // The same input can take a cable in each patch.
    connect(doc, { from: { moduleId: 'mod_vco', jackId: 'square' }, to: filterIn });
    expect(listCables(doc).map((c) => c.from.jackId)).toEqual(['square']);
    expect(listCables(doc, first).map((c) => c.from.jackId)).toEqual(['saw']);
    connect(doc, { from: saw, to: { moduleId: 'mod_vcf', jackId: 'fm' }, patchId: first });
    setActivePatch(doc, first);
    expect(listCables(doc).map((c) => `${c.from.jackId}->${c.to.jackId}`).sort()).toEqual(['saw->fm', 'saw->in']);
    expect(listPatches(doc).map((p) => [p.name, p.category])).toEqual([
      ['Patch 1', 'other'],
      ['Acid bass', 'voice'],
    ]);
  });

  it('renames, recategorises and keeps notes per patch', () => {
    const { doc } = voice();
    const id = activePatchId(doc)!;
    renamePatch(doc, id, '  Drone bed ');
    setPatchCategory(doc, id, 'drone');
    setPatchNotes(doc, id, 'Slow LFO into the cutoff.');
    patchNotesText(doc, id).insert(0, 'Tip: ');
    expect(toSnapshot(doc).patches[0]).toMatchObject({
      name: 'Drone bed',
      category: 'drone',
      notes: 'Tip: Slow LFO into the cutoff.',
    });
    refused(doc, () => renamePatch(doc, id, '   '), /needs a name/);
    refused(doc, () => setPatchCategory(doc, id, 'polka' as never), /Unknown patch category/);
    refused(doc, () => renamePatch(doc, 'patch_gone', 'x'), /no longer in the rack/);
  });

  it('removing a patch removes its cables and knob values, moves the active patch, and keeps the last one', () => {
    const { doc } = voice();
    const first = activePatchId(doc)!;
    refused(doc, () => removePatch(doc, first), /at least one patch/);
    const second = addPatch(doc, { name: 'Second', activate: true });
    connect(doc, { from: saw, to: filterIn });
    setKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.7 });
    removePatch(doc, second.id);
    expect(activePatchId(doc)).toBe(first);
    expect(toSnapshot(doc).patches.map((p) => p.id)).toEqual([first]);
    expect(doc.getMap('cables').size).toBe(0);
    expect(doc.getArray('knobs').length).toBe(0);
  });

  it('duplicates a patch with its cables, knobs and notes', () => {
    const { doc } = voice();
    const first = activePatchId(doc)!;
    connect(doc, { from: saw, to: filterIn, color: '#123456' });
    setKnob(doc, { moduleId: 'mod_vcf', controlId: 'res', value: 0.4 });
    setPatchNotes(doc, first, 'original');
    const copy = duplicatePatch(doc, first);
    const snap = toSnapshot(doc).patches.find((p) => p.id === copy.id)!;
    expect(snap).toMatchObject({ name: 'Patch 1 (copy)', notes: 'original' });
    expect(snap.cables.map((c) => [c.from, c.to, c.color])).toEqual([[saw, filterIn, '#123456']]);
    expect(snap.knobs).toEqual([{ moduleId: 'mod_vcf', controlId: 'res', value: 0.4 }]);
    // Editing the copy leaves the original alone.
    setKnob(doc, { moduleId: 'mod_vcf', controlId: 'res', value: 0.9, patchId: copy.id });
    expect(getKnob(doc, { moduleId: 'mod_vcf', controlId: 'res' })).toBe(0.4);
  });

  it('records provenance of generated patches', () => {
    const { doc } = voice();
    const generated = addPatch(doc, {
      name: 'Gen 1',
      category: 'generative',
      provenance: { seed: 'abc', generatorVersion: '1.0.0', config: { density: 0.5 } },
    });
    expect(toSnapshot(doc).patches.find((p) => p.id === generated.id)!.provenance).toEqual({
      seed: 'abc',
      generatorVersion: '1.0.0',
      config: { density: 0.5 },
    });
    refused(doc, () => addPatch(doc, { name: 'Bad', provenance: { seed: 1 } as never }), /generator version/);
  });
});

describe('cables', () => {
  it('refuses cables into a taken input, to missing modules, or with odd input', () => {
    const { doc } = voice();
    const cable = connect(doc, { from: saw, to: filterIn });
    refused(doc, () => connect(doc, { from: { moduleId: 'mod_vco', jackId: 'sq' }, to: filterIn }), /already has a cable/);
    refused(doc, () => connect(doc, { from: { moduleId: 'nope', jackId: 'x' }, to: filterIn }), /two modules/);
    refused(doc, () => connect(doc, { from: saw, to: { moduleId: 'mod_vcf', jackId: '' } }), /Jack/);
    refused(doc, () => connect(doc, { from: saw, to: { moduleId: 'mod_vcf', jackId: 'fm' }, patchId: 'patch_x' }), /patch/);
    refused(doc, () => connect(doc, { from: saw, to: { moduleId: 'mod_vcf', jackId: 'fm' }, color: '' }), /colour/);
    setCableColor(doc, cable.id, '#ff00ff');
    expect(listCables(doc)[0]!.color).toBe('#ff00ff');
    disconnect(doc, cable.id);
    expect(listCables(doc)).toEqual([]);
  });

  it('removing a module removes its cables and knob values in every patch', () => {
    const { doc } = voice();
    const other = addPatch(doc, { name: 'Other' });
    connect(doc, { from: saw, to: filterIn });
    connect(doc, { from: saw, to: filterIn, patchId: other.id });
    setKnob(doc, { moduleId: 'mod_vco', controlId: 'tune', value: 2 });
    setKnob(doc, { moduleId: 'mod_vco', controlId: 'tune', value: 3, patchId: other.id });
    removeModule(doc, 'mod_vco');
    expect(doc.getMap('cables').size).toBe(0);
    expect(doc.getArray('knobs').length).toBe(0);
  });
});

describe('knobs', () => {
  it('stores a value per patch, module and control', () => {
    const { doc } = voice();
    expect(getKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff' })).toBeUndefined();
    setKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.25 });
    setKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.5 });
    setKnob(doc, { moduleId: 'mod_vco', controlId: 'fine/tune', value: -1 });
    expect(getKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff' })).toBe(0.5);
    expect(listKnobs(doc)).toEqual([
      { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.5 },
      { moduleId: 'mod_vco', controlId: 'fine/tune', value: -1 },
    ]);
    resetKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff' });
    expect(getKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff' })).toBeUndefined();
    refused(doc, () => setKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff', value: Number.NaN }), /number/);
    refused(doc, () => setKnob(doc, { moduleId: 'mod_gone', controlId: 'cutoff', value: 1 }), /no longer in the rack/);
  });

  it('concurrent turns of one knob converge to one value', () => {
    const { doc: a } = voice();
    const b = replicaOf(a);
    setKnob(a, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.1 });
    setKnob(b, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.9 });
    sync(a, b);
    sync(a, b);
    const value = getKnob(a, { moduleId: 'mod_vcf', controlId: 'cutoff' });
    expect([0.1, 0.9]).toContain(value);
    expect(getKnob(b, { moduleId: 'mod_vcf', controlId: 'cutoff' })).toBe(value);
    expect(a.getArray('knobs').length).toBe(1); // the losing write was cleaned up
  });

  it('100,000 knob changes grow the document by less than 10 KB', () => {
    // Four knobs turned in turn, one transaction per change, as a user's drags produce them.
    expect(measureKnobGrowth(100_000, 4)).toBeLessThan(10_000);
  });
});
