import { describe, expect, it } from 'vitest';
import { deriveStatus, retryDelayMs, STATUS_LABELS, type StatusInputs } from '../src/room/status.ts';

const base: StatusInputs = {
  browserOnline: true,
  socket: 'connected',
  synced: true,
  unsyncedChanges: 0,
  refused: false,
  unavailable: false,
  lastAttemptFailed: false,
};

describe('connection status', () => {
  it('says Saved only when synced and every local change is acknowledged', () => {
    expect(deriveStatus(base)).toBe('saved');
    expect(deriveStatus({ ...base, unsyncedChanges: 2 })).toBe('saving');
    expect(deriveStatus({ ...base, synced: false })).toBe('connecting');
  });

  it('says Offline without a network, whatever the socket thinks', () => {
    expect(deriveStatus({ ...base, browserOnline: false })).toBe('offline');
    expect(deriveStatus({ ...base, socket: 'disconnected' })).toBe('offline');
  });

  it('keeps saying Offline while retrying after a failed attempt, Connecting… on the first one', () => {
    expect(deriveStatus({ ...base, socket: 'connecting', synced: false })).toBe('connecting');
    expect(deriveStatus({ ...base, socket: 'connecting', synced: false, lastAttemptFailed: true })).toBe('offline');
  });

  it('never claims Saved for a room the server refused', () => {
    expect(deriveStatus({ ...base, refused: true })).toBe('offline');
  });

  it('never claims Saved while the server cannot load the room', () => {
    expect(deriveStatus({ ...base, unavailable: true })).toBe('offline');
  });

  it('asks again for a room the server could not load after 1 s, then twice as long each time, at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('uses exactly the four words the room shows', () => {
    expect(Object.values(STATUS_LABELS).sort()).toEqual(['Connecting…', 'Offline', 'Saved', 'Saving…']);
  });
});
