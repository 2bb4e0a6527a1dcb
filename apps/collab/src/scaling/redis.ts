import { randomUUID } from 'node:crypto';
import { Redis } from '@hocuspocus/extension-redis';
import type { Hocuspocus, onChangePayload, onConfigurePayload } from '@hocuspocus/server';
import type { Logger } from 'pino';

/**
 * Hocuspocus' Redis extension, adapted:
 * - without its store lock. The stock extension takes a Redis lock before each store and, when
 *   another instance holds it, skips the store ("the other instance has the data"); on
 *   shutdown it then unloads the room unsaved. Our compaction merges with what is saved, under
 *   a database lock, so every instance can safely compact its own state.
 * - resyncing after a Redis outage. Changes made while Redis was away reached no other
 *   instance; once Redis is back every open room announces its state (a sync step 1, which
 *   peers answer with what it misses and ask for what they miss), so rooms converge again
 *   without waiting for the next edit.
 */
class RoomRedis extends Redis {
  private hocuspocus: Hocuspocus | null = null;
  private destroyed = false;

  constructor(
    configuration: ConstructorParameters<typeof Redis>[0],
    private readonly logger: Logger,
  ) {
    super(configuration);
    let lost = false;
    const onLost = () => {
      if (this.destroyed) return;
      if (!lost) logger.warn('redis connection lost; rooms are not shared until it returns');
      lost = true;
    };
    for (const client of [this.pub, this.sub]) {
      client.on('close', onLost);
      // ioredis reconnects by itself; without a listener an error event would crash the process.
      client.on('error', (error: Error) => logger.debug({ err: error }, 'redis error'));
    }
    // ioredis emits 'ready' just before it resubscribes; a ping answered after that means the
    // subscriptions are back, so peers' answers to our resync cannot be missed.
    this.sub.on('ready', () => {
      if (!lost || this.destroyed) return;
      setImmediate(() => {
        this.sub
          .ping()
          .then(() => {
            lost = false;
            this.resync();
          })
          .catch((error: unknown) => logger.warn({ err: error }, 'redis resync postponed'));
      });
    });
  }

  override async onConfigure(payload: onConfigurePayload): Promise<void> {
    this.hocuspocus = payload.instance;
    await super.onConfigure(payload);
  }

  override async onStoreDocument(): Promise<void> {}

  override async onDestroy(): Promise<void> {
    this.destroyed = true;
    await super.onDestroy();
  }

  private resync(): void {
    const documents = this.hocuspocus?.documents ?? new Map();
    this.logger.info({ rooms: documents.size }, 'redis connection back; resyncing open rooms');
    for (const [documentName, document] of documents) {
      // The extension's own change hook publishes the room's state vector.
      void this.onChange({ documentName, document, transactionOrigin: { source: 'local' } } as onChangePayload);
    }
  }
}

/**
 * Lets several collab processes serve the same room: changes and presence travel through
 * Redis pub/sub. Nothing is persisted in Redis.
 */
export function redisScaling(redisUrl: string, instanceName: string, logger: Logger): Redis {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got ${url.protocol}`);
  }
  const db = Number(url.pathname.slice(1) || 0);
  return new RoomRedis(
    {
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
      // Default 1 s: every room unload would wait that long for last syncs to pass through.
      disconnectDelay: 250,
    },
    logger.child({ part: 'redis' }),
  );
}
