import { describe, expect, it } from 'vitest';
import { cacheKeys, clearCached, readCached, writeCached, type CacheStorage } from '../src/offline/local-cache.ts';
import { isUnreachable } from '../src/offline/network.ts';
import { undoShortcut } from '../src/room/history/undo.ts';
import { nextPatchName } from '../src/room/patches/names.ts';
import { presenceRecordUserId, readPeer } from '../src/room/presence/peers.ts';

class MemoryStorage implements CacheStorage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

describe('offline copies', () => {
  const isName = (v: unknown): v is { name: string } => typeof (v as { name?: unknown })?.name === 'string';

  it('reads back what was kept, and nothing that fails the shape check', () => {
    const storage = new MemoryStorage();
    writeCached(cacheKeys.rack('u1', 'r1'), { name: 'Night drive' }, storage);
    writeCached(cacheKeys.rack('u1', 'r2'), { title: 'wrong shape' }, storage);
    expect(readCached(cacheKeys.rack('u1', 'r1'), isName, storage)).toEqual({ name: 'Night drive' });
    expect(readCached(cacheKeys.rack('u1', 'r2'), isName, storage)).toBeNull();
    expect(readCached(cacheKeys.rack('u2', 'r1'), isName, storage)).toBeNull();
  });

  it('survives garbage in storage', () => {
    const storage = new MemoryStorage();
    storage.setItem('patchroom:v1:session', '{not json');
    expect(readCached('session', isName, storage)).toBeNull();
  });

  it('forgets only its own keys on log-out', () => {
    const storage = new MemoryStorage();
    storage.setItem('other-app', 'keep');
    writeCached(cacheKeys.session(), { name: 'Ada' }, storage);
    writeCached(cacheKeys.catalogModule('vco'), { name: 'VCO' }, storage);
    clearCached(storage);
    expect(storage.length).toBe(1);
    expect(storage.getItem('other-app')).toBe('keep');
  });

  it('falls back to the copy only when the server could not be reached', () => {
    expect(isUnreachable({ fetchStatus: 'paused', error: null })).toBe(true);
    expect(isUnreachable({ fetchStatus: 'idle', error: new TypeError('Failed to fetch') })).toBe(true);
    const refusal = Object.assign(new Error('Not found'), { data: { code: 'NOT_FOUND' } });
    expect(isUnreachable({ fetchStatus: 'idle', error: refusal })).toBe(false);
    expect(isUnreachable({ fetchStatus: 'idle', error: null })).toBe(false);
  });
});

describe('undo keys', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('knows undo and both redo shortcuts on both platforms', () => {
    expect(undoShortcut(key('z', { ctrlKey: true }))).toBe('undo');
    expect(undoShortcut(key('z', { metaKey: true }))).toBe('undo');
    expect(undoShortcut(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(undoShortcut(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(undoShortcut(key('y', { ctrlKey: true }))).toBe('redo');
  });

  it('leaves other keys alone', () => {
    expect(undoShortcut(key('z'))).toBeNull();
    expect(undoShortcut(key('c', { ctrlKey: true }))).toBeNull();
    expect(undoShortcut(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});

describe('new patch names', () => {
  it('numbers patches after the ones that exist, skipping names in use', () => {
    expect(nextPatchName([])).toBe('Patch 1');
    expect(nextPatchName([{ name: 'Patch 1' }])).toBe('Patch 2');
    expect(nextPatchName([{ name: 'Bass' }, { name: 'patch 3' }])).toBe('Patch 4');
  });
});

describe('following people', () => {
  const user = { id: 'u1', name: 'Bea', color: '#1971c2' };

  it('reads the viewport and selection a collaborator shares', () => {
    const peer = readPeer(7, {
      user,
      view: { camera: { x: -10, y: 5, z: 0.8 }, screen: { x: 0, y: 0, w: 1200, h: 700 }, selected: ['shape:a', 'nope'], following: null },
      cable: 'cab_1',
    });
    expect(peer?.view).toEqual({
      camera: { x: -10, y: 5, z: 0.8 },
      screen: { x: 0, y: 0, w: 1200, h: 700 },
      selected: ['shape:a'],
      following: null,
    });
    expect(peer?.cable).toBe('cab_1');
  });

  it('ignores a viewport that cannot be followed', () => {
    expect(readPeer(7, { user, view: { camera: { x: 0, y: 0, z: 0 }, screen: { x: 0, y: 0, w: 10, h: 10 } } })?.view).toBeNull();
    expect(readPeer(7, { user, view: { camera: { x: 'a' }, screen: null } })?.view).toBeNull();
  });

  it('names one connection of a person for tldraw', () => {
    expect(presenceRecordUserId('u1', 42)).toBe('user:u1#42');
  });
});
