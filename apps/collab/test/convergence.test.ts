import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import {
  addModule,
  connect,
  disconnect,
  findFreeSlot,
  listCables,
  listModules,
  moveModule,
  removeModule,
  toSnapshot,
} from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { Cleanup, makeTestRack, openSyncedClient, startCollabProcess, storedRoom, waitFor, type TestClient } from './helpers.ts';
import { startRedisServer } from './support/redis-server.ts';

const databaseUrl = process.env.DATABASE_URL;
let db: Database;
const cleanup = new Cleanup();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

/** Small seeded PRNG (mulberry32): a failing run can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Replica {
  client: TestClient;
  offline: boolean;
}

/** One random user action: an edit (which the rack's rules may refuse), a drop, or going offline or back. */
function act(replica: Replica, next: () => number): void {
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(next() * items.length)];
  const { doc } = replica.client;
  const roll = next();
  if (roll < 0.08) {
    replica.offline = !replica.offline;
    if (replica.offline) replica.client.socket.disconnect();
    else void replica.client.socket.connect();
    return;
  }
  const socket = replica.client.socket.webSocket as unknown as WebSocket | null;
  if (roll < 0.12 && !replica.offline && socket?.readyState === 1) {
    // The network drops under the client: its provider reconnects by itself.
    socket.terminate();
    return;
  }
  const modules = listModules(doc);
  const edits = [
    () => {
      const widthHp = 2 + Math.floor(next() * 4) * 2;
      const slot = findFreeSlot(doc, widthHp);
      if (slot) addModule(doc, { catalogId: `module-${widthHp}`, widthHp, slot });
    },
    () => {
      const module = pick(modules);
      const slot = module && findFreeSlot(doc, module.widthHp);
      if (module && slot) moveModule(doc, module.id, slot);
    },
    () => {
      const module = pick(modules);
      if (module) removeModule(doc, module.id);
    },
    () => {
      const from = pick(modules);
      const to = pick(modules);
      if (from && to) connect(doc, { from: { moduleId: from.id, jackId: 'out' }, to: { moduleId: to.id, jackId: `in-${Math.floor(next() * 3)}` } });
    },
    () => {
      const cable = pick(listCables(doc));
      if (cable) disconnect(doc, cable.id);
    },
  ];
  try {
    pick(edits)?.();
  } catch (error) {
    // The rack's own rules (a taken slot, an input already patched) refuse some random edits.
    if (!(error instanceof Error) || error.name !== 'RackRuleError') throw error;
  }
}

// Two real collab processes (`src/main.ts`, as the scaled deployment runs them) on one Redis and
// one PostgreSQL: the processes need PostgreSQL (DATABASE_URL), as in production.
describe.skipIf(!databaseUrl)('convergence across two collab processes sharing Redis', () => {
  it.each([[20261122], [7]])(
    'ten clients editing at random, dropping and working offline, end identical and stored (seed %i)',
    async (seed) => {
      const next = random(seed);
      const redis = cleanup.add(await startRedisServer(), (r) => r.kill());
      const rack = await makeTestRack(db);
      const [roomy] = await db.query<{ id: string }>(
        'SELECT id FROM catalog_cases ORDER BY jsonb_array_length(rows::jsonb) DESC, id LIMIT 1',
      );
      await db.query('UPDATE racks SET case_id = $1 WHERE id = $2', [roomy!.id, rack.rackId]);
      const [east, west] = await Promise.all(
        ['east', 'west'].map((name) => startCollabProcess(cleanup, { name, databaseUrl: databaseUrl!, redisUrl: redis.url })),
      );
      const replicas: Replica[] = [];
      for (let i = 0; i < 10; i += 1) {
        const url = i % 2 === 0 ? east!.url : west!.url;
        const token = i % 3 === 0 ? rack.owner.token : rack.editor.token;
        const client = cleanup.add(await openSyncedClient(url, rack.documentName, token), (c) => c.destroy());
        replicas.push({ client, offline: false });
      }

      for (let step = 0; step < 250; step += 1) {
        act(replicas[Math.floor(next() * replicas.length)]!, next);
        // Let messages cross (or not) between actions.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 6)));
      }
      for (const replica of replicas) {
        if (replica.offline) void replica.client.socket.connect();
        replica.offline = false;
      }

      const snapshots = () => replicas.map(({ client }) => JSON.stringify(toSnapshot(client.doc)));
      await waitFor(
        () =>
          replicas.every(({ client }) => client.provider.isSynced && !client.provider.hasUnsyncedChanges) &&
          new Set(snapshots()).size === 1 &&
          new Set(replicas.map(({ client }) => Buffer.from(Y.encodeStateVector(client.doc)).toString('hex'))).size === 1,
        'every replica saved and identical',
        20_000,
      );
      const converged = toSnapshot(replicas[0]!.client.doc);
      expect(listModules(replicas[0]!.client.doc).length + listCables(replicas[0]!.client.doc).length).toBeGreaterThan(0);

      // Both processes store their rooms as they shut down; what is stored is what everyone has.
      for (const running of [east!, west!]) running.collab.child.kill('SIGTERM');
      expect(await Promise.all([east!.collab.exited, west!.collab.exited])).toEqual([0, 0]);
      expect(toSnapshot(await storedRoom(db, rack.documentName))).toEqual(converged);
    },
    60_000,
  );
});
