import { describe, expect, it } from 'vitest';
import { runKill9Trials } from './support/kill9.ts';

const databaseUrl = process.env.DATABASE_URL;

describe.skipIf(!databaseUrl)('kill -9 of the collab process mid-stream', () => {
  it('loses no acknowledged edit (3 trials, restarting the process each time)', async () => {
    const lines: string[] = [];
    const result = await runKill9Trials({ trials: 3, databaseUrl: databaseUrl!, log: (line) => lines.push(line) });

    expect(result.trials).toBe(3);
    // Every trial got edits acknowledged before the kill, or the test proves nothing.
    expect(result.acknowledged, lines.join('\n')).toBeGreaterThanOrEqual(3 * 5);
    expect(result.lost, lines.join('\n')).toBe(0);
  }, 90_000);
});
