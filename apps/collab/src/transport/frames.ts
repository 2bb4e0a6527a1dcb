import * as Y from 'yjs';

// Checks the shape of every frame a client sends before Hocuspocus sees it. Hocuspocus decodes
// frames lazily and reacts unevenly to garbage (sometimes a misleading "unauthorized" close,
// sometimes a silent queue). Checking up front lets the socket close once, with a clear reason.

/** Hocuspocus' message types (client → server). */
const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  syncReply: 4,
  stateless: 5,
  close: 7,
  pong: 10,
} as const;

const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** Hocuspocus' message types (server → client) that we look at on the way out. */
const SYNC_STATUS = 8;

export type FrameCheck =
  | { kind: 'forward'; documentName: string; /** The Yjs update a sync frame carries (Update, SyncStep2). */ update: Uint8Array | null }
  | { kind: 'ignore' }
  | { kind: 'malformed' };

const IGNORE: FrameCheck = { kind: 'ignore' };
const MALFORMED: FrameCheck = { kind: 'malformed' };

/** 'ignore' is a bare connection-level pong, which Hocuspocus 4.7's server cannot parse. */
export function checkFrame(data: Uint8Array): FrameCheck {
  if (data.length === 1 && data[0] === MESSAGE.pong) return IGNORE;
  try {
    const reader = new Reader(data);
    const address = reader.string(); // document name (validated by onAuthenticate)
    const body = checkBody(reader, reader.uint());
    if (body === false || !reader.done()) return MALFORMED;
    return { kind: 'forward', documentName: documentNameOfAddress(address), update: body === true ? null : body };
  } catch {
    return MALFORMED;
  }
}

/**
 * The update carried by a frame that already passed checkFrame (Hocuspocus hands hooks the
 * raw frame), or null when it carries none. Reads the envelope only: the update itself was
 * validated on arrival, and decoding it again for every frame cost a few percent of the
 * collab's CPU under load.
 */
export function updateOfFrame(data: Uint8Array): Uint8Array | null {
  try {
    const reader = new Reader(data);
    reader.skipBytes(); // address
    const type = reader.uint();
    if (type !== MESSAGE.sync && type !== MESSAGE.syncReply) return null;
    const step = reader.uint();
    return step === SYNC.step2 || step === SYNC.update ? reader.bytes() : null;
  } catch {
    return null;
  }
}

/**
 * Whether an outgoing frame is a SyncStatus (Hocuspocus' acknowledgement of a client's
 * update), and if so whether it says "applied". Null for every other message.
 */
export function readSyncStatus(data: Uint8Array): { applied: boolean } | null {
  try {
    const reader = new Reader(data);
    reader.skipBytes(); // address
    if (reader.uint() !== SYNC_STATUS) return null;
    return { applied: reader.uint() === 1 };
  } catch {
    return null;
  }
}

/** Session-aware providers address messages as `documentName\0sessionId`. */
function documentNameOfAddress(address: string): string {
  const separator = address.indexOf('\0');
  return separator === -1 ? address : address.slice(0, separator);
}

/** false: malformed; true: well formed, no update; bytes: well formed, carrying this update. */
function checkBody(reader: Reader, type: number): boolean | Uint8Array {
  switch (type) {
    case MESSAGE.sync:
    case MESSAGE.syncReply:
      return checkSync(reader);
    case MESSAGE.awareness:
      checkAwareness(reader.bytes());
      return true;
    case MESSAGE.auth:
      reader.uint();
      reader.string();
      if (!reader.done()) reader.string(); // provider version
      return true;
    case MESSAGE.stateless:
      reader.string();
      return true;
    case MESSAGE.queryAwareness:
    case MESSAGE.close:
      return true;
    default:
      return false;
  }
}

function checkSync(reader: Reader): boolean | Uint8Array {
  const step = reader.uint();
  const payload = reader.bytes();
  if (step === SYNC.step1) {
    Y.decodeStateVector(payload);
    return true;
  }
  if (step === SYNC.step2 || step === SYNC.update) {
    Y.decodeUpdate(payload);
    return payload;
  }
  return false;
}

function checkAwareness(update: Uint8Array): void {
  const reader = new Reader(update);
  const count = reader.uint();
  for (let i = 0; i < count; i += 1) {
    reader.uint(); // client id
    reader.uint(); // clock
    JSON.parse(reader.string());
  }
  if (!reader.done()) throw new Error('trailing bytes in awareness update');
}

/** lib0's variable-length encoding, read defensively (throws on anything out of bounds). */
class Reader {
  private position = 0;

  constructor(private readonly data: Uint8Array) {}

  done(): boolean {
    return this.position === this.data.length;
  }

  uint(): number {
    let value = 0;
    let multiplier = 1;
    for (;;) {
      const byte = this.data[this.position];
      if (byte === undefined) throw new Error('frame ends inside a number');
      this.position += 1;
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return value;
      multiplier *= 128;
      if (multiplier > Number.MAX_SAFE_INTEGER) throw new Error('number too large');
    }
  }

  skipBytes(): void {
    const length = this.uint();
    if (this.position + length > this.data.length) throw new Error('frame ends inside a byte array');
    this.position += length;
  }

  bytes(): Uint8Array {
    const length = this.uint();
    const end = this.position + length;
    if (end > this.data.length) throw new Error('frame ends inside a byte array');
    const slice = this.data.subarray(this.position, end);
    this.position = end;
    return slice;
  }

  string(): string {
    return utf8.decode(this.bytes());
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
