import type { CatalogCase } from '@patchroom/engine';

/** How a case is named in lists: maker then model, as on the case's badge. */
export function caseLabel(c: Pick<CatalogCase, 'manufacturer' | 'name'>): string {
  return `${c.manufacturer} ${c.name}`;
}

/** "3 × 84 HP" — the size a synth player recognises a case by. */
export function caseSize(c: Pick<CatalogCase, 'rows'>): string {
  const widths = new Set(c.rows.map((r) => r.hp));
  if (widths.size === 1) return `${c.rows.length} × ${c.rows[0]!.hp} HP`;
  return c.rows.map((r) => `${r.hp} HP`).join(' + ');
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago" from an ISO date (or Date); "just now" under a minute. */
export function timeAgo(when: string | Date, now = Date.now()): string {
  const seconds = Math.round((new Date(when).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}
