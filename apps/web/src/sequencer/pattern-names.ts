import type { Pattern } from '@patchroom/doc-model';

/** "Pattern 3": the first such name not taken yet, counting on from the number of patterns. */
export function nextPatternName(patterns: readonly Pick<Pattern, 'name'>[]): string {
  const taken = new Set(patterns.map((p) => p.name));
  let n = patterns.length + 1;
  while (taken.has(`Pattern ${n}`)) n += 1;
  return `Pattern ${n}`;
}
