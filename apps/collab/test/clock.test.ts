import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { ClockSync, encodePing, parsePong, type ClockChannel } from '@patchroom/engine';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sharedClockNow } from '../src/index.ts';
import { Cleanup, makeTestRack, openSyncedClient, startCollab, waitFor, type TestClient } from './helpers.ts';

let db: Database;
const cleanup = new Cleanup();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

function channelOf(client: TestClient): ClockChannel {
  return {
    send: (payload) => client.provider.sendStateless(payload),
    listen(listener) {
      const onStateless = ({ payload }: { payload: string }) => listener(payload);
      client.provider.on('stateless', onStateless);
      return () => client.provider.off('stateless', onStateless);
    },
  };
}

function statelessReceived(client: TestClient): string[] {
  const received: string[] = [];
  client.provider.on('stateless', ({ payload }: { payload: string }) => received.push(payload));
  return received;
}

describe('the shared clock', () => {
  it('lets a client whose clock is 12 s off find the server’s clock within a millisecond', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    // A viewer syncs its clock too: everyone in the room hears the transport.
    const client = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.viewer.token), (c) => c.destroy());
    const skew = 12_345.678;
    const sync = cleanup.add(new ClockSync(channelOf(client), { now: () => sharedClockNow() - skew, burstIntervalMs: 20 }), (s) =>
      s.stop(),
    );
    sync.start();
    await waitFor(() => sync.estimator.status().samples >= 16, '16 clock samples', 15_000);

    const status = sync.estimator.status();
    expect(Math.abs(status.offsetMs! - skew)).toBeLessThan(1);
    expect(status.uncertaintyMs!).toBeLessThan(5);
    expect(Math.abs(sync.sharedNow() - sharedClockNow())).toBeLessThan(1);
  });

  it('answers only the connection that pinged, and ignores other stateless messages', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const alice = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const bob = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const toAlice = statelessReceived(alice);
    const toBob = statelessReceived(bob);

    alice.provider.sendStateless('{"clock":"pong","id":1,"t0":1,"t1":2,"t2":3}');
    alice.provider.sendStateless('not json');
    const before = sharedClockNow();
    alice.provider.sendStateless(encodePing(7, 42));
    await waitFor(() => toAlice.length > 0, 'the pong');
    const after = sharedClockNow();

    const pong = parsePong(toAlice[0]!);
    expect(pong).toMatchObject({ id: 7, t0: 42 });
    expect(pong!.t1).toBeGreaterThanOrEqual(before);
    expect(pong!.t2).toBeGreaterThanOrEqual(pong!.t1);
    expect(pong!.t2).toBeLessThanOrEqual(after);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toAlice).toHaveLength(1);
    expect(toBob).toEqual([]);
  });

  it('stops answering a connection that floods it with pings, and keeps it connected', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const client = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const received = statelessReceived(client);

    for (let i = 0; i < 150; i++) client.provider.sendStateless(encodePing(i, i));
    await waitFor(() => received.length >= 40, 'the burst of pongs');
    await new Promise((resolve) => setTimeout(resolve, 300));

    // The burst (40) and what the bucket refilled meanwhile (20 a second), never all 150.
    expect(received.length).toBeLessThan(60);
    expect(client.closeCodes).toEqual([]);
  });
});
