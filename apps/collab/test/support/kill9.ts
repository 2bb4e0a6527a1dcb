// kill -9 trials against the standalone collab process: a client adds modules one at a time,
// waiting for each acknowledgement; the process is killed mid-stream with SIGKILL and started
// again; every acknowledged module must be in the room after the restart. Used by the fault
// test (a few trials) and by bench/ (many). Needs PostgreSQL: the process and this harness
// share it, as the scaled deployment does.
import { openDatabase, type Database } from '@patchroom/db';
import { makeRack, makeUser } from '@patchroom/db/testing';
import { addModule, findFreeSlot, listModules } from '@patchroom/doc-model';
import { documentNameOf } from '../../src/index.ts';
import { openSyncedClient, type TestClient } from '../helpers.ts';
import { killHard, runCollabProcess, type CollabProcess } from '../../src/testing.ts';

export interface Kill9Options {
  trials: number;
  databaseUrl: string;
  /** The kill lands this long after a trial's first edit, picked at random. Default 50–300 ms. */
  killAfterMs?: { min: number; max: number };
  /** Progress lines (one per trial). */
  log?: (line: string) => void;
}

export interface Kill9Result {
  trials: number;
  /** Edits the server acknowledged before it was killed, over all trials. */
  acknowledged: number;
  /** Acknowledged edits missing after the restart (must be 0). */
  lost: number;
}

interface Fixtures {
  caseId: string;
  catalogId: string;
  widthHp: number;
}

export async function runKill9Trials(options: Kill9Options): Promise<Kill9Result> {
  const killAfter = options.killAfterMs ?? { min: 50, max: 300 };
  const db = await openDatabase({ databaseUrl: options.databaseUrl });
  const result: Kill9Result = { trials: 0, acknowledged: 0, lost: 0 };
  let collab: CollabProcess | null = null;
  try {
    const fixtures = await pickFixtures(db);
    collab = runCollabProcess({ PORT: '0', DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'info' });
    let url = `ws://127.0.0.1:${await collab.port()}/collab`;
    for (let trial = 1; trial <= options.trials; trial += 1) {
      const room = await makeRoom(db, fixtures);
      const writer = await openSyncedClient(url, room.documentName, room.token);
      const killAt = killAfter.min + Math.random() * (killAfter.max - killAfter.min);
      const running: CollabProcess = collab;
      const killed = new Promise<void>((resolve) => setTimeout(resolve, killAt)).then(() => killHard(running));
      const acknowledged = await writeUntilKilled(writer, fixtures, killed);
      await killed;
      writer.destroy();

      collab = runCollabProcess({ PORT: '0', DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'info' });
      url = `ws://127.0.0.1:${await collab.port()}/collab`;
      const reader = await openSyncedClient(url, room.documentName, room.token);
      const present = new Set(listModules(reader.doc).map((m) => m.id));
      reader.destroy();
      const lost = acknowledged.filter((id) => !present.has(id)).length;
      result.trials += 1;
      result.acknowledged += acknowledged.length;
      result.lost += lost;
      options.log?.(`trial ${trial}: killed after ${Math.round(killAt)} ms, ${acknowledged.length} acknowledged, ${lost} lost`);
    }
  } finally {
    if (collab) {
      collab.child.kill('SIGTERM');
      await collab.exited;
    }
    await db.close();
  }
  return result;
}

/** Adds modules one by one, each after the previous one was acknowledged; returns their ids. */
async function writeUntilKilled(writer: TestClient, fixtures: Fixtures, killed: Promise<void>): Promise<string[]> {
  const acknowledged: string[] = [];
  let dead = false;
  void killed.then(() => (dead = true));
  while (!dead) {
    const slot = findFreeSlot(writer.doc, fixtures.widthHp);
    if (!slot) break; // the case is full: wait for the kill
    const placed = addModule(writer.doc, { catalogId: fixtures.catalogId, widthHp: fixtures.widthHp, slot });
    if (!(await acknowledgement(writer))) break;
    acknowledged.push(placed.id);
  }
  await killed;
  return acknowledged;
}

/** True once the server acknowledged every change of the client; false if the socket closes first. */
function acknowledgement(client: TestClient): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (saved: boolean) => {
      client.provider.off('unsyncedChanges', onChange);
      client.socket.off('disconnect', onDisconnect);
      resolve(saved);
    };
    const onChange = ({ number }: { number: number }) => number === 0 && done(true);
    const onDisconnect = () => done(false);
    client.provider.on('unsyncedChanges', onChange);
    client.socket.on('disconnect', onDisconnect);
    if (!client.provider.hasUnsyncedChanges) done(true);
  });
}

/** The roomiest case and the narrowest module of the catalog: many edits before a case is full. */
async function pickFixtures(db: Database): Promise<Fixtures> {
  const cases = await db.query<{ id: string; rows: unknown }>('SELECT id, rows FROM catalog_cases');
  const totalHp = (rows: unknown) => {
    const parsed: unknown = typeof rows === 'string' ? JSON.parse(rows) : rows;
    return Array.isArray(parsed) ? parsed.reduce((sum: number, row: { hp?: number }) => sum + (row.hp ?? 0), 0) : 0;
  };
  const roomiest = cases.sort((a, b) => totalHp(b.rows) - totalHp(a.rows))[0];
  const [narrowest] = await db.query<{ id: string; hp: number }>(
    'SELECT id, hp FROM catalog_modules WHERE hp > 0 ORDER BY hp, id LIMIT 1',
  );
  if (!roomiest || !narrowest) throw new Error('the catalog has no cases or modules');
  return { caseId: roomiest.id, catalogId: narrowest.id, widthHp: narrowest.hp };
}

async function makeRoom(db: Database, fixtures: Fixtures): Promise<{ documentName: string; token: string }> {
  const owner = await makeUser(db);
  const rack = await makeRack(db, owner.user.id);
  await db.query('UPDATE racks SET case_id = $1 WHERE id = $2', [fixtures.caseId, rack.id]);
  return { documentName: documentNameOf(rack.id), token: owner.token };
}
