import type * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { rackParts } from '../rack-doc.ts';
import { replaceText } from '../shared/text.ts';

const NOTES_MAX = 50_000;

/** The rack's shared notes, for binding a text editor (edits merge character by character). */
export function notesText(doc: Y.Doc): Y.Text {
  return rackParts(doc).notes;
}

export function readNotes(doc: Y.Doc): string {
  return rackParts(doc).notes.toString();
}

/** Replaces the notes, editing only the changed part so concurrent typing elsewhere survives. */
export function setNotes(doc: Y.Doc, text: string): void {
  if (typeof text !== 'string') throw new RackRuleError('Notes must be text.', 'BAD_INPUT');
  if (text.length > NOTES_MAX) throw new RackRuleError(`Rack notes are at most ${NOTES_MAX} characters.`, 'BAD_INPUT');
  replaceText(rackParts(doc).notes, text);
}
