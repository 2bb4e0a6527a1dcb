import { TRPCError } from '@trpc/server';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** The actions we limit, and how many of each one caller may do per window. */
export type LimitedAction = 'signUp' | 'logIn' | 'generation' | 'comment' | 'workshopJoin';

export interface Allowance {
  points: number;
  windowSeconds: number;
}

export type RateLimitPolicy = Record<LimitedAction, Allowance>;

export const DEFAULT_RATE_LIMITS: RateLimitPolicy = {
  // Per IP: a person signs up once; scripts sign up thousands.
  signUp: { points: 10, windowSeconds: 3600 },
  // Per IP and email: slows password guessing to a crawl without locking out a typo-prone user.
  logIn: { points: 10, windowSeconds: 15 * 60 },
  // Per user.
  generation: { points: 30, windowSeconds: 60 },
  comment: { points: 20, windowSeconds: 60 },
  // Per IP and workshop: a whole class often shares one address; still stops a script minting guests.
  workshopJoin: { points: 100, windowSeconds: 3600 },
};

export interface RateLimits {
  /** Spends one unit of `action` for `key`; throws TOO_MANY_REQUESTS (with a wait time) past the allowance. */
  consume(action: LimitedAction, key: string): Promise<void>;
  /** Resolves once the shared store answers (immediately without Redis). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Limits shared by every api process through Redis when there is one, else per process. */
export function createRateLimits(policy: RateLimitPolicy, redisUrl?: string, namespace = 'patchroom'): RateLimits {
  const redis = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  const limiters = new Map<LimitedAction, RateLimiterAbstract>();
  for (const [action, allowance] of Object.entries(policy) as [LimitedAction, Allowance][]) {
    const options = { keyPrefix: `${namespace}:rl:${action}`, points: allowance.points, duration: allowance.windowSeconds };
    // If Redis is down, fall back to per-process limits rather than failing every login.
    const memory = new RateLimiterMemory(options);
    limiters.set(action, redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory }) : memory);
  }
  return {
    async consume(action, key) {
      try {
        await limiters.get(action)!.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many attempts. Try again in ${seconds} s.` });
      }
    },
    async ready() {
      if (redis && redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    },
    async close() {
      redis?.disconnect();
    },
  };
}
