import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, transformIndex, type DeltaOp } from '../src/room/notes/text-binding.ts';

function apply(text: string, splice: ReturnType<typeof diffText>): string {
  if (!splice) return text;
  return text.slice(0, splice.index) + splice.insert + text.slice(splice.index + splice.remove);
}

describe('typing into shared notes', () => {
  it('turns a change into the smallest splice', () => {
    expect(diffText('hello world', 'hello brave world', 12)).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(diffText('hello world', 'hello', 5)).toEqual({ index: 5, remove: 6, insert: '' });
    expect(diffText('abc', 'aXc', 2)).toEqual({ index: 1, remove: 1, insert: 'X' });
    expect(diffText('same', 'same')).toBeNull();
  });

  it('uses the caret to tell where a repeated letter was typed', () => {
    // Typing "a" at the start of "ab" is an insertion at 0, not at 1.
    expect(diffText('ab', 'aab', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('ab', 'aab', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    // Backspace on the second of three "a"s.
    expect(diffText('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('always reproduces the new text', () => {
    const cases: [string, string, number][] = [
      ['', 'new', 3],
      ['old', '', 0],
      ['paste here', 'paste PASTED here', 13],
      ['xxxx', 'xxxxxx', 3],
      ['line 1\nline 2', 'line 1\nline 1\nline 2', 13],
    ];
    for (const [prev, next, caret] of cases) expect(apply(prev, diffText(prev, next, caret))).toBe(next);
  });
});

describe('caret under someone else’s typing', () => {
  const deltaOf = (before: string, edit: (t: Y.Text) => void): DeltaOp[] => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, before);
    let delta: DeltaOp[] = [];
    text.observe((e) => {
      delta = e.delta as DeltaOp[];
    });
    edit(text);
    return delta;
  };

  it('moves right when text is inserted before it, stays when after', () => {
    const delta = deltaOf('hello world', (t) => t.insert(0, '>> '));
    expect(transformIndex(6, delta)).toBe(9);
    const later = deltaOf('hello world', (t) => t.insert(11, '!'));
    expect(transformIndex(6, later)).toBe(6);
  });

  it('stays put when text is inserted right at it', () => {
    expect(transformIndex(5, deltaOf('hello world', (t) => t.insert(5, ',')))).toBe(5);
  });

  it('moves left when text before it is deleted, to the cut when inside it', () => {
    expect(transformIndex(8, deltaOf('hello world', (t) => t.delete(0, 6)))).toBe(2);
    expect(transformIndex(3, deltaOf('hello world', (t) => t.delete(1, 6)))).toBe(1);
    expect(transformIndex(2, deltaOf('hello world', (t) => t.delete(5, 3)))).toBe(2);
  });
});
