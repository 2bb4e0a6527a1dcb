// Child process of the clock-sync bench: two clients in one room, each with its own clock
// skew, sync their clocks with the collab over the room socket (the browser's ClockSync). Both
// live in this process, so this process's clock is the truth both skews are measured against:
// the onset spread is how far apart the two would play the same shared-clock beat.
import { ClockSync, type ClockChannel } from '@patchroom/engine';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { serveParent } from '../support/children.ts';
import { openProvider } from '../support/providers.ts';
import { sleep } from '../support/stats.ts';

export interface ClockClientsRequest {
  url: string;
  documentName: string;
  token: string;
  /** How long the clients sync (ms); spreads are sampled after the first `warmUpMs`. */
  durationMs: number;
  warmUpMs: number;
}

export interface ClockClientsResult {
  /** |onset A − onset B| (ms, true time) for the same shared-clock beat, every 100 ms. */
  spreads: number[];
  /** Each client's final estimate: samples kept, uncertainty, best round trip. */
  clients: { samples: number; uncertaintyMs: number | null; bestRttMs: number | null; driftPpm: number }[];
}

const SKEWS = [3_000, -7_000];

function channelOf(provider: HocuspocusProvider): ClockChannel {
  return {
    send: (payload) => provider.sendStateless(payload),
    listen(listener) {
      const onStateless = ({ payload }: { payload: string }) => listener(payload);
      provider.on('stateless', onStateless);
      return () => provider.off('stateless', onStateless);
    },
  };
}

const machineNow = () => performance.timeOrigin + performance.now();

async function run(request: ClockClientsRequest): Promise<ClockClientsResult> {
  const clients = SKEWS.map((skew) => {
    const client = openProvider(request.url, request.documentName, request.token, { awareness: false });
    const sync = new ClockSync(channelOf(client.provider), { now: () => machineNow() + skew });
    return { client, sync, skew };
  });
  try {
    await Promise.all(clients.map((c) => c.client.synced));
    clients.forEach((c) => c.sync.start());
    const started = performance.now();
    const spreads: number[] = [];
    while (performance.now() - started < request.durationMs) {
      await sleep(100);
      if (performance.now() - started < request.warmUpMs) continue;
      // A beat one second ahead on the shared clock, as each client would play it, in true time.
      const beat = Math.ceil(clients[0]!.sync.sharedNow() / 1000) * 1000 + 1000;
      const [a, b] = clients.map((c) => c.sync.estimator.toLocal(beat) - c.skew);
      spreads.push(Math.abs(a! - b!));
    }
    return {
      spreads,
      clients: clients.map((c) => {
        const s = c.sync.estimator.status();
        return { samples: s.samples, uncertaintyMs: s.uncertaintyMs, bestRttMs: s.bestRttMs, driftPpm: s.driftPpm };
      }),
    };
  } finally {
    for (const c of clients) {
      c.sync.stop();
      c.client.destroy();
    }
  }
}

serveParent(run);
