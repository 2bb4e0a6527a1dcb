import type { UpdateLog } from './update-log.ts';

interface RoomTail {
  pending: number;
  /** Settles after the room's newest append: true once committed, false if it never will be. */
  tail: Promise<boolean>;
}

/**
 * The log seen room by room: what each room still waits for, and how many of its updates are
 * logged but not yet folded into its snapshot (compaction runs once that reaches a threshold).
 */
export class RoomLog {
  private readonly tails = new Map<string, RoomTail>();
  private readonly unfolded = new Map<string, number>();
  private unfoldedTotal = 0;

  constructor(
    private readonly log: UpdateLog,
    private readonly compactAfter: number,
    private readonly onCompactionDue: (documentName: string) => void,
  ) {}

  /** Appends one update of the room; resolves once it is committed. */
  append(documentName: string, update: Uint8Array): Promise<void> {
    const appended = this.log.append(documentName, update);
    const room = this.tails.get(documentName) ?? { pending: 0, tail: Promise.resolve(true) };
    room.pending += 1;
    room.tail = appended.then(
      () => true,
      () => false,
    );
    this.tails.set(documentName, room);
    void room.tail.then(() => {
      room.pending -= 1;
      if (room.pending === 0 && this.tails.get(documentName) === room) this.tails.delete(documentName);
    });
    return appended;
  }

  /**
   * Settles once every update appended for the room so far is committed (true) or can no longer
   * be (false). Null when nothing is pending. Batches commit in order, so the newest is enough.
   */
  settled(documentName: string): Promise<boolean> | null {
    return this.tails.get(documentName)?.tail ?? null;
  }

  /** Called by the log after each commit. */
  committed(rooms: Map<string, number>): void {
    for (const [documentName, count] of rooms) {
      const unfolded = (this.unfolded.get(documentName) ?? 0) + count;
      this.unfolded.set(documentName, unfolded);
      this.unfoldedTotal += count;
      // Once per threshold crossed: a compaction that fails is asked for again one threshold later.
      if (Math.floor(unfolded / this.compactAfter) > Math.floor((unfolded - count) / this.compactAfter)) {
        this.onCompactionDue(documentName);
      }
    }
  }

  /** A compaction folded `count` logged updates of the room into its snapshot. */
  folded(documentName: string, count: number): void {
    const before = this.unfolded.get(documentName) ?? 0;
    // Compaction may also fold updates other processes logged: never count below zero.
    const after = Math.max(0, before - count);
    this.unfoldedTotal -= before - after;
    if (after === 0) this.unfolded.delete(documentName);
    else this.unfolded.set(documentName, after);
  }

  get unfoldedUpdates(): number {
    return this.unfoldedTotal;
  }

  get overloaded(): boolean {
    return this.log.overloaded;
  }

  get queued(): number {
    return this.log.length;
  }
}
