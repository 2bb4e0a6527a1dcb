// Test and bench support of @patchroom/collab: a collab on its own loopback HTTP server
// (ephemeral port), mounted the way the api and main.ts mount it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
