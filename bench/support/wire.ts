// A lean Hocuspocus client for load generation: the provider's protocol (auth, sync, updates,
// SyncStatus acks) over `ws`, without the provider's event machinery, so one child process can
// drive hundreds of connections on a 2-core machine and still measure the server rather than
// itself. Browser-like clients (HocuspocusProvider) are in providers.ts.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

const MESSAGE = { sync: 0, auth: 2, syncReply: 4, syncStatus: 8 } as const;
const SYNC = { step1: 0, step2: 1, update: 2 } as const;
const AUTH = { token: 0, denied: 1, authenticated: 2 } as const;
/** Sent with the token, as the provider does; the server reads it from the auth message. */
const PROVIDER_VERSION = '4.8.0';

interface PendingAck {
  sentAt: number;
  resolve(latencyMs: number): void;
  reject(error: Error): void;
}

export interface WireClient {
  /** The client's replica: the room's state at connect plus its own edits. */
  readonly doc: Y.Doc;
  /** Milliseconds from opening the socket to holding the room's state with our sync acknowledged. */
  readonly connectMs: number;
  /** Sends one update; resolves with the milliseconds until the server acknowledged it. */
  send(update: Uint8Array): Promise<number>;
  /** Updates the server acknowledged so far. */
  acked(): number;
  /** Called for every update another client made, when it arrives (before it is applied). */
  onRemoteUpdate?: (update: Uint8Array) => void;
  close(): void;
}

export interface WireOptions {
  /** Apply other clients' updates to `doc` (off for load clients that only write). */
  applyRemote?: boolean;
  timeoutMs?: number;
}

export function connectWire(url: string, documentName: string, token: string, options: WireOptions = {}): Promise<WireClient> {
  const doc = new Y.Doc();
  const socket = new WebSocket(url);
  socket.binaryType = 'nodebuffer';
  const pending: PendingAck[] = [];
  const openedAt = performance.now();
  let acked = 0;
  let authenticated = false;
  let synced = false;
  let answeredServerStep1 = false;

  const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentName);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };

  const expectAck = (): Promise<number> =>
    new Promise((resolve, reject) => pending.push({ sentAt: performance.now(), resolve, reject }));

  const client: WireClient = {
    doc,
    connectMs: 0,
    send(update) {
      if (socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error(`socket closed (${documentName})`));
      const ack = expectAck();
      socket.send(frame((e) => writeSync(e, MESSAGE.sync, SYNC.update, update)));
      return ack;
    },
    acked: () => acked,
    close() {
      socket.terminate();
    },
  };

  return new Promise<WireClient>((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      for (const ack of pending.splice(0)) ack.reject(error);
      reject(error);
    };
    const timer = setTimeout(() => {
      socket.terminate();
      fail(new Error(`no sync with ${documentName} within ${options.timeoutMs ?? 20_000} ms`));
    }, options.timeoutMs ?? 20_000);
    const settleIfReady = () => {
      if (!authenticated || !synced || !answeredServerStep1 || pending.length > 0) return;
      clearTimeout(timer);
      (client as { connectMs: number }).connectMs = performance.now() - openedAt;
      resolve(client);
    };

    socket.on('open', () => {
      socket.send(frame((e) => {
        encoding.writeVarUint(e, MESSAGE.auth);
        encoding.writeVarUint(e, AUTH.token);
        encoding.writeVarString(e, token);
        encoding.writeVarString(e, PROVIDER_VERSION);
      }));
      socket.send(frame((e) => writeSync(e, MESSAGE.sync, SYNC.step1, Y.encodeStateVector(doc))));
    });

    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(data);
      decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE.syncStatus) {
        const applied = decoding.readVarUint(decoder) === 1;
        const ack = pending.shift();
        if (!ack) return;
        if (!applied) {
          ack.reject(new Error(`update not applied in ${documentName}`));
          return;
        }
        acked += 1;
        ack.resolve(performance.now() - ack.sentAt);
        settleIfReady();
      } else if (type === MESSAGE.auth) {
        const kind = decoding.readVarUint(decoder);
        if (kind === AUTH.denied) fail(new Error(`refused: ${decoding.readVarString(decoder)}`));
        if (kind === AUTH.authenticated) authenticated = true;
        settleIfReady();
      } else if (type === MESSAGE.sync || type === MESSAGE.syncReply) {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SYNC.step1) {
          // The server asks for what we have that it lacks; its SyncStatus answer is awaited like an edit's.
          void expectAck().catch(() => undefined);
          socket.send(frame((e) => writeSync(e, MESSAGE.sync, SYNC.step2, Y.encodeStateAsUpdate(doc, payload))));
          answeredServerStep1 = true;
        } else if (step === SYNC.step2) {
          Y.applyUpdate(doc, payload, 'server');
          synced = true;
        } else if (step === SYNC.update) {
          client.onRemoteUpdate?.(payload);
          if (options.applyRemote) Y.applyUpdate(doc, payload, 'server');
        }
        settleIfReady();
      }
    });

    socket.on('close', (code: number) => fail(new Error(`socket closed with ${code} (${documentName})`)));
    socket.on('error', (error: Error) => fail(error));
  });
}

function writeSync(encoder: encoding.Encoder, type: number, step: number, payload: Uint8Array): void {
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
}
