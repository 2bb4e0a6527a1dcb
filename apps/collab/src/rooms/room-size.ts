import * as Y from 'yjs';

/**
 * Keeps each room under a maximum encoded size. The size is tracked cheaply as an upper bound
 * (bytes loaded + bytes of every applied update, reset to the exact size by each compaction)
 * and measured exactly only when that bound says an update might not fit.
 */
export class RoomSizes {
  private readonly sizes = new WeakMap<Y.Doc, number>();

  constructor(readonly maxBytes: number) {}

  /** Starts tracking a freshly loaded room. */
  track(document: Y.Doc, loadedBytes: number): void {
    this.sizes.set(document, loadedBytes);
    document.on('update', (update: Uint8Array) => {
      this.sizes.set(document, (this.sizes.get(document) ?? 0) + update.byteLength);
    });
  }

  /** The exact size is known after a compaction encoded the whole room. */
  measured(document: Y.Doc, bytes: number): void {
    if (this.sizes.has(document)) this.sizes.set(document, bytes);
  }

  /** Whether applying an update of `updateBytes` could take the room past the limit. */
  wouldExceed(document: Y.Doc, updateBytes: number): boolean {
    const estimate = this.sizes.get(document);
    if (estimate === undefined || estimate + updateBytes <= this.maxBytes) return false;
    const exact = Y.encodeStateAsUpdate(document).byteLength;
    this.sizes.set(document, exact);
    return exact + updateBytes > this.maxBytes;
  }
}
