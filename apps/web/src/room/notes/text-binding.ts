// A plain <textarea> bound to a shared Y.Text. Local typing becomes the smallest edit that turns
// the old text into the new one (so a collaborator typing elsewhere in the notes is never
// overwritten); remote edits move this user's caret and selection along with the text.

export interface Splice {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The single splice that turns `prev` into `next`. `caret` (where the caret is in `next`) breaks
 * ties: typing "a" before "ab" is an insertion at 0, not at 1, so the splice ends at the caret.
 */
export function diffText(prev: string, next: string, caret: number = next.length): Splice | null {
  if (prev === next) return null;
  const shortest = Math.min(prev.length, next.length);
  const maxSuffix = Math.min(shortest, Math.max(0, next.length - caret));
  let suffix = 0;
  while (suffix < maxSuffix && prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  let prefix = 0;
  while (prefix < shortest - suffix && prev[prefix] === next[prefix]) prefix++;
  // A suffix stopped early by the caret may leave a common part the prefix can take.
  while (suffix < shortest - prefix && prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  return { index: prefix, remove: prev.length - prefix - suffix, insert: next.slice(prefix, next.length - suffix) };
}

/** One operation of a Y.Text change (Yjs' delta format). */
export interface DeltaOp {
  retain?: number;
  insert?: unknown;
  delete?: number;
}

/**
 * Where a position in the old text lands after a remote change. Text inserted right at the
 * position goes after it, so a caret stays where the user left it.
 */
export function transformIndex(index: number, delta: readonly DeltaOp[]): number {
  let oldPos = 0; // position in the text before the change
  let shift = 0;
  for (const op of delta) {
    if (oldPos > index) break;
    if (op.retain !== undefined) {
      oldPos += op.retain;
    } else if (op.insert !== undefined) {
      if (oldPos < index) shift += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      if (oldPos < index) shift -= Math.min(op.delete, index - oldPos);
      oldPos += op.delete;
    }
  }
  return Math.max(0, index + shift);
}
