import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PatchroomServer {
  url: string;
  /** SIGTERM and wait for a clean exit (what a deploy or Ctrl+C does). */
  stop(): Promise<void>;
  /** Stop, then start again on the same port and data. */
  restart(): Promise<void>;
  /** Stop and remove the embedded data folder. */
  dispose(): Promise<void>;
}

let nextPort = 3400 + Math.floor(Math.random() * 400);

/** Starts the real server exactly as `npm start` does (one process: web, api, collab), over
 * PostgreSQL when DATABASE_URL is set and a fresh embedded PGlite folder otherwise. */
export async function startPatchroom(): Promise<PatchroomServer> {
  const port = nextPort++;
  const dataDir = mkdtempSync(join(tmpdir(), 'patchroom-e2e-'));
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', PATCHROOM_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test',
    // Counters of its own in the shared Redis: each server starts with fresh sign-up allowances.
    RATE_LIMIT_NAMESPACE: `patchroom-e2e-${process.pid}-${port}` };
  let child = await launch(env);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    stop,
    async restart() {
      await stop();
      child = await launch(env);
    },
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function launch(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Patchroom ready at')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
