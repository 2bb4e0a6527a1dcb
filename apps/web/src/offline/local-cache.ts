// Small JSON values kept in localStorage so a room opens without the network: who is signed
// in, the rack's name, case and role, and the catalog entries of modules placed in it. The rack
// content itself lives in IndexedDB (y-indexeddb). Everything here is a copy of what the server
// said last; the server's answer replaces it whenever the network is back.

const PREFIX = 'patchroom:v1:';

export type CacheStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function defaultStorage(): CacheStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

export const cacheKeys = {
  session: () => 'session',
  rack: (userId: string, rackId: string) => `rack:${userId}:${rackId}`,
  catalogModule: (id: string) => `module:${id}`,
};

export function readCached<T>(key: string, accept: (value: unknown) => value is T, storage = defaultStorage()): T | null {
  try {
    const text = storage?.getItem(PREFIX + key);
    if (!text) return null;
    const value: unknown = JSON.parse(text);
    return accept(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeCached(key: string, value: unknown, storage = defaultStorage()): void {
  try {
    storage?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the app still works online, only offline opening suffers.
  }
}

export function removeCached(key: string, storage = defaultStorage()): void {
  try {
    storage?.removeItem(PREFIX + key);
  } catch {
    // nothing to do
  }
}

/** Forgets everything this app cached (on log-out, so the next person sees none of it). */
export function clearCached(storage = defaultStorage()): void {
  if (!storage) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // nothing to do
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
