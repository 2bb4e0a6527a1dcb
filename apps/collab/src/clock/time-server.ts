import type { Connection, Extension } from '@hocuspocus/server';
import { encodePong, parsePing } from '@patchroom/engine';
import { TokenBucket } from '../transport/rate-limit.ts';

// The room's shared clock: this process's clock (ms since the epoch, sub-millisecond). Clients
// ping it over their room socket (a stateless message) and estimate their offset from it; see
// packages/engine/src/clock. The answer goes to the pinging connection only.

/** A client pings a few times a second at most; more than this is dropped (no answer). */
const PINGS_PER_SECOND = 20;
const PING_BURST = 40;

export function sharedClockNow(): number {
  return performance.timeOrigin + performance.now();
}

export function timeServer(now: () => number = sharedClockNow): Extension {
  const buckets = new WeakMap<Connection, TokenBucket>();
  return {
    extensionName: 'patchroom-clock',
    async onStateless({ connection, payload }) {
      const t1 = now();
      const ping = parsePing(payload);
      if (!ping) return;
      let bucket = buckets.get(connection);
      if (!bucket) buckets.set(connection, (bucket = new TokenBucket(PINGS_PER_SECOND, PING_BURST)));
      if (!bucket.take()) return;
      connection.sendStateless(encodePong(ping, t1, now()));
    },
  };
}
