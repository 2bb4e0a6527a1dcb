/** The name a new patch starts with: "Patch N", the first number no patch of the rack uses. */
export function nextPatchName(existing: readonly { name: string }[]): string {
  const used = new Set(existing.map((p) => p.name.trim().toLowerCase()));
  for (let n = existing.length + 1; ; n++) {
    const name = `Patch ${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}
