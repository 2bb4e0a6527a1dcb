import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAnnotation,
  addModule,
  addPatch,
  addPattern,
  addTrack,
  connect,
  listCables,
  parkModule,
  play,
  RackRuleError,
  replaceRackContent,
  setKnob,
  setNotes,
  setPatchNotes,
  setPatternLength,
  setStep,
  setTrackTarget,
  setTransportTempo,
  toSnapshot,
} from '../src/index.ts';
import { rack, replicaOf, sync } from './helpers.ts';

/** A rack with something in every part: modules (one parked), 3 patches, patterns, transport, notes. */
function richRack(): Y.Doc {
  const doc = rack([{ hp: 84 }, { hp: 42 }]);
  const vco = addModule(doc, { id: 'mod_vco', catalogId: 'vco', widthHp: 10 });
  const vcf = addModule(doc, { id: 'mod_vcf', catalogId: 'vcf', widthHp: 8 });
  const vca = addModule(doc, { id: 'mod_vca', catalogId: 'vca', widthHp: 4, slot: { row: 1, hp: 6 } });
  const env = addModule(doc, { id: 'mod_env', catalogId: 'adsr', widthHp: 6 });
  parkModule(doc, env.id);
  const bass = addPatch(doc, { name: 'Bass', category: 'voice', notes: 'Low and round', provenance: { seed: 7, generatorVersion: 'g1', config: { style: 'bass' } } });
  const drone = addPatch(doc, { name: 'Drone', category: 'drone' });
  connect(doc, { from: { moduleId: vco.id, jackId: 'saw' }, to: { moduleId: vcf.id, jackId: 'in' } });
  connect(doc, { patchId: bass.id, from: { moduleId: vco.id, jackId: 'sqr' }, to: { moduleId: vcf.id, jackId: 'in' }, color: '#ff0000' });
  connect(doc, { patchId: bass.id, from: { moduleId: vcf.id, jackId: 'lp' }, to: { moduleId: vca.id, jackId: 'in' }, color: '#00ff00' });
  connect(doc, { patchId: drone.id, from: { moduleId: vco.id, jackId: 'sine' }, to: { moduleId: vca.id, jackId: 'cv' } });
  setKnob(doc, { moduleId: vcf.id, controlId: 'cutoff', value: 0.25 });
  setKnob(doc, { patchId: bass.id, moduleId: vcf.id, controlId: 'cutoff', value: 0.1 });
  setKnob(doc, { patchId: bass.id, moduleId: vco.id, controlId: 'tune', value: -2 });
  setPatchNotes(doc, drone.id, 'Let it ring');
  const pattern = addPattern(doc, { name: 'Groove', bpm: 96, swing: 20, length: 8, tracks: 2 });
  addPattern(doc, { name: 'Empty', provenance: { seed: 'x', generatorVersion: 'g2', config: {} } });
  addTrack(doc, pattern.id, { target: { moduleId: vca.id, jackId: 'cv' } });
  setTrackTarget(doc, pattern.id, 0, { moduleId: env.id, jackId: 'gate' });
  setStep(doc, pattern.id, 0, 0, { on: true, velocity: 90 });
  setStep(doc, pattern.id, 1, 3, { on: true, pitch: 67, probability: 0.5, microMs: -10 });
  setStep(doc, pattern.id, 2, 7, { velocity: 12 });
  play(doc, { atMs: 1_000_000, patternId: pattern.id });
  setTransportTempo(doc, 140, { nowMs: 1_003_000 });
  setNotes(doc, 'Rack notes: patch the LFO to the cutoff.');
  addAnnotation(doc, { kind: 'sticky', props: { x: 10, y: 20, text: 'Try FM' } });
  addAnnotation(doc, { kind: 'freehand', props: { points: [[0, 0, 0.5], [1, 2, 0.6]] } });
  return doc;
}

describe('replaceRackContent', () => {
  it('writes a snapshot that reads back identical into a fresh document', () => {
    const source = toSnapshot(richRack());
    expect(source.patches).toHaveLength(3);
    expect(source.modules.some((m) => m.parked)).toBe(true);
    expect(source.transport.pendingTempo).not.toBeNull();
    const fresh = new Y.Doc();
    expect(toSnapshot(replaceRackContent(fresh, source))).toEqual(source);
    // …and survives the trip to another replica.
    expect(toSnapshot(replicaOf(fresh))).toEqual(source);
  });

  it('replaces everything a different rack held, in one transaction', () => {
    const target = richRack();
    const other = rack([{ hp: 104 }]);
    addModule(other, { id: 'mod_lfo', catalogId: 'lfo', widthHp: 4 });
    setNotes(other, 'Just an LFO');
    const wanted = toSnapshot(other);
    let transactions = 0;
    target.on('update', () => (transactions += 1));
    replaceRackContent(target, wanted);
    expect(transactions).toBe(1);
    expect(toSnapshot(target)).toEqual(wanted);
    expect(listCables(target)).toEqual([]);
  });

  it('reaches other replicas as an ordinary change', () => {
    const doc = richRack();
    const peer = replicaOf(doc);
    replaceRackContent(doc, toSnapshot(rack()));
    sync(doc, peer);
    expect(toSnapshot(peer).modules).toEqual([]);
    expect(toSnapshot(peer)).toEqual(toSnapshot(doc));
  });

  it('refuses a snapshot of another layout version, changing nothing', () => {
    const doc = richRack();
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => replaceRackContent(doc, { ...toSnapshot(doc), schemaVersion: 99 })).toThrow(RackRuleError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('keeps steps hidden by a shorter length out (the snapshot does not hold them)', () => {
    const doc = rack();
    const p = addPattern(doc, { name: 'P', length: 16 });
    setStep(doc, p.id, 0, 12, { on: true });
    setPatternLength(doc, p.id, 8);
    const copy = replaceRackContent(new Y.Doc(), toSnapshot(doc));
    setPatternLength(copy, p.id, 16);
    expect(toSnapshot(copy).patterns[0]!.tracks[0]!.steps[12]!.on).toBe(false);
  });
});
