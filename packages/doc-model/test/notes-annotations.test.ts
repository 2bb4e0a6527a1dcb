import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAnnotation,
  listAnnotations,
  notesText,
  RackRuleError,
  readNotes,
  removeAnnotation,
  setNotes,
  toSnapshot,
  updateAnnotation,
} from '../src/index.ts';
import { rack, replicaOf, sync } from './helpers.ts';

describe('rack notes', () => {
  it('merge concurrent typing instead of keeping one version', () => {
    const a = rack();
    setNotes(a, 'Patch the LFO to the cutoff.');
    const b = replicaOf(a);
    setNotes(a, 'Patch the slow LFO to the cutoff.');
    notesText(b).insert(notesText(b).length, ' Keep resonance low.');
    sync(a, b);
    expect(readNotes(a)).toBe('Patch the slow LFO to the cutoff. Keep resonance low.');
    expect(toSnapshot(b).notes).toBe(readNotes(a));
    expect(() => setNotes(a, 'x'.repeat(50_001))).toThrow(RackRuleError);
  });
});

describe('canvas annotations', () => {
  it('adds, updates and removes sticky notes, arrows and strokes as plain data', () => {
    const doc = rack();
    const sticky = addAnnotation(doc, { kind: 'sticky', props: { x: 10, y: 20, text: 'Try self-patching', color: 'yellow' } });
    const arrow = addAnnotation(doc, { kind: 'arrow', props: { from: [0, 0], to: [40, 10] } });
    addAnnotation(doc, { kind: 'freehand', props: { points: [[0, 0, 0.5], [1, 2, 0.6]] } });
    updateAnnotation(doc, sticky.id, { text: 'Try audio-rate FM' });
    removeAnnotation(doc, arrow.id);
    const list = listAnnotations(doc);
    expect(list.map((a) => a.kind).sort()).toEqual(['freehand', 'sticky']);
    expect(list.find((a) => a.id === sticky.id)!.props).toEqual({ x: 10, y: 20, text: 'Try audio-rate FM', color: 'yellow' });
    expect(toSnapshot(doc).annotations).toEqual(list);
  });

  it('refuses unknown kinds, non-JSON props and oversized props, changing nothing', () => {
    const doc = rack();
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => addAnnotation(doc, { kind: 'circle' as never, props: {} })).toThrow(/sticky note/);
    expect(() => addAnnotation(doc, { kind: 'sticky', props: { x: Number.NaN } })).toThrow(/plain data/);
    expect(() => addAnnotation(doc, { kind: 'sticky', props: { f: (() => 1) as never } })).toThrow(/plain data/);
    expect(() => addAnnotation(doc, { kind: 'freehand', props: { points: 'x'.repeat(70_000) } })).toThrow(/too large/);
    expect(() => updateAnnotation(doc, 'ann_gone', { x: 1 })).toThrow(/no longer on the canvas/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
