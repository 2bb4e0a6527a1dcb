// Web Audio API types (types only: the engine takes any BaseAudioContext and uses no DOM-only API).
/// <reference lib="dom" />
// Public shapes of the audio engine: a rack's active patch as plain data in, a Web Audio graph out.
import type { CatalogModule } from '../racks/catalog-types.ts';

export interface SoundJackRef {
  moduleId: string;
  jackId: string;
}

/** One module of the rack with its catalog entry and the active patch's knob values (by control id). */
export interface SoundModule {
  id: string;
  catalog: CatalogModule;
  knobs: Readonly<Record<string, number>>;
}

export interface SoundCable {
  id: string;
  from: SoundJackRef;
  to: SoundJackRef;
}

/** The active patch of a rack as the engine plays it. */
export interface SoundRack {
  modules: SoundModule[];
  cables: SoundCable[];
}

/** One step of a sequencer track, on the audio context's clock. */
export interface NoteEvent {
  /** The module input the track drives; null (an unassigned track) plays nothing. */
  target: { moduleId: string; jackId: string } | null;
  /** Context time (seconds) of the onset. */
  atSeconds: number;
  durationSeconds: number;
  /** 0..1 */
  velocity: number;
  /** MIDI note number (60 = C4 = 0 V on a 1 V/oct input). */
  pitch: number;
}

export interface RackSound {
  /** Applies a new state of the patch: reuses nodes, ramps parameters, re-patches only changed cables. */
  update(rack: SoundRack): void;
  playNote(note: NoteEvent): void;
  /** Stereo output after the limiter; connect it to the context's destination. */
  readonly output: AudioNode;
  dispose(): void;
}
