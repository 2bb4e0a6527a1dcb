import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addModule,
  connect,
  disconnect,
  findFreeSlot,
  initRack,
  listCables,
  listModules,
  moveModule,
  RackRuleError,
  removeModule,
  toSnapshot,
  observeRack,
  SCHEMA_VERSION,
} from '../src/index.ts';

function rack(rows = [{ hp: 84 }, { hp: 84 }]) {
  const doc = new Y.Doc();
  initRack(doc, { caseId: 'case-1', rows });
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('modules in rows', () => {
  it('places a module at the first free slot and at a chosen slot', () => {
    const doc = rack();
    const vco = addModule(doc, { catalogId: 'vco', widthHp: 10 });
    expect(vco).toMatchObject({ row: 0, hp: 0, widthHp: 10 });
    const vcf = addModule(doc, { catalogId: 'vcf', widthHp: 8 });
    expect(vcf).toMatchObject({ row: 0, hp: 10 });
    const lfo = addModule(doc, { catalogId: 'lfo', widthHp: 4, slot: { row: 1, hp: 80 } });
    expect(listModules(doc).map((m) => [m.catalogId, m.row, m.hp])).toEqual([
      ['vco', 0, 0],
      ['vcf', 0, 10],
      ['lfo', 1, 80],
    ]);
    expect(lfo.id).not.toBe(vco.id);
  });

  it('refuses overlap and placement past the end of a row, changing nothing', () => {
    const doc = rack([{ hp: 20 }]);
    addModule(doc, { catalogId: 'a', widthHp: 10, slot: { row: 0, hp: 5 } });
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => addModule(doc, { catalogId: 'b', widthHp: 4, slot: { row: 0, hp: 12 } })).toThrow(RackRuleError);
    expect(() => addModule(doc, { catalogId: 'b', widthHp: 6, slot: { row: 0, hp: 16 } })).toThrow(/does not fit/);
    expect(() => addModule(doc, { catalogId: 'b', widthHp: 2, slot: { row: 3, hp: 0 } })).toThrow(/no row 4/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(findFreeSlot(doc, 5)).toEqual({ row: 0, hp: 0 });
    expect(findFreeSlot(doc, 6)).toBeNull();
  });

  it('moves a module to a free slot, and not onto another', () => {
    const doc = rack([{ hp: 30 }]);
    const a = addModule(doc, { catalogId: 'a', widthHp: 10 });
    const b = addModule(doc, { catalogId: 'b', widthHp: 10 });
    moveModule(doc, a.id, { row: 0, hp: 20 });
    expect(() => moveModule(doc, b.id, { row: 0, hp: 15 })).toThrow(/taken/);
    // Moving within its own footprint is fine.
    moveModule(doc, b.id, { row: 0, hp: 5 });
    expect(listModules(doc).map((m) => [m.catalogId, m.hp])).toEqual([
      ['b', 5],
      ['a', 20],
    ]);
  });

  it('removing a module removes the cables plugged into it', () => {
    const doc = rack();
    const vco = addModule(doc, { catalogId: 'vco', widthHp: 10 });
    const vcf = addModule(doc, { catalogId: 'vcf', widthHp: 8 });
    const vca = addModule(doc, { catalogId: 'vca', widthHp: 4 });
    connect(doc, { from: { moduleId: vco.id, jackId: 'saw' }, to: { moduleId: vcf.id, jackId: 'in' } });
    const keep = connect(doc, { from: { moduleId: vcf.id, jackId: 'out' }, to: { moduleId: vca.id, jackId: 'in' } });
    removeModule(doc, vco.id);
    expect(listCables(doc).map((c) => c.id)).toEqual([keep.id]);
  });
});

describe('cables', () => {
  it('allows one cable per input and refuses cables to missing modules', () => {
    const doc = rack();
    const vco = addModule(doc, { catalogId: 'vco', widthHp: 10 });
    const vcf = addModule(doc, { catalogId: 'vcf', widthHp: 8 });
    const cable = connect(doc, { from: { moduleId: vco.id, jackId: 'saw' }, to: { moduleId: vcf.id, jackId: 'in' }, color: '#f00' });
    expect(() => connect(doc, { from: { moduleId: vco.id, jackId: 'square' }, to: { moduleId: vcf.id, jackId: 'in' } })).toThrow(/already has a cable/);
    expect(() => connect(doc, { from: { moduleId: 'gone', jackId: 'x' }, to: { moduleId: vcf.id, jackId: 'fm' } })).toThrow(RackRuleError);
    // An output may feed several inputs.
    connect(doc, { from: { moduleId: vco.id, jackId: 'saw' }, to: { moduleId: vcf.id, jackId: 'fm' } });
    disconnect(doc, cable.id);
    expect(listCables(doc)).toHaveLength(1);
    connect(doc, { from: { moduleId: vco.id, jackId: 'square' }, to: { moduleId: vcf.id, jackId: 'in' } });
    expect(listCables(doc)).toHaveLength(2);
  });
});

describe('collaboration', () => {
  it('two replicas that edit apart converge to the same snapshot', () => {
    const a = rack();
    const b = new Y.Doc();
    sync(a, b);
    addModule(a, { catalogId: 'vco', widthHp: 10, slot: { row: 0, hp: 0 } });
    addModule(b, { catalogId: 'env', widthHp: 4, slot: { row: 1, hp: 0 } });
    sync(a, b);
    expect(toSnapshot(a)).toEqual(toSnapshot(b));
    expect(toSnapshot(b).modules.map((m) => m.catalogId).sort()).toEqual(['env', 'vco']);
    expect(toSnapshot(b)).toMatchObject({ schemaVersion: SCHEMA_VERSION, caseId: 'case-1', rows: [{ hp: 84 }, { hp: 84 }] });
  });

  it('tells observers about remote changes', () => {
    const a = rack();
    const b = new Y.Doc();
    sync(a, b);
    const seen: boolean[] = [];
    const stop = observeRack(b, (tx) => seen.push(tx.local));
    addModule(a, { catalogId: 'vco', widthHp: 10 });
    sync(a, b);
    stop();
    addModule(a, { catalogId: 'vcf', widthHp: 8 });
    sync(a, b);
    expect(seen).toEqual([false]);
  });
});
