import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadStoredState } from '../src/persistence/document-store.ts';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db?.close());

describe('a stored room', () => {
  it('loads its logged updates in the order they were logged, past ten, a hundred…', async () => {
    const documentName = `rack-order-${Date.now()}`;
    const writer = new Y.Doc();
    const logged: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => logged.push(update));
    for (let i = 0; i < 120; i += 1) writer.getText('notes').insert(i, String(i % 10));
    for (const update of logged) {
      await db.query('INSERT INTO document_updates (document_name, update) VALUES ($1, $2)', [documentName, update]);
    }

    const { updates } = await loadStoredState(db, documentName);

    // Ids sorted as text would put update 100 before update 11: the order must be the log's.
    expect(updates.map((update) => Buffer.from(update).toString('hex'))).toEqual(
      logged.map((update) => Buffer.from(update).toString('hex')),
    );
  });
});
