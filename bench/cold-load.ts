// Cold load: a room with 10,000 historical updates, loaded by a collab that doesn't have it in
// memory. Two stored shapes of the same history:
//   - "log only": 10,000 rows in document_updates, no snapshot (worst case: nothing compacted);
//   - "snapshot + tail": what the collab itself leaves after those 10,000 updates came through a
//     client and the room was closed (its snapshot plus whatever log tail it keeps).
// Each load is of a fresh copy of the room (never loaded before), timed two ways: the server
// alone (a direct connection, as withRoom opens, until the loaded room is usable and the event
// loop free again) and a client (socket open → auth → room synced).
import type { Database } from '@patchroom/db';
import { openBenchDatabase } from './support/database.ts';
import { captureUpdate, knobSource } from './support/edits.ts';
import { catalogPieces, editHistory } from './support/history.ts';
import { emit, note } from './support/report.ts';
import { makeRooms, startCollab, type BenchRoom, type RunningCollab } from './support/servers.ts';
import { summarize, waitUntil } from './support/stats.ts';
import { connectWire } from './support/wire.ts';

const BENCH = 'cold-load';
const HISTORY = 10_000;
const LOADS = 20;
/** Updates in flight while replaying the history through one socket. */
const WINDOW = 64;
const BAR_MS = 30;

export async function run(): Promise<void> {
  const database = await openBenchDatabase(BENCH);
  const { db } = database;
  try {
    const [source] = await makeRooms(db, 1);
    if (!source) throw new Error('no room');
    await useLargestCase(db, source.rackId);
    const logOnly = `bench-log-only:${source.rackId}`;
    const shape = await recordHistory(db, source, logOnly);
    note(BENCH, `history: ${HISTORY} updates (${shape.historyBytes} bytes); the collab left a ${shape.snapshotBytes}-byte snapshot + ${shape.tailRows} log rows`);

    const collab = await startCollab(db);
    try {
      for (const [label, template] of [
        ['log only', logOnly],
        ['snapshot + tail', source.documentName],
      ] as const) {
        const server = await timeLoads(db, collab, template, 'server');
        const client = await timeLoads(db, collab, template, 'client');
        const s = summarize(server);
        const c = summarize(client);
        const detail = { loads: LOADS, updates: HISTORY, tailRows: label === 'log only' ? HISTORY + 1 : shape.tailRows, database: database.kind, edits: knobSource };
        emit({
          bench: BENCH,
          metric: `${label}: server load p95`,
          value: s.p95,
          unit: 'ms',
          ...(label === 'snapshot + tail' ? { bar: `< ${BAR_MS} ms p95`, ok: s.p95 < BAR_MS } : {}),
          detail: { ...detail, p50: s.p50, max: s.max },
        });
        emit({ bench: BENCH, metric: `${label}: client connect → synced p95`, value: c.p95, unit: 'ms', detail: { p50: c.p50, max: c.max } });
      }
    } finally {
      await collab.close();
    }
  } finally {
    await database.close();
  }
}

/** The biggest case in the catalog, so the history has room for many modules and cables. */
async function useLargestCase(db: Database, rackId: string): Promise<void> {
  const cases = await db.query<{ id: string; rows: unknown }>('SELECT id, rows FROM catalog_cases');
  const hpOf = (rows: unknown) => (JSON.parse(typeof rows === 'string' ? rows : JSON.stringify(rows)) as { hp: number }[]).reduce((sum, row) => sum + row.hp, 0);
  const largest = cases.sort((a, b) => hpOf(b.rows) - hpOf(a.rows))[0];
  if (largest) await db.query('UPDATE racks SET case_id = $1 WHERE id = $2', [largest.id, rackId]);
}

/**
 * Replays HISTORY edits through a client of a collab (which stores them its way), then keeps the
 * same history as plain log rows under `logOnlyName`.
 */
async function recordHistory(db: Database, source: BenchRoom, logOnlyName: string) {
  const catalog = catalogPieces(await db.query('SELECT id, hp, jacks, controls FROM catalog_modules ORDER BY id'));
  // One socket replays the whole history quickly: lift the per-connection message rate for this setup step.
  const collab = await startCollab(db, { messagesPerSecond: 1_000_000, messageBurst: 1_000_000 });
  try {
    const client = await connectWire(collab.url, source.documentName, source.token);
    const initial = captureUpdate(client.doc, () => undefined);
    const setUp = initial ?? (await initialState(db, source.documentName));
    const history = editHistory(client.doc, catalog, HISTORY);
    const inFlight = new Set<Promise<number>>();
    for (const update of history) {
      const ack = client.send(update);
      inFlight.add(ack);
      void ack.finally(() => inFlight.delete(ack));
      if (inFlight.size >= WINDOW) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    client.close();
    // The room unloads once stored with nobody connected: the state the collab leaves behind.
    await waitUntil(() => collab.collab.hocuspocus.getDocumentsCount() === 0, 'the room to be stored and unloaded', 30_000);
    await insertLog(db, logOnlyName, [setUp, ...history]);
    return { historyBytes: history.reduce((sum, u) => sum + u.byteLength, 0), ...(await storedShape(db, source.documentName)) };
  } finally {
    await collab.close();
  }
}

/** The room as the collab first set it up (its stored snapshot before any edit). */
async function initialState(db: Database, documentName: string): Promise<Uint8Array> {
  const [row] = await db.query<{ state: Uint8Array }>('SELECT state FROM document_snapshots WHERE document_name = $1', [documentName]);
  if (!row) throw new Error(`no stored state for ${documentName}`);
  return new Uint8Array(row.state);
}

async function insertLog(db: Database, documentName: string, updates: Uint8Array[]): Promise<void> {
  for (let start = 0; start < updates.length; start += 500) {
    const chunk = updates.slice(start, start + 500);
    const values = chunk.map((_, i) => `($1, $${i + 2})`).join(', ');
    await db.query(`INSERT INTO document_updates (document_name, update) VALUES ${values}`, [documentName, ...chunk.map((u) => Buffer.from(u))]);
  }
}

async function storedShape(db: Database, documentName: string) {
  const [snapshot] = await db.query<{ bytes: number; last: string }>(
    'SELECT octet_length(state) AS bytes, last_update_id::text AS last FROM document_snapshots WHERE document_name = $1',
    [documentName],
  );
  const [tail] = await db.query<{ rows: number }>(
    'SELECT count(*)::int AS rows FROM document_updates WHERE document_name = $1 AND id > $2::bigint',
    [documentName, snapshot?.last ?? '0'],
  );
  return { snapshotBytes: snapshot?.bytes ?? 0, tailRows: tail?.rows ?? 0 };
}

/** LOADS fresh copies of `template`, each loaded once; milliseconds per load. */
async function timeLoads(db: Database, server: RunningCollab, template: string, how: 'server' | 'client'): Promise<number[]> {
  const copies = await makeRooms(db, LOADS);
  for (const copy of copies) await copyRoom(db, template, copy.documentName);
  const times: number[] = [];
  for (const copy of copies) {
    if (how === 'server') {
      // What withRoom does (a direct connection loads the room), timed until the work the load
      // left queued on the event loop (Hocuspocus batches the loaded updates for broadcast) has run.
      const started = performance.now();
      const connection = await server.collab.hocuspocus.openDirectConnection(copy.documentName, { server: true });
      await new Promise((resolve) => setImmediate(resolve));
      times.push(performance.now() - started);
      await connection.disconnect();
    } else {
      const client = await connectWire(server.url, copy.documentName, copy.token);
      times.push(client.connectMs);
      client.close();
    }
    // Let the room store and unload before the next load, so loads don't overlap with stores.
    await waitUntil(() => server.collab.hocuspocus.getDocumentsCount() === 0, 'the room to unload', 30_000);
  }
  return times;
}

/** Copies a room's stored rows (snapshot and log, every column) under another name. */
async function copyRoom(db: Database, from: string, to: string): Promise<void> {
  const logColumns = (await columnsOf(db, 'document_updates')).filter((c) => c !== 'id' && c !== 'document_name');
  const list = logColumns.map((c) => `"${c}"`).join(', ');
  await db.query(
    `INSERT INTO document_updates (document_name, ${list}) SELECT $2, ${list} FROM document_updates WHERE document_name = $1 ORDER BY id`,
    [from, to],
  );
  const [snapshot] = await db.query<{ last: string }>('SELECT last_update_id::text AS last FROM document_snapshots WHERE document_name = $1', [from]);
  if (!snapshot) return;
  // The snapshot covers log rows up to last_update_id: point it at the copy's matching row.
  const [covered] = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM document_updates WHERE document_name = $1 AND id <= $2::bigint',
    [from, snapshot.last],
  );
  const [last] = covered?.count
    ? await db.query<{ id: string }>('SELECT id::text AS id FROM document_updates WHERE document_name = $1 ORDER BY id OFFSET $2 LIMIT 1', [to, covered.count - 1])
    : [{ id: '0' }];
  const snapshotColumns = (await columnsOf(db, 'document_snapshots')).filter((c) => c !== 'document_name' && c !== 'last_update_id');
  const rest = snapshotColumns.map((c) => `"${c}"`).join(', ');
  await db.query(
    `INSERT INTO document_snapshots (document_name, last_update_id, ${rest}) SELECT $2, $3::bigint, ${rest} FROM document_snapshots WHERE document_name = $1`,
    [from, to, last?.id ?? '0'],
  );
}

async function columnsOf(db: Database, table: string): Promise<string[]> {
  const rows = await db.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return rows.map((row) => row.column_name);
}
