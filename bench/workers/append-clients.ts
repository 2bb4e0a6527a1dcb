// Child process of the durable-append bench: many lean clients over many rooms, each sending
// small updates (knob turns) and timing the server's acknowledgement of each.
import { serveParent } from '../support/children.ts';
import { captureUpdate, placeKnob, turnKnob, type Knob } from '../support/edits.ts';
import { sleep } from '../support/stats.ts';
import { connectWire, type WireClient } from '../support/wire.ts';

export interface AppendRequest {
  url: string;
  rooms: { documentName: string; token: string }[];
  clientsPerRoom: number;
  durationMs: number;
  /**
   * 'closed': every client sends its next update as soon as the last one is acknowledged
   * (throughput). 'open': updates leave at `rate` per second whatever the server does
   * (latency under a fixed load, the same for every server).
   */
  mode: 'closed' | 'open';
  rate?: number;
}

export interface AppendResult {
  acked: number;
  failed: number;
  elapsedMs: number;
  /** Send → acknowledgement, milliseconds. */
  latencies: number[];
  updateBytes: number;
  /** CPU this client process used during the phase (user + system), milliseconds. */
  cpuMs: number;
  firstError?: string;
}

async function run(request: AppendRequest): Promise<AppendResult> {
  const clients: Writer[] = [];
  try {
    for (const room of request.rooms) {
      for (let i = 0; i < request.clientsPerRoom; i += 1) {
        const client = await connectWire(request.url, room.documentName, room.token);
        // Its own module to turn knobs on, sent first: later updates build on it.
        let knob: Knob | undefined;
        const placement = captureUpdate(client.doc, () => {
          knob = placeKnob(client.doc, `bench-${clients.length}`);
        });
        if (placement) await client.send(placement);
        clients.push({ client, knob: knob as Knob });
      }
    }
    const cpu = process.cpuUsage();
    const result = request.mode === 'closed' ? await closedLoop(clients, request.durationMs) : await openLoop(clients, request.durationMs, request.rate ?? 1_000);
    const used = process.cpuUsage(cpu);
    return { ...result, cpuMs: (used.user + used.system) / 1_000 };
  } finally {
    for (const { client } of clients) client.close();
  }
}

interface Writer {
  client: WireClient;
  knob: Knob;
}

class Tally {
  acked = 0;
  failed = 0;
  updateBytes = 0;
  firstError: string | undefined;
  readonly latencies: number[] = [];
  private turns = 0;

  send({ client, knob }: Writer): Promise<void> {
    this.turns += 1;
    const update = captureUpdate(client.doc, () => turnKnob(client.doc, knob, this.turns));
    if (!update) throw new Error('a knob turn changed nothing');
    this.updateBytes += update.byteLength;
    return client.send(update).then(
      (latency) => {
        this.acked += 1;
        this.latencies.push(latency);
      },
      (error: unknown) => {
        this.failed += 1;
        this.firstError ??= error instanceof Error ? error.message : String(error);
      },
    );
  }

  result(elapsedMs: number): Omit<AppendResult, 'cpuMs'> {
    const sent = this.acked + this.failed;
    return {
      acked: this.acked,
      failed: this.failed,
      elapsedMs,
      latencies: this.latencies,
      updateBytes: sent ? this.updateBytes / sent : 0,
      ...(this.firstError ? { firstError: this.firstError } : {}),
    };
  }
}

async function closedLoop(clients: Writer[], durationMs: number): Promise<Omit<AppendResult, 'cpuMs'>> {
  const tally = new Tally();
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    clients.map(async (writer) => {
      while (performance.now() < end && tally.failed === 0) await tally.send(writer);
    }),
  );
  return tally.result(performance.now() - start);
}

async function openLoop(clients: Writer[], durationMs: number, rate: number): Promise<Omit<AppendResult, 'cpuMs'>> {
  const tally = new Tally();
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  let next = 0;
  while (performance.now() - start < durationMs) {
    // Catch up to the schedule: `rate` sends per second since the start, round-robin.
    const due = Math.floor(((performance.now() - start) / 1_000) * rate);
    for (; sent < due; sent += 1) {
      inFlight.push(tally.send(clients[next] as Writer));
      next = (next + 1) % clients.length;
    }
    await sleep(1);
  }
  const sending = performance.now() - start;
  await Promise.race([Promise.all(inFlight), sleep(10_000)]);
  return tally.result(sending);
}

serveParent(run);
