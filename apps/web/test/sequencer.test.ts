import {
  addModule,
  addPattern,
  createUndoManager,
  getPattern,
  initRack,
  listModules,
  setStep,
  toggleStep,
  withOrigin,
} from '@patchroom/doc-model';
import type { CatalogModule } from '@patchroom/engine';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDraft } from '../src/sequencer/NumberField.tsx';
import { euclidRhythm, euclidSwitches, fillTrack } from '../src/sequencer/euclid-fill.ts';
import { clampPosition, moveSelection, stepLabel, velocityAfterKey } from '../src/sequencer/navigation.ts';
import { noteName } from '../src/sequencer/notes.ts';
import { nextPatternName } from '../src/sequencer/pattern-names.ts';
import { ringLayout, stepAngle } from '../src/sequencer/ring.ts';
import { describeTarget, parseTargetValue, targetGroups, targetValue } from '../src/sequencer/targets.ts';

const text = (steps: boolean[]) => steps.map((on) => (on ? 'x' : '.')).join('');

function rackDoc(): Y.Doc {
  const doc = new Y.Doc();
  initRack(doc, { caseId: 'test-case', rows: [{ hp: 84 }] });
  return doc;
}

describe('Euclidean fill', () => {
  it('turns on the Euclidean rhythm of the track length', () => {
    expect(text(euclidRhythm(3, 8, 0))).toBe('x..x..x.');
    expect(text(euclidRhythm(4, 16, 0))).toBe('x...x...x...x...');
    expect(text(euclidRhythm(3, 8, 1))).toBe('..x..x.x');
  });

  it('keeps pulses between none and every step', () => {
    expect(text(euclidRhythm(20, 4, 0))).toBe('xxxx');
    expect(text(euclidRhythm(-2, 4, 0))).toBe('....');
  });

  it('switches only the steps that differ from the track', () => {
    const current = [true, true, false, false, false, false, false, false];
    expect(euclidSwitches(current, 3, 0)).toEqual([
      { step: 1, on: false },
      { step: 3, on: true },
      { step: 6, on: true },
    ]);
    expect(euclidSwitches([true, false, false, true, false, false, true, false], 3, 0)).toEqual([]);
  });

  it('writes the fill into the shared pattern, keeping each step’s velocity and pitch, as one undo step', () => {
    const doc = rackDoc();
    const me = Symbol('me');
    const pattern = addPattern(doc, { name: 'Kick', length: 8, tracks: 2 });
    setStep(doc, pattern.id, 0, 3, { velocity: 40, pitch: 48 });
    const undo = createUndoManager(doc, { origin: me });
    const changed = withOrigin(doc, me, () => fillTrack(doc, pattern.id, 0, 3, 0));
    expect(changed).toBe(3);
    const after = getPattern(doc, pattern.id)!;
    expect(text(after.tracks[0]!.steps.map((s) => s.on))).toBe('x..x..x.');
    expect(text(after.tracks[1]!.steps.map((s) => s.on))).toBe('........');
    expect(after.tracks[0]!.steps[3]).toMatchObject({ on: true, velocity: 40, pitch: 48 });
    undo.undo();
    expect(getPattern(doc, pattern.id)!.tracks[0]!.steps.every((s) => !s.on)).toBe(true);
  });

  it('does not undo a collaborator’s step when I undo my fill', () => {
    const doc = rackDoc();
    const me = Symbol('me');
    const pattern = addPattern(doc, { name: 'Hats', length: 4 });
    const undo = createUndoManager(doc, { origin: me });
    withOrigin(doc, me, () => fillTrack(doc, pattern.id, 0, 2, 0));
    withOrigin(doc, 'someone else', () => toggleStep(doc, pattern.id, 0, 1));
    undo.undo();
    expect(text(getPattern(doc, pattern.id)!.tracks[0]!.steps.map((s) => s.on))).toBe('.x..');
  });
});

describe('step navigation', () => {
  const shape = { tracks: 3, length: 16 };

  it('moves along a track and wraps around the bar', () => {
    expect(moveSelection({ track: 1, step: 4 }, 'ArrowRight', shape)).toEqual({ track: 1, step: 5 });
    expect(moveSelection({ track: 1, step: 15 }, 'ArrowRight', shape)).toEqual({ track: 1, step: 0 });
    expect(moveSelection({ track: 1, step: 0 }, 'ArrowLeft', shape)).toEqual({ track: 1, step: 15 });
    expect(moveSelection({ track: 1, step: 9 }, 'Home', shape)).toEqual({ track: 1, step: 0 });
    expect(moveSelection({ track: 1, step: 9 }, 'End', shape)).toEqual({ track: 1, step: 15 });
  });

  it('moves between tracks and stops at the first and last', () => {
    expect(moveSelection({ track: 0, step: 7 }, 'ArrowDown', shape)).toEqual({ track: 1, step: 7 });
    expect(moveSelection({ track: 2, step: 7 }, 'ArrowDown', shape)).toEqual({ track: 2, step: 7 });
    expect(moveSelection({ track: 0, step: 7 }, 'ArrowUp', shape)).toEqual({ track: 0, step: 7 });
  });

  it('ignores keys that are not movements', () => {
    expect(moveSelection({ track: 0, step: 0 }, ' ', shape)).toBeNull();
    expect(moveSelection({ track: 0, step: 0 }, 'a', shape)).toBeNull();
  });

  it('pulls a selection back inside a pattern someone shortened', () => {
    expect(clampPosition({ track: 5, step: 40 }, shape)).toEqual({ track: 2, step: 15 });
    expect(moveSelection({ track: 0, step: 40 }, 'ArrowRight', shape)).toEqual({ track: 0, step: 0 });
  });

  it('changes velocity with + and − within 0–127', () => {
    expect(velocityAfterKey(100, '+')).toBe(108);
    expect(velocityAfterKey(100, '-')).toBe(92);
    expect(velocityAfterKey(124, '+')).toBe(127);
    expect(velocityAfterKey(3, '-')).toBe(0);
    expect(velocityAfterKey(100, 'x')).toBeNull();
  });

  it('names steps from 1 as the user counts them', () => {
    expect(stepLabel({ track: 0, step: 0 })).toBe('Track 1 step 1');
    expect(stepLabel({ track: 7, step: 63 })).toBe('Track 8 step 64');
  });
});

describe('ring geometry', () => {
  it('starts each ring at twelve o’clock and goes clockwise', () => {
    const layout = ringLayout(1, 4, 200);
    const [top, right, bottom, left] = layout.rings[0]!.steps;
    expect(top!.x).toBeCloseTo(100);
    expect(top!.y).toBeLessThan(100);
    expect(right!.x).toBeGreaterThan(100);
    expect(right!.y).toBeCloseTo(100);
    expect(bottom!.y).toBeGreaterThan(100);
    expect(left!.x).toBeLessThan(100);
    expect(stepAngle(0, 16)).toBeCloseTo(-Math.PI / 2);
  });

  it('puts track 1 outermost and keeps every dot inside the square, without overlapping its neighbours', () => {
    for (const [tracks, length] of [[1, 16], [4, 16], [8, 64], [8, 1]] as const) {
      const layout = ringLayout(tracks, length, 360);
      const radii = layout.rings.map((r) => r.radius);
      expect([...radii].sort((a, b) => b - a)).toEqual(radii);
      for (const ring of layout.rings) {
        expect(ring.steps).toHaveLength(length);
        for (const dot of ring.steps) {
          expect(dot.x - dot.r).toBeGreaterThanOrEqual(0);
          expect(dot.x + dot.r).toBeLessThanOrEqual(360);
          expect(dot.y - dot.r).toBeGreaterThanOrEqual(0);
          expect(dot.y + dot.r).toBeLessThanOrEqual(360);
        }
        if (length > 1) {
          const [a, b] = ring.steps;
          expect(Math.hypot(a!.x - b!.x, a!.y - b!.y)).toBeGreaterThan(2 * a!.r);
        }
      }
      for (let t = 1; t < layout.rings.length; t += 1) {
        const gap = radii[t - 1]! - radii[t]!;
        expect(gap).toBeGreaterThan(layout.rings[t]!.steps[0]!.r + layout.rings[t - 1]!.steps[0]!.r);
      }
    }
  });
});

describe('track targets', () => {
  const vco = {
    id: 'vco',
    manufacturer: 'Doepfer',
    name: 'A-110-1',
    hp: 8,
    jacks: [
      { id: 'cv1', name: '1V/Oct', dir: 'in', signal: 'pitch' },
      { id: 'fm', name: 'FM', dir: 'in', signal: 'audio' },
      { id: 'saw', name: 'Saw', dir: 'out', signal: 'audio' },
    ],
    controls: [],
  } as unknown as CatalogModule;
  const env = {
    id: 'env',
    manufacturer: 'Doepfer',
    name: 'A-140',
    hp: 8,
    jacks: [{ id: 'gate', name: 'Gate', dir: 'in', signal: 'gate' }],
    controls: [],
  } as unknown as CatalogModule;
  const catalog = new Map([
    ['vco', vco],
    ['env', env],
  ]);

  it('offers the gate, trigger, pitch and CV inputs of each module, telling twins apart', () => {
    const doc = rackDoc();
    addModule(doc, { catalogId: 'vco', widthHp: 8 });
    addModule(doc, { catalogId: 'env', widthHp: 8 });
    addModule(doc, { catalogId: 'vco', widthHp: 8 });
    addModule(doc, { catalogId: 'not-loaded-yet', widthHp: 4 });
    const groups = targetGroups(listModules(doc), catalog);
    expect(groups.map((g) => g.label)).toEqual(['Doepfer A-110-1', 'Doepfer A-140', 'Doepfer A-110-1 (2)']);
    expect(groups[0]!.options.map((o) => o.jackName)).toEqual(['1V/Oct']);
    const first = listModules(doc)[0]!;
    expect(describeTarget({ moduleId: first.id, jackId: 'cv1' }, groups)).toBe('Doepfer A-110-1 · 1V/Oct');
    expect(describeTarget(null, groups)).toBe('Not connected');
  });

  it('round-trips a target through a select value', () => {
    expect(parseTargetValue(targetValue({ moduleId: 'mod-1', jackId: 'gate' }))).toEqual({ moduleId: 'mod-1', jackId: 'gate' });
    expect(parseTargetValue('')).toBeNull();
    expect(parseTargetValue('mod-1|')).toBeNull();
  });
});

describe('small pieces', () => {
  it('reads drafts of number fields only within range', () => {
    expect(parseDraft('120', 40, 300, 0.1)).toBe(120);
    expect(parseDraft('12', 40, 300, 0.1)).toBeNull();
    expect(parseDraft('', 0, 127, 1)).toBeNull();
    expect(parseDraft('3.5', 0, 127, 1)).toBeNull();
    expect(parseDraft('-12.5', -50, 50, 0.5)).toBe(-12.5);
  });

  it('names notes with middle C as C4', () => {
    expect(noteName(60)).toBe('C4');
    expect(noteName(69)).toBe('A4');
    expect(noteName(0)).toBe('C-1');
    expect(noteName(61)).toBe('C♯4');
  });

  it('suggests a pattern name that is not taken', () => {
    expect(nextPatternName([])).toBe('Pattern 1');
    expect(nextPatternName([{ name: 'Pattern 2' }, { name: 'Bass' }])).toBe('Pattern 3');
    expect(nextPatternName([{ name: 'Pattern 2' }])).toBe('Pattern 3');
  });
});
