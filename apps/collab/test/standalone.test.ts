import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, listModules } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Cleanup, loggedUpdates, makeTestRack, metricValue, openSyncedClient, storedRoom, waitFor, waitForSaved } from './helpers.ts';
import { runCollabProcess } from '../src/testing.ts';

// The scaled deployment runs `node --import tsx src/main.ts` per collab process.
const databaseUrl = process.env.DATABASE_URL;
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('the standalone collab process', () => {
  it('refuses to start without DATABASE_URL, saying why', async () => {
    const main = runCollabProcess({ PORT: '0' });

    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('DATABASE_URL is required');
  });

  describe.skipIf(!databaseUrl)('with PostgreSQL', () => {
    let db: Database;
    beforeAll(async () => {
      db = await openTestDatabase();
    });
    afterAll(() => db?.close());

    it('answers /health and /metrics, shrugs off hostile input, serves rooms and stores them on SIGTERM', async () => {
      const rack = await makeTestRack(db);
      const main = runCollabProcess({ PORT: '0', DATABASE_URL: databaseUrl, REDIS_URL: process.env.REDIS_URL });
      cleanup.add(main, (m) => m.child.exitCode === null && m.child.kill('SIGKILL'));
      const port = await main.port();
      const health = async () => {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        return { status: response.status, body: await response.json() };
      };

      expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
      const client = cleanup.add(
        await openSyncedClient(`ws://127.0.0.1:${port}/collab`, rack.documentName, rack.editor.token),
        (c) => c.destroy(),
      );
      // Garbage, then a 50 MB message: each closes only its own socket.
      for (const payload of [new Uint8Array([0xff, 0x00, 0x13]), Buffer.alloc(50 * 1024 * 1024)]) {
        const hostile = cleanup.add(new WebSocket(`ws://127.0.0.1:${port}/collab`), (s) => s.terminate());
        await new Promise((resolve) => hostile.once('open', resolve));
        const closed = new Promise<number>((resolve) => hostile.once('close', resolve));
        hostile.send(payload);
        expect([1007, 1009]).toContain(await closed);
      }
      const placed = addModule(client.doc, { catalogId: 'test-vco', widthHp: 10 });
      await waitForSaved(client);
      expect(client.closeCodes).toEqual([]);
      expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });

      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = await metrics.text();
      expect(metricValue(text, 'patchroom_collab_rooms_open')).toBe(1);
      expect(metricValue(text, 'patchroom_collab_connections')).toBe(1);
      expect(metricValue(text, 'patchroom_collab_updates_appended_total')).toBeGreaterThanOrEqual(1);
      expect(metricValue(text, 'patchroom_collab_rejected_messages_total{reason="malformed"}')).toBe(1);
      expect(metricValue(text, 'patchroom_collab_rejected_messages_total{reason="message-too-large"}')).toBe(1);
      expect(text).toContain('patchroom_collab_append_latency_seconds_bucket');
      expect(text).toContain('process_resident_memory_bytes');
      // The log's length: the edit is logged and not folded into a snapshot yet.
      expect(metricValue(text, 'patchroom_collab_log_unfolded_updates')).toBeGreaterThanOrEqual(1);
      const logged = await loggedUpdates(db, rack.documentName);
      expect(logged).toBeGreaterThanOrEqual(1);
      expect(metricValue(text, 'patchroom_collab_log_length')).toBe(logged);

      main.child.kill('SIGTERM');

      expect(await main.exited).toBe(0);
      // Connections were closed cleanly ("going away"), not dropped; the provider's retries after that find nobody.
      await waitFor(() => client.closeCodes.length > 0, 'the client told the server is going away');
      expect(client.closeCodes[0]).toBe(1001);
      expect(listModules(await storedRoom(db, rack.documentName))).toEqual([placed]);
      // Shutdown compacted the room: the log is folded into its snapshot.
      expect(await loggedUpdates(db, rack.documentName)).toBe(0);
    });
  });
});
