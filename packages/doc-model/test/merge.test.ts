// What every replica shows after concurrent edits that break a rack rule when merged.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addModule,
  addPattern,
  connect,
  getPattern,
  listCables,
  listModules,
  moveModule,
  rackParts,
  removeModule,
  repairRack,
  setKnob,
  setTrackTarget,
  toSnapshot,
  type PlacedModule,
} from '../src/index.ts';
import { rack, replicaOf, sync } from './helpers.ts';

const where = (mods: PlacedModule[]) => mods.map((m) => [m.id, m.row, m.hp, m.parked]);

describe('concurrent moves into one slot', () => {
  it('the lower id keeps the slot and the other moves to the nearest free slot of its row', () => {
    const a = rack([{ hp: 40 }, { hp: 40 }]);
    addModule(a, { id: 'mod_a', catalogId: 'vco', widthHp: 8, slot: { row: 0, hp: 0 } });
    addModule(a, { id: 'mod_b', catalogId: 'vcf', widthHp: 8, slot: { row: 0, hp: 30 } });
    const b = replicaOf(a);
    moveModule(b, 'mod_b', { row: 0, hp: 12 }); // B drops the filter at HP 12…
    moveModule(a, 'mod_a', { row: 0, hp: 14 }); // …while A drops the oscillator at HP 14.
    sync(a, b);
    expect(where(listModules(a))).toEqual([
      ['mod_b', 0, 6, false], // nearest free slot to HP 12 on its row
      ['mod_a', 0, 14, false],
    ]);
    expect(toSnapshot(a)).toEqual(toSnapshot(b));
  });

  it('goes to another row when its own row is full, and is parked — never dropped — when the case is full', () => {
    const a = rack([{ hp: 10 }, { hp: 10 }]);
    addModule(a, { id: 'mod_1', catalogId: 'x', widthHp: 6, slot: { row: 1, hp: 0 } });
    const b = replicaOf(a);
    const c = replicaOf(a);
    addModule(a, { id: 'mod_a', catalogId: 'big', widthHp: 10, slot: { row: 0, hp: 0 } });
    addModule(b, { id: 'mod_b', catalogId: 'small', widthHp: 4, slot: { row: 0, hp: 0 } });
    addModule(c, { id: 'mod_c', catalogId: 'also-big', widthHp: 10, slot: { row: 0, hp: 0 } });
    sync(a, b);
    sync(b, c);
    sync(a, b);
    expect(where(listModules(a))).toEqual([
      ['mod_a', 0, 0, false],
      ['mod_1', 1, 0, false],
      ['mod_b', 1, 6, false],
      ['mod_c', 0, 0, true],
    ]);
    expect(toSnapshot(c)).toEqual(toSnapshot(a));
    // A parked module comes back into the case when someone makes room and moves it.
    removeModule(a, 'mod_a');
    expect(listModules(a).find((m) => m.id === 'mod_c')?.parked).toBe(true);
    moveModule(a, 'mod_c', { row: 0, hp: 0 });
    expect(where(listModules(a)).find(([id]) => id === 'mod_c')).toEqual(['mod_c', 0, 0, false]);
  });

  it('a displaced module keeps the slot it is shown in when someone edits afterwards', () => {
    const a = rack([{ hp: 20 }]);
    const b = replicaOf(a);
    addModule(a, { id: 'mod_a', catalogId: 'x', widthHp: 4, slot: { row: 0, hp: 0 } });
    addModule(b, { id: 'mod_b', catalogId: 'y', widthHp: 4, slot: { row: 0, hp: 0 } });
    sync(a, b);
    expect(where(listModules(b))).toEqual([
      ['mod_a', 0, 0, false],
      ['mod_b', 0, 4, false],
    ]);
    // Moving mod_a away frees HP 0, but mod_b stays where users last saw it.
    moveModule(b, 'mod_a', { row: 0, hp: 10 });
    sync(a, b);
    expect(where(listModules(a))).toEqual([
      ['mod_b', 0, 4, false],
      ['mod_a', 0, 10, false],
    ]);
  });
});

describe('cables after merges', () => {
  it('a cable to a module deleted concurrently disappears, and repairRack removes it for good', () => {
    const a = rack();
    addModule(a, { id: 'mod_vco', catalogId: 'vco', widthHp: 10 });
    addModule(a, { id: 'mod_vcf', catalogId: 'vcf', widthHp: 8 });
    const b = replicaOf(a);
    removeModule(a, 'mod_vcf');
    connect(b, { id: 'cab_1', from: { moduleId: 'mod_vco', jackId: 'saw' }, to: { moduleId: 'mod_vcf', jackId: 'in' } });
    setKnob(b, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.5 });
    sync(a, b);
    expect(listCables(a)).toEqual([]);
    expect(listCables(b)).toEqual([]);
    expect(toSnapshot(a).patches[0]!.knobs).toEqual([]);
    expect(rackParts(a).cables.size).toBe(1);
    const report = repairRack(a);
    expect(report.removedCables).toEqual(['cab_1']);
    expect(report.removedKnobValues).toBe(1);
    sync(a, b);
    expect(rackParts(b).cables.size).toBe(0);
    expect(rackParts(b).knobs.length).toBe(0);
  });

  it('two cables patched into one input concurrently: the lower id stays', () => {
    const a = rack();
    for (const id of ['mod_lfo', 'mod_env', 'mod_vcf']) addModule(a, { id, catalogId: id, widthHp: 4 });
    const b = replicaOf(a);
    connect(a, { id: 'cab_z', from: { moduleId: 'mod_lfo', jackId: 'out' }, to: { moduleId: 'mod_vcf', jackId: 'cv' } });
    connect(b, { id: 'cab_m', from: { moduleId: 'mod_env', jackId: 'out' }, to: { moduleId: 'mod_vcf', jackId: 'cv' } });
    sync(a, b);
    expect(listCables(a).map((c) => c.id)).toEqual(['cab_m']);
    expect(listCables(b).map((c) => c.id)).toEqual(['cab_m']);
    expect(repairRack(b).removedCables).toEqual(['cab_z']);
  });

  it('a track aimed at a deleted module reads as unassigned', () => {
    const a = rack();
    addModule(a, { id: 'mod_env', catalogId: 'env', widthHp: 4 });
    const { id } = addPattern(a, { name: 'Beat' });
    const b = replicaOf(a);
    removeModule(a, 'mod_env');
    setTrackTarget(b, id, 0, { moduleId: 'mod_env', jackId: 'gate' });
    sync(a, b);
    expect(getPattern(b, id)!.tracks[0]!.target).toBeNull();
    expect(repairRack(b).clearedTrackTargets).toBe(1);
  });
});

describe('repairRack', () => {
  function conflicted() {
    const a = rack([{ hp: 12 }]);
    const b = replicaOf(a);
    addModule(a, { id: 'mod_a', catalogId: 'x', widthHp: 8, slot: { row: 0, hp: 0 } });
    addModule(b, { id: 'mod_b', catalogId: 'y', widthHp: 4, slot: { row: 0, hp: 2 } });
    addModule(b, { id: 'mod_c', catalogId: 'z', widthHp: 6, slot: { row: 0, hp: 6 } });
    sync(a, b);
    return { a, b };
  }

  it('stores the shown layout without changing what anyone sees, and a second run does nothing', () => {
    const { a } = conflicted();
    const shown = toSnapshot(a);
    expect(where(shown.modules)).toEqual([
      ['mod_a', 0, 0, false],
      ['mod_b', 0, 8, false],
      ['mod_c', 0, 6, true],
    ]);
    const report = repairRack(a);
    expect(report.settledModules).toEqual(['mod_b', 'mod_c']);
    expect(rackParts(a).modules.get('mod_b')).toMatchObject({ row: 0, hp: 8 });
    expect(rackParts(a).modules.get('mod_c')).toMatchObject({ parked: true });
    expect(toSnapshot(a)).toEqual(shown);
    const state = Y.encodeStateAsUpdate(a);
    expect(repairRack(a).settledModules).toEqual([]);
    expect(Y.encodeStateAsUpdate(a)).toEqual(state);
  });

  it('two replicas repairing the same merged state write the changes once', () => {
    const { a, b } = conflicted();
    const alone = replicaOf(a);
    repairRack(a);
    repairRack(b);
    repairRack(alone);
    sync(a, b);
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(alone));
    expect(toSnapshot(b)).toEqual(toSnapshot(alone));
  });
});
