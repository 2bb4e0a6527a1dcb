/**
 * Compares ids by UTF-16 code units. Every replica must sort the same way, so no locale rules
 * (localeCompare depends on the machine's ICU data).
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedKeys(map: { keys(): IterableIterator<string> }): string[] {
  return [...map.keys()].sort(compareIds);
}
