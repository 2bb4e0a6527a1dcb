import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { rackParts, readNotes, setNotes } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { saveAutomaticCheckpoint } from '../src/persistence/checkpoints.ts';
import { Cleanup, loggedUpdates, makeTestRack, openSyncedClient, startCollab, waitFor, waitForSaved } from './helpers.ts';

let db: Database;
const cleanup = new Cleanup();
beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

interface CheckpointRow {
  name: string;
  automatic: boolean;
  state: Uint8Array;
}

const checkpointsOf = (rackId: string) =>
  db.query<CheckpointRow>('SELECT name, automatic, state FROM rack_checkpoints WHERE rack_id = $1 ORDER BY created_at, id', [rackId]);

function notesIn(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(state));
  return rackParts(doc).notes.toString();
}

/** Types one edit per character into the rack notes and waits until the log has compacted them away. */
async function editUntilCompacted(client: { doc: Y.Doc }, documentName: string, text: string, waitSaved: () => Promise<void>) {
  for (const ch of text) setNotes(client.doc, readNotes(client.doc) + ch);
  await waitSaved();
  await waitFor(async () => (await loggedUpdates(db, documentName)) === 0, 'the log to be compacted', 15_000);
}

describe('automatic checkpoints (version history survives compaction)', () => {
  it('saves the room at a compaction, at most once per interval', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db, { compactAfterUpdates: 4, checkpointEveryMs: 60_000 }), (s) => s.close());
    const editor = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    await editUntilCompacted(editor, rack.documentName, 'abcd', () => waitForSaved(editor));
    await waitFor(async () => (await checkpointsOf(rack.rackId)).length === 1, 'an automatic checkpoint');
    const [first] = await checkpointsOf(rack.rackId);
    expect(first).toMatchObject({ name: 'Automatic checkpoint', automatic: true });
    expect(notesIn(first!.state)).toBe('abcd');

    // A second compaction within the interval saves none.
    await editUntilCompacted(editor, rack.documentName, 'efgh', () => waitForSaved(editor));
    expect(await checkpointsOf(rack.rackId)).toHaveLength(1);
  });

  it('saves one per compaction when the interval is zero, and none for a compaction that folds nothing', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db, { compactAfterUpdates: 4, checkpointEveryMs: 0 }), (s) => s.close());
    const editor = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    await editUntilCompacted(editor, rack.documentName, 'abcd', () => waitForSaved(editor));
    await editUntilCompacted(editor, rack.documentName, 'efgh', () => waitForSaved(editor));
    await waitFor(async () => (await checkpointsOf(rack.rackId)).length === 2, 'two automatic checkpoints');
    expect((await checkpointsOf(rack.rackId)).map((c) => notesIn(c.state))).toEqual(['abcd', 'abcdefgh']);
    editor.destroy();
    await server.close(); // the closing compaction folds nothing new
    expect(await checkpointsOf(rack.rackId)).toHaveLength(2);
  });

  it('thins automatic checkpoints as they age (all of two days, a day\'s last for 90 days, then a week\'s last) and never removes named ones', async () => {
    const rack = await makeTestRack(db);
    const other = await makeTestRack(db);
    const state = new Y.Doc();
    setNotes(state, 'kept');
    const bytes = Buffer.from(Y.encodeStateAsUpdate(state));
    // `at` is SQL for a time: relative to today's or this week's start, so a day's or week's
    // checkpoints fall in the same day or week whatever the time of the test.
    const add = (rackId: string, name: string, automatic: boolean, at: string) =>
      db.query(`INSERT INTO rack_checkpoints (id, rack_id, name, automatic, state, created_at) VALUES ($1, $2, $3, $4, $5, ${at})`, [
        `cp-${rackId}-${name}`,
        rackId,
        name,
        automatic,
        bytes,
      ]);
    const today = "date_trunc('day', now()::timestamp)";
    const week = "date_trunc('week', now()::timestamp)";
    for (const rackId of [rack.rackId, other.rackId]) {
      await add(rackId, 'an hour ago', true, "now() - interval '1 hour'");
      await add(rackId, 'yesterday', true, "now() - interval '30 hours'");
      await add(rackId, 'day -5 morning', true, `${today} - interval '5 days' + interval '10 hours'`);
      await add(rackId, 'day -5 afternoon', true, `${today} - interval '5 days' + interval '14 hours'`);
      await add(rackId, 'day -5 named', false, `${today} - interval '5 days' + interval '9 hours'`);
      await add(rackId, 'week -20 monday', true, `${week} - interval '20 weeks'`);
      await add(rackId, 'week -20 thursday', true, `${week} - interval '20 weeks' + interval '3 days'`);
      await add(rackId, 'week -30 named', false, `${week} - interval '30 weeks'`);
    }
    // Thinning runs when the collab saves the next automatic checkpoint of the rack.
    expect(await saveAutomaticCheckpoint(db.query, rack.rackId, Y.encodeStateAsUpdate(state), 0)).toBe(true);

    const names = async (rackId: string) => (await checkpointsOf(rackId)).map((c) => c.name);
    expect(await names(rack.rackId)).toEqual([
      'week -30 named',
      'week -20 thursday',
      'day -5 named',
      'day -5 afternoon',
      'yesterday',
      'an hour ago',
      'Automatic checkpoint',
    ]);
    // Another rack's history is its own: untouched until it saves an automatic checkpoint.
    expect(await names(other.rackId)).toHaveLength(8);
  });
});
