import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, listModules } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cleanup, makeTestRack, openSyncedClient, storedRoom, waitForSaved } from './helpers.ts';

// The scaled deployment runs `node --import tsx src/main.ts` per collab process.
const appDir = fileURLToPath(new URL('..', import.meta.url));
const databaseUrl = process.env.DATABASE_URL;
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

interface Running {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function runMain(env: Record<string, string | undefined>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('the standalone collab process', () => {
  it('refuses to start without DATABASE_URL, saying why', async () => {
    const main = runMain({ PORT: '0' });

    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('DATABASE_URL is required');
  });

  describe.skipIf(!databaseUrl)('with PostgreSQL', () => {
    let db: Database;
    beforeAll(async () => {
      db = await openTestDatabase();
    });
    afterAll(() => db?.close());

    it('answers /health, serves rooms under /collab and stores them on SIGTERM', async () => {
      const rack = await makeTestRack(db);
      const main = runMain({ PORT: '0', DATABASE_URL: databaseUrl, REDIS_URL: process.env.REDIS_URL });
      cleanup.add(main, (m) => m.child.exitCode === null && m.child.kill('SIGKILL'));
      const port = await listeningPort(main);

      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const client = cleanup.add(
        await openSyncedClient(`ws://127.0.0.1:${port}/collab`, rack.documentName, rack.editor.token),
        (c) => c.destroy(),
      );
      const placed = addModule(client.doc, { catalogId: 'test-vco', widthHp: 10 });
      await waitForSaved(client);

      main.child.kill('SIGTERM');

      expect(await main.exited).toBe(0);
      expect(listModules(await storedRoom(db, rack.documentName))).toEqual([placed]);
    });
  });
});

async function listeningPort(main: Running): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const line of main.output().split('\n')) {
      if (!line.includes('collab listening')) continue;
      return (JSON.parse(line) as { port: number }).port;
    }
    if (main.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`collab did not start:\n${main.output()}`);
}
