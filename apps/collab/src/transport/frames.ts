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

export type FrameCheck = 'forward' | 'ignore' | 'malformed';

/** 'ignore' is a bare connection-level pong, which Hocuspocus 4.7's server cannot parse. */
export function checkFrame(data: Uint8Array): FrameCheck {
  if (data.length === 1 && data[0] === MESSAGE.pong) return 'ignore';
  try {
    const reader = new Reader(data);
    reader.string(); // document name (validated by onAuthenticate)
    const valid = checkBody(reader, reader.uint());
    return valid && reader.done() ? 'forward' : 'malformed';
  } catch {
    return 'malformed';
  }
}

function checkBody(reader: Reader, type: number): boolean {
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

function checkSync(reader: Reader): boolean {
  const step = reader.uint();
  const payload = reader.bytes();
  if (step === SYNC.step1) {
    Y.decodeStateVector(payload);
    return true;
  }
  if (step === SYNC.step2 || step === SYNC.update) {
    Y.decodeUpdate(payload);
    return true;
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
