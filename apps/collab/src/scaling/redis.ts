import { randomUUID } from 'node:crypto';
import { Redis } from '@hocuspocus/extension-redis';

/**
 * Hocuspocus' Redis extension without its store lock. The stock extension takes a Redis lock
 * before each store and, when another instance holds it, skips the store ("the other instance
 * has the data"); on shutdown it then unloads the room unsaved, losing edits the other
 * instance had not received yet. Our store merges with what is saved, under a database lock,
 * so every instance can safely store its own state.
 */
class RoomRedis extends Redis {
  override async onStoreDocument(): Promise<void> {}
}

/**
 * Lets several collab processes serve the same room: changes and presence travel through
 * Redis pub/sub. Nothing is persisted in Redis.
 */
export function redisScaling(redisUrl: string, instanceName: string): Redis {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got ${url.protocol}`);
  }
  const db = Number(url.pathname.slice(1) || 0);
  return new RoomRedis({
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 6379),
    options: {
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: Number.isInteger(db) ? db : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
    },
    prefix: 'patchroom:collab',
    // Must differ per process: an instance ignores messages carrying its own identifier.
    identifier: `${instanceName}-${randomUUID()}`,
    // Default 1 s: every server-side edit (withRoom) would wait that long after its store.
    disconnectDelay: 250,
  });
}
