// The look-ahead scheduler: every ~25 ms (a Worker's timer) it asks the engine which steps of
// the transport's pattern fall in the next ~100 ms of the shared clock and hands them to the
// sound at their AudioContext times. The audio clock then plays them sample-accurately, so the
// timer's own jitter never reaches the ear.
import { getPattern, readTransport } from '@patchroom/doc-model';
import { eventsInWindow } from '@patchroom/engine';
import type * as Y from 'yjs';
import type { StepSound } from './beep-sound.ts';
import { audioClockPoint, contextTimeOf, machineTimeOf, sharedTimeOf, type RoomClock } from './room-clock.ts';

const LOOK_AHEAD_MS = 100;
/** A tick this late (a busy main thread) skips what it missed rather than play it late. */
const MAX_CATCH_UP_MS = 50;
const KEPT_ONSETS = 1_000;
/** After the transport stops, the audio runs this long (release tails) before it is suspended. */
const RELEASE_MS = 1_000;

/** One onset handed to the audio clock, as the test hook shows it. */
export interface ScheduledOnset {
  /** Beat from beat 0 of the transport (steps are quarter beats). */
  beat: number;
  bar: number;
  track: number;
  step: number;
  /** Shared-clock time of the onset, computed back from its context time through the clock mapping. */
  sharedMs: number;
  /** This machine's clock (ms since the epoch, no test skew) when the onset is heard. */
  machineMs: number;
  contextTime: number;
}

export interface TransportRuntimeView {
  scheduled: ScheduledOnset[];
  /** Onsets the scheduler could not hand over in time. */
  missed: number;
}

declare global {
  interface Window {
    /** Test hook (read-only use): what this page's scheduler has handed to the audio clock. */
    __patchroomTransport?: TransportRuntimeView;
  }
}

export class LookAheadScheduler {
  private readonly worker: Worker;
  private scheduledUntil: number | null = null;
  private running = false;
  private sleepTimer: ReturnType<typeof setTimeout> | null = null;
  readonly view: TransportRuntimeView = { scheduled: [], missed: 0 };

  constructor(
    private readonly doc: Y.Doc,
    private readonly clock: RoomClock,
    private readonly context: AudioContext,
    private readonly sound: StepSound,
  ) {
    this.worker = new Worker(new URL('./tick-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = () => this.tick();
    window.__patchroomTransport = this.view;
  }

  /**
   * Follows the shared transport: ticks while it plays. Call after every document change. The
   * audio itself runs only while the transport plays (and its release tails), so a full rack's
   * voices cost nothing while the room is being edited.
   */
  update(): void {
    const playing = readTransport(this.doc).playing;
    if (playing) this.wake();
    else this.sleepSoon();
    if (playing && !this.running) {
      this.running = true;
      this.scheduledUntil = null;
      this.worker.postMessage('start');
      this.tick();
    } else if (!playing && this.running) {
      this.running = false;
      this.worker.postMessage('stop');
    }
  }

  tick(): void {
    const transport = readTransport(this.doc);
    // A context still waking has no running clock to schedule against; the next tick catches up.
    if (!transport.playing || !this.clock.synced() || this.context.state !== 'running') return;
    const now = this.clock.sharedNow();
    const from = Math.max(this.scheduledUntil ?? now, now - MAX_CATCH_UP_MS);
    const to = now + LOOK_AHEAD_MS;
    if (to <= from) return;
    this.scheduledUntil = to;
    const pattern = transport.patternId ? getPattern(this.doc, transport.patternId) : null;
    const events = eventsInWindow(pattern, transport, from, to);
    if (events.length === 0) return;
    const point = audioClockPoint(this.context);
    for (const event of events) {
      const at = contextTimeOf(event.timeMs, this.clock, point);
      if (at < this.context.currentTime) {
        this.view.missed += 1;
        continue;
      }
      this.sound.playNote({
        target: event.target,
        atSeconds: at,
        durationSeconds: event.gateMs / 1000,
        velocity: event.velocity,
        pitch: event.pitch,
      });
      this.view.scheduled.push({
        beat: event.beat,
        bar: event.bar,
        track: event.track,
        step: event.step,
        sharedMs: sharedTimeOf(at, this.clock, point),
        machineMs: machineTimeOf(at, point),
        contextTime: at,
      });
    }
    if (this.view.scheduled.length > KEPT_ONSETS) this.view.scheduled.splice(0, this.view.scheduled.length - KEPT_ONSETS);
  }

  private wake(): void {
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.sleepTimer = null;
    if (this.context.state === 'suspended') void this.context.resume();
  }

  private sleepSoon(): void {
    if (this.sleepTimer || this.context.state !== 'running') return;
    this.sleepTimer = setTimeout(() => {
      this.sleepTimer = null;
      if (!readTransport(this.doc).playing) void this.context.suspend();
    }, RELEASE_MS);
  }

  dispose(): void {
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.worker.terminate();
    if (window.__patchroomTransport === this.view) delete window.__patchroomTransport;
  }
}
