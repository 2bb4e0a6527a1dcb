import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../src/auth/session.ts';
import { caseLabel, caseSize, timeAgo } from '../src/racks/labels.ts';

describe('rack labels', () => {
  it('names a case by maker and model, sized in rows × HP', () => {
    const rows = [
      { hp: 84, heightU: 3 },
      { hp: 84, heightU: 3 },
    ];
    expect(caseLabel({ manufacturer: 'Doepfer', name: 'A-100 LC9' })).toBe('Doepfer A-100 LC9');
    expect(caseSize({ rows })).toBe('2 × 84 HP');
    expect(caseSize({ rows: [{ hp: 104, heightU: 3 }, { hp: 104, heightU: 1 }, { hp: 62, heightU: 3 }] })).toBe(
      '104 HP + 104 HP + 62 HP',
    );
  });

  it('says when a rack was last edited in words', () => {
    const now = Date.parse('2025-01-10T12:00:00Z');
    expect(timeAgo('2025-01-10T11:59:30Z', now)).toBe('just now');
    expect(timeAgo('2025-01-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(timeAgo('2025-01-09T12:00:00Z', now)).toBe('yesterday');
  });
});

describe('after logging in', () => {
  it('returns to the page that asked for it, never to another site', () => {
    expect(safeNextPath('?next=%2Fracks%2Fabc')).toBe('/racks/abc');
    expect(safeNextPath('?next=https%3A%2F%2Fevil.example')).toBe('/racks');
    expect(safeNextPath('?next=%2F%2Fevil.example')).toBe('/racks');
    expect(safeNextPath('')).toBe('/racks');
  });
});
