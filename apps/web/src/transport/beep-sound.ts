// The sound of a step when the rack has none of its own: a short sine blip at the step's pitch,
// loud as its velocity. Same shape as the rack sound's playNote, so the scheduler needs no cases.
export interface NoteToPlay {
  target: { moduleId: string; jackId: string } | null;
  atSeconds: number;
  durationSeconds: number;
  /** 0–1 */
  velocity: number;
  /** MIDI note number */
  pitch: number;
}

export interface StepSound {
  playNote(note: NoteToPlay): void;
  dispose(): void;
}

export function createBeepSound(context: AudioContext): StepSound {
  const out = context.createGain();
  out.gain.value = 0.2;
  out.connect(context.destination);
  return {
    playNote({ atSeconds, durationSeconds, velocity, pitch }) {
      const osc = context.createOscillator();
      const env = context.createGain();
      osc.frequency.value = 440 * 2 ** ((pitch - 69) / 12);
      const end = atSeconds + Math.max(0.02, durationSeconds);
      env.gain.setValueAtTime(0, atSeconds);
      env.gain.linearRampToValueAtTime(velocity, atSeconds + 0.003);
      env.gain.setTargetAtTime(0, end - 0.01, 0.01);
      osc.connect(env).connect(out);
      osc.start(atSeconds);
      osc.stop(end + 0.05);
      osc.onended = () => env.disconnect();
    },
    dispose() {
      out.disconnect();
    },
  };
}
