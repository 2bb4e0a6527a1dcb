// Child process of the fanout bench: 1 writer and N readers in one room. The writer turns a knob
// on a fixed schedule; every reader notes when each value arrives. Writer and readers share this
// process's clock, so send → apply latency needs no clock sync.
import { serveParent } from '../support/children.ts';
import { placeKnob, readKnob, turnKnob } from '../support/edits.ts';
import { openProvider, type ProviderClient } from '../support/providers.ts';
import { sleep } from '../support/stats.ts';

export interface FanoutRequest {
  url: string;
  documentName: string;
  token: string;
  readers: number;
  editsPerSecond: number;
  warmupEdits: number;
  measuredEdits: number;
}

export interface FanoutResult {
  /** Send → apply, milliseconds, every reader × every measured edit that arrived. */
  latencies: number[];
  /** Measured (reader, edit) pairs that never arrived. */
  missing: number;
  connectMs: number;
}

async function run(request: FanoutRequest): Promise<FanoutResult> {
  const connectStart = performance.now();
  const open = () => openProvider(request.url, request.documentName, request.token, { awareness: false });
  const writer = open();
  const readers: ProviderClient[] = Array.from({ length: request.readers }, open);
  const clients = [writer, ...readers];
  try {
    await Promise.all(clients.map((client) => client.synced));
    const connectMs = performance.now() - connectStart;
    const knob = placeKnob(writer.doc, 'bench-writer');
    const total = request.warmupEdits + request.measuredEdits;
    const sentAt = new Float64Array(total);
    // appliedAt[r * total + k]: when reader r first held edit k (0 = never). The server may merge
    // edits that reach it in the same event-loop turn into one broadcast (Hocuspocus' flushDelay
    // 0): a reader that jumps from value k to k + 2 has applied edit k + 1 at that moment too.
    const appliedAt = new Float64Array(request.readers * total);
    readers.forEach((reader, r) => {
      let seen = -1;
      reader.doc.on('update', () => {
        const edit = readKnob(reader.doc, knob);
        if (edit === undefined || edit <= seen || edit >= total) return;
        const now = performance.now();
        for (let k = seen + 1; k <= edit; k += 1) appliedAt[r * total + k] = now;
        seen = edit;
      });
    });

    // Fixed schedule (no drift): edit k is due at start + k × interval.
    const interval = 1_000 / request.editsPerSecond;
    const start = performance.now();
    for (let edit = 0; edit < total; edit += 1) {
      const due = start + edit * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sentAt[edit] = performance.now();
      turnKnob(writer.doc, knob, edit);
    }
    await sleep(500); // let the last edits arrive

    const latencies: number[] = [];
    let missing = 0;
    for (let r = 0; r < request.readers; r += 1) {
      for (let edit = request.warmupEdits; edit < total; edit += 1) {
        const applied = appliedAt[r * total + edit] as number;
        // Never reached this reader (not even as part of a later value) within the run.
        if (applied === 0) missing += 1;
        else latencies.push(applied - (sentAt[edit] as number));
      }
    }
    return { latencies, missing, connectMs };
  } finally {
    for (const client of clients) client.destroy();
  }
}

serveParent(run);
