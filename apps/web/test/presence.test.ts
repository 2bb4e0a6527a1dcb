import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { colorForUser, initials, PRESENCE_COLORS } from '../src/room/presence/colors.ts';
import { distinctUsers, readPeers } from '../src/room/presence/peers.ts';
import { throttle } from '../src/room/presence/throttle.ts';

describe('user colours', () => {
  it('gives a person the same colour every time, from the palette', () => {
    expect(colorForUser('user_42')).toBe(colorForUser('user_42'));
    expect(PRESENCE_COLORS).toContain(colorForUser('user_42'));
  });

  it('spreads people over the palette', () => {
    const colours = new Set(Array.from({ length: 50 }, (_, i) => colorForUser(`user_${i}`)));
    expect(colours.size).toBeGreaterThanOrEqual(PRESENCE_COLORS.length - 2);
  });

  it('makes avatar initials from a display name', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('  grace  ')).toBe('G');
    expect(initials('Jean Michel Jarre')).toBe('JJ');
    expect(initials('')).toBe('?');
  });
});

describe('peers from awareness states', () => {
  const alice = { id: 'u1', name: 'Alice', color: '#e03131' };
  const bob = { id: 'u2', name: 'Bob', color: '#1971c2' };

  it('lists other connections with their cursor, never ourselves', () => {
    const states = new Map<number, unknown>([
      [1, { user: alice, cursor: { x: 10, y: 20 } }],
      [2, { user: bob }],
      [3, { user: { id: 'me', name: 'Me', color: '#000' }, cursor: { x: 0, y: 0 } }],
    ]);
    expect(readPeers(states, 3)).toEqual([
      { clientId: 1, user: alice, cursor: { x: 10, y: 20 }, view: null, cable: null },
      { clientId: 2, user: bob, cursor: null, view: null, cable: null },
    ]);
  });

  it('drops malformed states and unsafe values from other browsers', () => {
    const states = new Map<number, unknown>([
      [1, null],
      [2, { user: { name: 'No id' } }],
      [3, { user: { id: 'u3', name: 'x'.repeat(500), color: 'red; background: url(evil)' }, cursor: { x: 'a', y: 1 } }],
    ]);
    const [peer, ...rest] = readPeers(states, 99);
    expect(rest).toEqual([]);
    expect(peer!.user.name).toHaveLength(60);
    expect(peer!.user.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(peer!.cursor).toBeNull();
  });

  it('shows each person once in the people list, even with several tabs', () => {
    const peers = [
      { clientId: 1, user: bob, cursor: null, view: null, cable: null },
      { clientId: 2, user: alice, cursor: null, view: null, cable: null },
      { clientId: 3, user: bob, cursor: null, view: null, cable: null },
      { clientId: 4, user: { id: 'me', name: 'Me', color: '#000' }, cursor: null, view: null, cable: null },
    ];
    expect(distinctUsers(peers, 'me').map((u) => u.name)).toEqual(['Alice', 'Bob']);
  });
});

describe('cursor throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends at once, then at most once per interval with the latest position', () => {
    const sent: number[] = [];
    const send = throttle((x: number) => sent.push(x), 33);
    send(1);
    send(2);
    send(3);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(33);
    expect(sent).toEqual([1, 3]);
    vi.advanceTimersByTime(100);
    send(4);
    expect(sent).toEqual([1, 3, 4]);
  });

  it('drops a pending position when cancelled', () => {
    const sent: number[] = [];
    const send = throttle((x: number) => sent.push(x), 33);
    send(1);
    send(2);
    send.cancel();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([1]);
  });
});
