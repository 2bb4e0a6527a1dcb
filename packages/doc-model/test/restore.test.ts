import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addModule,
  addPattern,
  connect,
  getKnob,
  getStep,
  listCables,
  listModules,
  moveModule,
  play,
  readTransport,
  removeModule,
  restoreRack,
  setKnob,
  setNotes,
  toggleStep,
  toSnapshot,
} from '../src/index.ts';
import { rack, replicaOf, sync } from './helpers.ts';

function checkpointedRoom() {
  const doc = rack();
  addModule(doc, { id: 'mod_vco', catalogId: 'vco', widthHp: 10, slot: { row: 0, hp: 0 } });
  addModule(doc, { id: 'mod_vcf', catalogId: 'vcf', widthHp: 8, slot: { row: 0, hp: 20 } });
  connect(doc, { from: { moduleId: 'mod_vco', jackId: 'saw' }, to: { moduleId: 'mod_vcf', jackId: 'in' } });
  setKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.25 });
  const { id: patternId } = addPattern(doc, { name: 'Groove' });
  toggleStep(doc, patternId, 0, 3);
  setNotes(doc, 'before');
  return { doc, patternId, checkpoint: Y.encodeStateAsUpdate(doc), before: toSnapshot(doc) };
}

describe('restoring a checkpoint', () => {
  it('brings back the content of the checkpoint as a new change, keeping every later change in the history', () => {
    const { doc, patternId, checkpoint, before } = checkpointedRoom();
    const other = replicaOf(doc);
    removeModule(doc, 'mod_vco');
    moveModule(doc, 'mod_vcf', { row: 1, hp: 4 });
    addModule(doc, { id: 'mod_env', catalogId: 'env', widthHp: 4, slot: { row: 0, hp: 40 } });
    setKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.9 });
    toggleStep(doc, patternId, 0, 3);
    setNotes(doc, 'after');
    play(doc, { atMs: 1000 });
    const edited = Y.encodeStateVector(doc);

    const { bytes } = restoreRack(doc, checkpoint);
    expect(bytes).toBeGreaterThan(0);
    const after = toSnapshot(doc);
    expect(after.modules).toEqual(before.modules);
    expect(listCables(doc)).toHaveLength(1);
    expect(getKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff' })).toBe(0.25);
    expect(getStep(doc, patternId, 0, 3).on).toBe(true);
    expect(after.notes).toBe('before');
    expect(after.patches).toEqual(before.patches);
    // The transport is not part of a version: it keeps playing.
    expect(readTransport(doc).playing).toBe(true);
    // Nothing was rewritten: the restored state still contains every edit made after the checkpoint.
    const clocks = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client, clock] of Y.decodeStateVector(edited)) expect(clocks.get(client)).toBeGreaterThanOrEqual(clock);

    // Another replica receives the restore as an ordinary update and shows the same rack.
    sync(doc, other);
    expect(toSnapshot(other)).toEqual(toSnapshot(doc));
  });

  it('changes nothing when the room already has that content, and refuses a state from another room', () => {
    const { doc, checkpoint } = checkpointedRoom();
    expect(restoreRack(doc, checkpoint).bytes).toBe(0);
    const stranger = rack();
    addModule(stranger, { id: 'mod_x', catalogId: 'x', widthHp: 4, slot: { row: 0, hp: 0 } });
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => restoreRack(doc, Y.encodeStateAsUpdate(stranger))).toThrow('This version does not belong to this rack.');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(listModules(doc)).toHaveLength(2);
  });
});
