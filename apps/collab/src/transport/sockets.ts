import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { CLOSE, type CloseReason } from './close-reasons.ts';
import { checkFrame } from './frames.ts';
import { TokenBucket } from './rate-limit.ts';

export interface SocketPolicy {
  /** Larger WebSocket messages close the socket (1009, by `ws`). */
  maxMessageBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
  /** Why an update for this room must not even reach Hocuspocus, or null to let it through. */
  refuseUpdate(documentName: string, update: Uint8Array): CloseReason | null;
  /** Every socket this layer closes on its own, for metrics. */
  onClosed(why: CloseReason): void;
}

export interface RoomSockets {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open WebSockets. */
  readonly count: number;
  /** Refuses new sockets and closes the open ones; resolves once all are closed. */
  close(): Promise<void>;
}

/**
 * Hands WebSockets to Hocuspocus. We use `ws` directly (Hocuspocus' own Server wraps crossws
 * around a server it creates itself), so the collab can live on any existing HTTP server.
 * Every frame is checked here before Hocuspocus sees it: rate, shape, and for updates whether
 * the room and the log can take them. A bad frame closes its own socket, nothing else.
 */
export function roomSockets(hocuspocus: Hocuspocus, logger: Logger, policy: SocketPolicy): RoomSockets {
  const server = new WebSocketServer({ noServer: true, maxPayload: policy.maxMessageBytes });
  let closing = false;

  function admit(socket: WebSocket, request: IncomingMessage): void {
    explainOversizeCloses(socket);
    const connection = hocuspocus.handleConnection(socket as WebSocketLike, toFetchRequest(request));
    const bucket = new TokenBucket(policy.messagesPerSecond, policy.messageBurst);
    const shut = (why: CloseReason, details: Record<string, unknown> = {}) => {
      logger.warn({ ...details, code: why.code, reason: why.reason }, 'closing a socket');
      policy.onClosed(why);
      socket.close(why.code, why.reason);
    };
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (!bucket.take()) return shut(CLOSE.tooManyMessages);
      const bytes = toBytes(data);
      const check = isBinary ? checkFrame(bytes) : ({ kind: 'malformed' } as const);
      if (check.kind === 'ignore') return;
      if (check.kind === 'malformed') return shut(CLOSE.malformed, { bytes: bytes.byteLength, binary: isBinary });
      if (check.update) {
        const refusal = policy.refuseUpdate(check.documentName, check.update);
        if (refusal) return shut(refusal, { documentName: check.documentName, bytes: check.update.byteLength });
      }
      connection.handleMessage(bytes);
    });
    socket.on('close', (code: number, reason: Buffer) => {
      connection.handleClose({ code, reason: reason.toString() });
    });
    socket.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself after an error (1009 for a message over maxPayload).
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        logger.warn({ code: CLOSE.messageTooLarge.code, limit: policy.maxMessageBytes }, 'closing a socket: message too large');
        policy.onClosed(CLOSE.messageTooLarge);
      } else {
        logger.warn({ err: error }, 'websocket error; socket closed');
      }
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
          webSocket.close(CLOSE.malformed.code, 'bad upgrade request');
        }
      });
    },

    get count() {
      return server.clients.size;
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
    socket.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
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

/**
 * `ws` closes a socket whose message is over maxPayload itself, with 1009 and no reason; the
 * client is told why, as for every other limit.
 */
function explainOversizeCloses(socket: WebSocket): void {
  const close = socket.close.bind(socket);
  socket.close = (code?: number, reason?: string | Buffer) =>
    close(code, reason ?? (code === CLOSE.messageTooLarge.code ? CLOSE.messageTooLarge.reason : undefined));
}
