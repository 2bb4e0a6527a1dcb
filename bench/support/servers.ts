// The two servers the benches compare: our collab (createCollab on an HTTP server, real database,
// session auth) and a bare Hocuspocus server (no hooks, no persistence), both on loopback.
import { Server } from '@hocuspocus/server';
import { documentNameOf } from '@patchroom/collab';
import { serveCollabOnLoopback, type RunningCollab } from '@patchroom/collab/testing';
import type { Database } from '@patchroom/db';
import { makeRack, makeUser } from '@patchroom/db/testing';
import { pino } from 'pino';

export interface RunningServer {
  /** ws:// URL clients connect to. */
  url: string;
  close(): Promise<void>;
}

export type { RunningCollab };

/** Quiet unless LOG_LEVEL says otherwise: log lines would cost time inside the measurement. */
const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

/**
 * Our collab mounted the way the api and the standalone process mount it. `tuning` is passed on
 * as extra createCollab options (e.g. a higher message rate for a setup step that replays a
 * long history through one socket); options the collab doesn't know are ignored.
 */
export function startCollab(db: Database, tuning: Record<string, unknown> = {}): Promise<RunningCollab> {
  return serveCollabOnLoopback({ ...tuning, db, logger, instanceName: 'bench' });
}

/** Hocuspocus as shipped: its own server, no extensions, nothing stored. */
export async function startBareHocuspocus(): Promise<RunningServer> {
  const server = new Server({ address: '127.0.0.1', port: 0, quiet: true, stopOnSignals: false });
  await server.listen();
  return {
    url: `ws://127.0.0.1:${server.address.port}`,
    close: () => server.destroy(),
  };
}

export interface BenchRoom {
  rackId: string;
  documentName: string;
  /** Session token of the rack's owner. */
  token: string;
}

/** Racks with an owner and a live session each: what a signed-in user opens. */
export async function makeRooms(db: Database, count: number): Promise<BenchRoom[]> {
  const rooms: BenchRoom[] = [];
  for (let i = 0; i < count; i += 1) {
    const owner = await makeUser(db);
    const rack = await makeRack(db, owner.user.id);
    rooms.push({ rackId: rack.id, documentName: documentNameOf(rack.id), token: owner.token });
  }
  return rooms;
}
