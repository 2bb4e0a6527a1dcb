// Cold load: a room with 10,000 historical updates, loaded by a collab that doesn't have it in
// memory. Two stored shapes of the same history:
//   - "log only": 10,000 rows in document_updates, no snapshot (worst case: nothing compacted);
//   - "snapshot + tail": what the collab itself has stored right after those 10,000 updates came
//     through a client and were acknowledged (its last compaction plus the log since), the state
//     a crash would leave and another instance would load. (Once the room closes the collab
//     compacts it completely; the note on stderr shows both shapes.)
// Each load is of a fresh copy of the room (never loaded before), after a few warm-up loads of
// other copies (the JIT's first rooms), timed two ways: the server
// alone (a direct connection, as withRoom opens, until the loaded room is usable and the event
// loop free again) and a client (socket open → auth → room synced).
import type { Database } from '@patchroom/db';
import * as Y from 'yjs';
import { openBenchDatabase } from './support/database.ts';
import { catalogPieces, editHistory } from './support/history.ts';
import { emit, note, unavailable } from './support/report.ts';
import { makeRooms, startCollab, type BenchRoom, type RunningCollab } from './support/servers.ts';
import { summarize, waitUntil } from './support/stats.ts';
import { connectWire } from './support/wire.ts';

const BENCH = 'cold-load';
const HISTORY = 10_000;
const LOADS = 20;
/**
 * Loads of other copies before the measured ones, per variant: a collab that has just started
 * runs its load path unoptimised by the JIT for the first few rooms (3–5× slower here); the bar
 * is about a running server. Their times are reported in the detail.
 */
const WARM_UP_LOADS = 3;
/** Log-only loads take seconds each (10,000 updates to merge): fewer of them keep the bench short. */
const LOG_ONLY_LOADS = 5;
/** Updates in flight while replaying the history through one socket. */
const WINDOW = 64;
const BAR_MS = 30;
/** A load this slow ends its variant (see timeLoads). */
const SLOW_LOAD_MS = 5_000;

export async function run(): Promise<void> {
  const database = await openBenchDatabase(BENCH);
  const { db } = database;
  try {
    const [source] = await makeRooms(db, 1);
    if (!source) throw new Error('no room');
    await useLargestCase(db, source.rackId);
    const live = `bench-live:${source.rackId}`;
    const logOnly = `bench-log-only:${source.rackId}`;
    const recording = performance.now();
    const shape = await recordHistory(db, source, live, logOnly);
    note(
      BENCH,
      `history: ${HISTORY} updates (${shape.historyBytes} bytes) replayed in ${seconds(recording)} s; stored while open: ` +
        `${describe(shape.live)}; after the room closed: ${describe(shape.closed)}`,
    );

    const collab = await startCollab(db);
    try {
      for (const [label, template, loads] of [
        ['snapshot + tail', live, LOADS],
        ['log only', logOnly, LOG_ONLY_LOADS],
      ] as const) {
        const detail = {
          loads,
          updates: HISTORY,
          tailRows: label === 'log only' ? HISTORY + 1 : shape.live.tailRows,
          snapshotBytes: label === 'log only' ? 0 : shape.live.snapshotBytes,
          database: database.kind,
        };
        for (const how of ['server', 'client'] as const) {
          const metric = how === 'server' ? `${label}: server load p95` : `${label}: client connect → synced p95`;
          const warmUp = await timeLoads(db, collab, template, how, WARM_UP_LOADS);
          const loaded = await timeLoads(db, collab, template, how, loads);
          if (loaded.stopped) {
            unavailable(BENCH, `${metric}: ${loaded.stopped}; stopped after ${loaded.times.length} of ${loads} loads`);
            continue;
          }
          const t = summarize(loaded.times);
          note(BENCH, `${label}: ${loads} ${how} loads, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`);
          const bar = label === 'snapshot + tail' && how === 'server' ? { bar: `< ${BAR_MS} ms p95`, ok: t.p95 < BAR_MS } : {};
          const warmUpMs = warmUp.times.map((ms) => Math.round(ms * 10) / 10);
          emit({ bench: BENCH, metric, value: t.p95, unit: 'ms', ...bar, detail: { ...detail, p50: t.p50, max: t.max, warmUpMs } });
        }
      }
    } finally {
      await collab.close();
    }
  } finally {
    await database.close();
  }
}

const describe = (shape: { snapshotBytes: number; tailRows: number }) => `${shape.snapshotBytes}-byte snapshot + ${shape.tailRows} log rows`;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** The biggest case in the catalog, so the history has room for many modules and cables. */
async function useLargestCase(db: Database, rackId: string): Promise<void> {
  const cases = await db.query<{ id: string; rows: unknown }>('SELECT id, rows FROM catalog_cases');
  const hpOf = (rows: unknown) => (JSON.parse(typeof rows === 'string' ? rows : JSON.stringify(rows)) as { hp: number }[]).reduce((sum, row) => sum + row.hp, 0);
  const largest = cases.sort((a, b) => hpOf(b.rows) - hpOf(a.rows))[0];
  if (largest) await db.query('UPDATE racks SET case_id = $1 WHERE id = $2', [largest.id, rackId]);
}

/**
 * Replays HISTORY edits through a client of a collab (which stores them its way), copies what it
 * has stored right after the last acknowledgement to `liveName`, and keeps the same history as
 * plain log rows under `logOnlyName`.
 */
async function recordHistory(db: Database, source: BenchRoom, liveName: string, logOnlyName: string) {
  const catalog = catalogPieces(await db.query('SELECT id, hp, jacks, controls FROM catalog_modules ORDER BY id'));
  // One socket replays the whole history quickly: lift the per-connection message rate for this setup step.
  const collab = await startCollab(db, { messagesPerSecond: 1_000_000, messageBurst: 1_000_000 });
  try {
    const client = await connectWire(collab.url, source.documentName, source.token);
    // The room as the collab set it up (its case), the first entry of the log-only copy.
    const setUp = Y.encodeStateAsUpdate(client.doc);
    const history = editHistory(client.doc, catalog, HISTORY);
    const inFlight = new Set<Promise<number>>();
    for (const update of history) {
      const ack = client.send(update);
      inFlight.add(ack);
      void ack.finally(() => inFlight.delete(ack));
      if (inFlight.size >= WINDOW) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    // What the collab has stored while the room is still open (its last compaction plus the log
    // since): what a crash would leave, and what another instance loads meanwhile.
    await copyRoom(db, source.documentName, liveName);
    const live = await storedShape(db, liveName);
    client.close();
    // The room compacts and unloads once nobody is connected.
    await waitUntil(() => collab.collab.hocuspocus.getDocumentsCount() === 0, 'the room to be stored and unloaded', 30_000);
    await insertLog(db, logOnlyName, [setUp, ...history]);
    return { historyBytes: history.reduce((sum, u) => sum + u.byteLength, 0), live, closed: await storedShape(db, source.documentName) };
  } finally {
    await collab.close();
  }
}

async function insertLog(db: Database, documentName: string, updates: Uint8Array[]): Promise<void> {
  for (let start = 0; start < updates.length; start += 500) {
    const chunk = updates.slice(start, start + 500);
    const values = chunk.map((_, i) => `($1, $${i + 2})`).join(', ');
    await db.query(`INSERT INTO document_updates (document_name, update) VALUES ${values}`, [documentName, ...chunk.map((u) => Buffer.from(u))]);
  }
}

/** Snapshot size and log rows not folded into it yet. */
async function storedShape(db: Database, documentName: string) {
  const [snapshot] = await db.query<{ bytes: number }>('SELECT octet_length(state) AS bytes FROM document_snapshots WHERE document_name = $1', [
    documentName,
  ]);
  const [tail] = await db.query<{ rows: number }>('SELECT count(*)::int AS rows FROM document_updates WHERE document_name = $1', [documentName]);
  return { snapshotBytes: snapshot?.bytes ?? 0, tailRows: tail?.rows ?? 0 };
}

/**
 * `loads` fresh copies of `template`, each loaded once; milliseconds per load. Stops early (with
 * the reason) after a load slower than SLOW_LOAD_MS or one that fails: a load stuck for minutes
 * would otherwise hold the whole bench, as the room loads on this process's event loop.
 */
async function timeLoads(
  db: Database,
  server: RunningCollab,
  template: string,
  how: 'server' | 'client',
  loads: number,
): Promise<{ times: number[]; stopped?: string }> {
  const copies = await makeRooms(db, loads);
  for (const copy of copies) await copyRoom(db, template, copy.documentName);
  const times: number[] = [];
  for (const copy of copies) {
    let took: number;
    try {
      took = how === 'server' ? await serverLoad(server, copy.documentName) : await clientLoad(server, copy);
    } catch (error) {
      return { times, stopped: `a load failed (${error instanceof Error ? error.message : String(error)})` };
    }
    // Let the room store and unload before the next load, so loads don't overlap with stores.
    await waitUntil(() => server.collab.hocuspocus.getDocumentsCount() === 0, 'the room to unload', 60_000);
    if (took > SLOW_LOAD_MS) return { times, stopped: `a load took ${(took / 1000).toFixed(1)} s` };
    times.push(took);
  }
  return { times };
}

/**
 * What withRoom does (a direct connection loads the room), timed until the work the load left
 * queued on the event loop (Hocuspocus batches the loaded updates for broadcast) has run.
 */
async function serverLoad(server: RunningCollab, documentName: string): Promise<number> {
  const started = performance.now();
  const connection = await server.collab.hocuspocus.openDirectConnection(documentName, { server: true });
  await new Promise((resolve) => setImmediate(resolve));
  const took = performance.now() - started;
  await connection.disconnect();
  return took;
}

async function clientLoad(server: RunningCollab, room: BenchRoom): Promise<number> {
  const client = await connectWire(server.url, room.documentName, room.token);
  client.close();
  return client.connectMs;
}

/**
 * Copies a room's stored rows (snapshot and log, every column) under another name, from one
 * consistent view of both tables. Rows left in the log are the ones no snapshot has folded yet
 * (compaction deletes what it folds), so the copy keeps the same snapshot + tail.
 */
async function copyRoom(db: Database, from: string, to: string): Promise<void> {
  const logColumns = quoted((await columnsOf(db, 'document_updates')).filter((c) => c !== 'id' && c !== 'document_name'));
  const snapshotColumns = quoted((await columnsOf(db, 'document_snapshots')).filter((c) => c !== 'document_name'));
  await db.transaction(async (query) => {
    await query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await query(
      `INSERT INTO document_snapshots (document_name, ${snapshotColumns}) SELECT $2, ${snapshotColumns} FROM document_snapshots WHERE document_name = $1`,
      [from, to],
    );
    await query(
      `INSERT INTO document_updates (document_name, ${logColumns}) SELECT $2, ${logColumns} FROM document_updates WHERE document_name = $1 ORDER BY id`,
      [from, to],
    );
  });
}

const quoted = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');

async function columnsOf(db: Database, table: string): Promise<string[]> {
  const rows = await db.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return rows.map((row) => row.column_name);
}
