// One colour per person, the same on every screen: derived from their user id, not chosen at
// random, so a collaborator keeps their colour across reloads and devices.

/** Distinct, saturated colours readable on both the light canvas and white labels. */
export const PRESENCE_COLORS = [
  '#e03131',
  '#1971c2',
  '#2f9e44',
  '#e8590c',
  '#9c36b5',
  '#0c8599',
  '#c2255c',
  '#5f3dc4',
  '#66a80f',
  '#d9480f',
] as const;

/** FNV-1a: tiny, stable across platforms, spreads similar ids apart. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function colorForUser(userId: string): string {
  return PRESENCE_COLORS[hashString(userId) % PRESENCE_COLORS.length]!;
}

/** Up to two letters for an avatar: "Ada Lovelace" → "AL", "ada" → "A". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [words[0]?.[0]];
  return letters.filter(Boolean).join('').toUpperCase() || '?';
}
