// High-churn values (knob positions, sequencer steps) live in y-utility's YKeyValue: a Y.Array of
// { key, val } entries where a write appends the new entry and deletes the old one. Deleted
// entries collapse into a few bytes, so a knob turned 100,000 times costs about as much as one
// turned once — a Y.Map keeps one tombstone per overwrite instead.
import { YKeyValue } from 'y-utility/y-keyvalue';
import type * as Y from 'yjs';

export interface KeyValueEntry<T> {
  key: string;
  val: T;
}

export type KeyValueArray<T> = Y.Array<KeyValueEntry<T>>;

const stores = new WeakMap<KeyValueArray<unknown>, YKeyValue<unknown>>();

/**
 * The one YKeyValue of a shared array. Creating it registers the observer that removes the
 * duplicates concurrent writes leave behind, so every replica that reads or writes keeps the
 * array compact.
 */
export function keyValueStore<T>(array: KeyValueArray<T>): YKeyValue<T> {
  let store = stores.get(array as KeyValueArray<unknown>);
  if (!store) {
    store = new YKeyValue<unknown>(array as KeyValueArray<unknown>);
    stores.set(array as KeyValueArray<unknown>, store);
  }
  return store as YKeyValue<T>;
}

/**
 * Current values read straight from the array: the rightmost entry of a key wins (YKeyValue's
 * rule). Reading the array rather than YKeyValue's cache keeps reads exact inside a transaction
 * and on replicas whose cleanup has not run yet.
 */
export function readEntries<T>(array: KeyValueArray<T>): Map<string, T> {
  const values = new Map<string, T>();
  for (const entry of array.toArray()) {
    if (entry && typeof entry.key === 'string') values.set(entry.key, entry.val);
  }
  return values;
}

export function readEntry<T>(array: KeyValueArray<T>, key: string): T | undefined {
  const entries = array.toArray();
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i]?.key === key) return entries[i]!.val;
  }
  return undefined;
}

export function writeEntry<T>(array: KeyValueArray<T>, key: string, val: T): void {
  keyValueStore(array).set(key, val);
}

/** Deletes every entry of the keys `drop` selects (including duplicates from concurrent writes). */
export function deleteEntries<T>(array: KeyValueArray<T>, drop: (key: string) => boolean): number {
  keyValueStore(array);
  const entries = array.toArray();
  let deleted = 0;
  array.doc!.transact(() => {
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (entry && typeof entry.key === 'string' && drop(entry.key)) {
        array.delete(i, 1);
        deleted += 1;
      }
    }
  });
  return deleted;
}
