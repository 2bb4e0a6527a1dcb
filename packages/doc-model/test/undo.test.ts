import { describe, expect, it } from 'vitest';
import {
  addModule,
  addPattern,
  connect,
  createUndoManager,
  getKnob,
  getStep,
  listCables,
  listModules,
  moveModule,
  play,
  readTransport,
  removeModule,
  setKnob,
  toggleStep,
  withOrigin,
} from '../src/index.ts';
import { rack, replicaOf, sync } from './helpers.ts';

const ALICE = { user: 'alice' };
const BOB = { user: 'bob' };

function room() {
  const a = rack();
  addModule(a, { id: 'mod_vco', catalogId: 'vco', widthHp: 10, slot: { row: 0, hp: 0 } });
  addModule(a, { id: 'mod_vcf', catalogId: 'vcf', widthHp: 8, slot: { row: 0, hp: 20 } });
  const b = replicaOf(a);
  return { a, b, undoA: createUndoManager(a, { origin: ALICE, captureTimeout: 0 }), undoB: createUndoManager(b, { origin: BOB, captureTimeout: 0 }) };
}

describe('per-user undo', () => {
  it("undo reverts only the undoing user's edit, on every replica; redo restores it", () => {
    const { a, b, undoA } = room();
    withOrigin(a, ALICE, () => moveModule(a, 'mod_vco', { row: 1, hp: 4 }));
    withOrigin(b, BOB, () => addModule(b, { id: 'mod_env', catalogId: 'env', widthHp: 4, slot: { row: 0, hp: 40 } }));
    withOrigin(b, BOB, () => setKnob(b, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.8 }));
    sync(a, b);
    undoA.undo();
    sync(a, b);
    for (const doc of [a, b]) {
      expect(listModules(doc).map((m) => [m.id, m.row, m.hp])).toEqual([
        ['mod_vco', 0, 0],
        ['mod_vcf', 0, 20],
        ['mod_env', 0, 40],
      ]);
      expect(getKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff' })).toBe(0.8);
    }
    undoA.redo();
    sync(a, b);
    expect(listModules(b).find((m) => m.id === 'mod_vco')).toMatchObject({ row: 1, hp: 4 });
  });

  it("does not bring back a value another user has since overwritten", () => {
    const { a, b, undoA } = room();
    withOrigin(a, ALICE, () => setKnob(a, { moduleId: 'mod_vcf', controlId: 'res', value: 0.2 }));
    sync(a, b);
    withOrigin(b, BOB, () => setKnob(b, { moduleId: 'mod_vcf', controlId: 'res', value: 0.6 }));
    sync(a, b);
    undoA.undo();
    sync(a, b);
    sync(a, b);
    expect(getKnob(a, { moduleId: 'mod_vcf', controlId: 'res' })).toBe(0.6);
    expect(getKnob(b, { moduleId: 'mod_vcf', controlId: 'res' })).toBe(0.6);
  });

  it('undoes knob turns, steps and cables, and brings back a removed module with its cables', () => {
    const { a, undoA } = room();
    const { id } = addPattern(a, { name: 'P' });
    withOrigin(a, ALICE, () => setKnob(a, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.1 }));
    withOrigin(a, ALICE, () => setKnob(a, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.3 }));
    withOrigin(a, ALICE, () => toggleStep(a, id, 0, 5));
    withOrigin(a, ALICE, () => connect(a, { from: { moduleId: 'mod_vco', jackId: 'saw' }, to: { moduleId: 'mod_vcf', jackId: 'in' } }));
    withOrigin(a, ALICE, () => removeModule(a, 'mod_vco'));
    expect(listCables(a)).toEqual([]);
    undoA.undo();
    expect(listModules(a).map((m) => m.id)).toContain('mod_vco');
    expect(listCables(a)).toHaveLength(1);
    undoA.undo();
    expect(listCables(a)).toHaveLength(0);
    undoA.undo();
    expect(getStep(a, id, 0, 5).on).toBe(false);
    undoA.undo();
    expect(getKnob(a, { moduleId: 'mod_vcf', controlId: 'cutoff' })).toBe(0.1);
  });

  it('leaves the shared transport alone', () => {
    const { a, undoA } = room();
    withOrigin(a, ALICE, () => play(a, { atMs: 1000 }));
    undoA.undo();
    expect(readTransport(a).playing).toBe(true);
  });
});
