// Where the shared transport is now, for the step grid's playhead. The transport bar (loaded
// with the room) publishes the transport and the shared clock here; the grid (its own chunk)
// reads the current step on every animation frame while the transport plays, so everyone's
// playhead moves on the same shared-clock beat.
import { transportBeatAt, STEPS_PER_BEAT } from '@patchroom/engine';
import type { TransportState } from '@patchroom/doc-model';
import { useSyncExternalStore } from 'react';

interface Source {
  transport: TransportState;
  sharedNow: () => number;
}

let source: Source | null = null;
const listeners = new Set<() => void>();
let frame: number | null = null;

/** The transport bar tells us the transport and the clock (null when it goes away). */
export function publishTransport(next: Source | null): void {
  source = next;
  loop();
}

function loop(): void {
  listeners.forEach((l) => l());
  const wanted = source?.transport.playing === true && listeners.size > 0;
  if (wanted && frame === null) {
    frame = requestAnimationFrame(() => {
      frame = null;
      loop();
    });
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  loop();
  return () => {
    listeners.delete(listener);
  };
}

/** The step (0-based) of the pattern the transport is playing now; null when stopped or another pattern. */
export function currentStep(patternId: string, length: number): number | null {
  if (!source || !source.transport.playing || source.transport.patternId !== patternId) return null;
  const beat = transportBeatAt(source.transport, source.sharedNow());
  if (beat < 0) return null;
  const n = Math.floor(beat * STEPS_PER_BEAT);
  return n % length;
}

export function usePlayhead(patternId: string, length: number): number | null {
  return useSyncExternalStore(subscribe, () => currentStep(patternId, length));
}
