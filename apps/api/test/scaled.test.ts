import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killHard, runCollabProcess, type CollabProcess } from '@patchroom/collab/testing';
import { addModule, listModules, listPatches, withOrigin } from '@patchroom/doc-model';
import { afterEach, describe, expect, it } from 'vitest';
import { signUpPerson } from './helpers.ts';
import { joinRoom, waitFor, type RoomClient } from './room-client.ts';

// The scaled deployment of docker-compose.yml, as processes: an api tier without sockets
// (apps/api/src/main.ts, SERVE_COLLAB=0) and two collab processes (apps/collab/src/main.ts), on
// one PostgreSQL and one Redis. Docker is not available here; these are the same entry points.
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const apiDir = fileURLToPath(new URL('..', import.meta.url));
const stops: (() => unknown)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!();
});

describe.skipIf(!databaseUrl || !redisUrl)('the scaled deployment (api tier + two collab processes on Redis)', () => {
  it('writes generated patches through the api tier into a room two collab processes serve', async () => {
    const [api, east, west] = await Promise.all([startApiTier(), startCollabTier('east'), startCollabTier('west')]);
    const ada = await signUpPerson(api, 'Ada');
    const bea = await signUpPerson(api, 'Bea');
    const { id } = await ada.client.racks.create.mutate({ name: 'Scaled', caseId: 'doepfer-a100-lc9' });
    await ada.client.racks.share.mutate({ id, email: bea.email, role: 'editor' });
    const adaRoom = join(east, id, ada.token);
    const beaRoom = join(west, id, bea.token);
    await Promise.all([adaRoom.synced, beaRoom.synced]);

    const pick = async (type: string) => (await ada.client.catalog.modules.query({ type })).items[0]!;
    const modules = await Promise.all(['oscillator', 'filter', 'vca', 'envelope', 'output'].map(pick));
    withOrigin(adaRoom.doc, 'ada', () => {
      for (const m of modules) addModule(adaRoom.doc, { catalogId: m.id, widthHp: m.hp });
    });
    await waitFor(() => listModules(beaRoom.doc).length === modules.length, 'Bea, on west, sees Ada’s modules placed on east');

    const result = await bea.client.generation.patches.mutate({ rackId: id, seed: 'scaled-1', count: 2 });
    const generated = result.patches.map((p) => p.id);
    for (const room of [adaRoom, beaRoom]) {
      await waitFor(() => generated.every((p) => listPatches(room.doc).some((q) => q.id === p)), 'the generated patches on both collab processes');
    }
    expect(result.patches.some((p) => p.cables > 0)).toBe(true);
  }, 90_000);
});

function join(collabUrl: string, rackId: string, token: string): RoomClient {
  const client = joinRoom(collabUrl, rackId, token);
  stops.push(() => client.close());
  return client;
}

/** A collab process; resolves with its http:// base (joinRoom adds /collab). */
async function startCollabTier(name: string): Promise<string> {
  const collab: CollabProcess = runCollabProcess({ PORT: '0', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, COLLAB_INSTANCE: name, LOG_LEVEL: 'info' });
  stops.push(() => killHard(collab));
  return `http://127.0.0.1:${await collab.port()}`;
}

/** The api tier: tRPC over HTTP, no sockets, no web client; writes into rooms through Redis. */
async function startApiTier(): Promise<{ url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      SERVE_COLLAB: '0',
      SERVE_WEB: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_NAMESPACE: `patchroom-scaled-test-${process.pid}-${Date.now()}`,
    },
  });
  stops.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the api tier did not start:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Patchroom ready at http:\/\/localhost:(\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the api tier exited with ${code}:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}` };
}
