import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { checkFrame } from './frames.ts';

/** WebSocket close codes this server sends on its own (the rest come from Hocuspocus). */
export const CLOSE = {
  goingAway: 1001,
  malformed: 1007,
  /** Sent by `ws` itself when a message exceeds maxPayload. */
  tooBig: 1009,
} as const;

export interface RoomSockets {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Refuses new sockets and closes the open ones; resolves once all are closed. */
  close(): Promise<void>;
}

/**
 * Hands WebSockets to Hocuspocus. We use `ws` directly (Hocuspocus' own Server wraps crossws
 * around a server it creates itself), so the collab can live on any existing HTTP server.
 */
export function roomSockets(hocuspocus: Hocuspocus, logger: Logger, maxMessageBytes: number): RoomSockets {
  const server = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  let closing = false;

  function admit(socket: WebSocket, request: IncomingMessage): void {
    const connection = hocuspocus.handleConnection(socket as WebSocketLike, toFetchRequest(request));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      const bytes = toBytes(data);
      const check = isBinary ? checkFrame(bytes) : 'malformed';
      if (check === 'forward') connection.handleMessage(bytes);
      if (check === 'malformed') {
        logger.warn({ bytes: bytes.byteLength, binary: isBinary }, 'malformed message; closing its socket');
        socket.close(CLOSE.malformed, 'malformed message');
      }
    });
    socket.on('close', (code: number, reason: Buffer) => {
      connection.handleClose({ code, reason: reason.toString() });
    });
    socket.on('error', (error: Error) => {
      // ws closes the socket itself after an error (e.g. 1009 for a message over maxPayload).
      logger.warn({ err: error }, 'websocket error; socket closed');
    });
  }

  return {
    handleUpgrade(request, socket, head) {
      if (closing) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      server.handleUpgrade(request, socket, head, (webSocket) => {
        try {
          admit(webSocket, request);
        } catch (error) {
          logger.warn({ err: error }, 'could not accept websocket');
          webSocket.close(CLOSE.malformed, 'bad upgrade request');
        }
      });
    },

    async close() {
      closing = true;
      await Promise.all([...server.clients].map((socket) => closeSocket(socket)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    // A peer that never answers the close handshake is cut off rather than awaited.
    const cutOff = setTimeout(() => socket.terminate(), 2_000);
    socket.once('close', () => {
      clearTimeout(cutOff);
      resolve();
    });
    socket.close(CLOSE.goingAway, 'server shutting down');
  });
}

/** Hocuspocus hooks read headers and query parameters from a Fetch API Request. */
function toFetchRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const host = request.headers.host ?? 'localhost';
  return new Request(new URL(request.url ?? '/', `http://${host}`), { headers });
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
