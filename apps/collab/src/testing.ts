// Test and bench support of @patchroom/collab: a collab on its own loopback HTTP server
// (ephemeral port), mounted the way the api and main.ts mount it; and the standalone collab
// process (src/main.ts) as a child, for fault tests that kill it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createCollab, type Collab, type CollabOptions } from './server.ts';

export interface RunningCollab {
  collab: Collab;
  /** ws:// URL of the collab endpoint. */
  url: string;
  /** Closes the collab (gracefully: the log is committed, rooms compacted), then the server. */
  close(): Promise<void>;
}

export async function serveCollabOnLoopback(options: CollabOptions): Promise<RunningCollab> {
  const collab = await createCollab(options);
  const server = createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head: Buffer) => {
    if (request.url?.startsWith('/collab')) collab.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    collab,
    url: `ws://127.0.0.1:${port}/collab`,
    close() {
      closing ??= (async () => {
        await collab.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

// The scaled deployment runs `node --import tsx src/main.ts` per collab process.
const appDir = fileURLToPath(new URL('..', import.meta.url));

export interface CollabProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves with the port once the process logs that it listens. */
  port(): Promise<number>;
}

export function runCollabProcess(env: Record<string, string | undefined>): CollabProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited, port: () => listeningPort(child, () => output) };
}

async function listeningPort(child: ChildProcessWithoutNullStreams, output: () => string): Promise<number> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const line of output().split('\n')) {
      if (!line.includes('collab listening')) continue;
      return (JSON.parse(line) as { port: number }).port;
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`collab did not start:\n${output()}`);
}

/** SIGKILL, and wait until the process is gone. */
export async function killHard(process: CollabProcess): Promise<void> {
  if (process.child.exitCode !== null || process.child.signalCode !== null) return;
  process.child.kill('SIGKILL');
  await process.exited;
}
