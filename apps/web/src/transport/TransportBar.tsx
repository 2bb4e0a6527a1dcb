// The room's transport: play/stop, tempo, swing and pattern, shared by everyone in the room
// (they live in the document), the clock sync's status, and this browser's sound. Loaded
// lazily with the room; the AudioContext is made on the first click or key press (browsers
// allow sound only after a gesture).
import type { HocuspocusProvider } from '@hocuspocus/provider';
import {
  listPatterns,
  play,
  rackParts,
  readTransport,
  setPatternSwing,
  setTransportPattern,
  setTransportTempo,
  stop,
  type Pattern,
  type TransportState,
} from '@patchroom/doc-model';
import type { CatalogModule } from '@patchroom/engine';
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { NumberField } from '../sequencer/NumberField.tsx';
import { useRoomCatalog } from '../room/catalog.ts';
import { createRoomSound, type RoomSound } from './room-sound.ts';
import { publishTransport } from './playhead.ts';
import { createRoomClock, type RoomClock } from './room-clock.ts';
import { LookAheadScheduler } from './scheduler.ts';
import './transport.css';

/** Beat 0 falls this long after "Play": time for every listener to hear about it and schedule it. */
const LEAD_IN_MS = 400;

export interface TransportBarProps {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Viewers hear the transport and see it, but cannot start or change it. */
  readOnly: boolean;
}

interface TransportView {
  transport: TransportState;
  patterns: Pattern[];
}

function useTransportView(doc: Y.Doc): TransportView {
  const cache = useRef<TransportView | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const { transport, patterns } = rackParts(doc);
      const changed = () => {
        cache.current = null;
        onChange();
      };
      transport.observe(changed);
      patterns.observeDeep(changed);
      return () => {
        transport.unobserve(changed);
        patterns.unobserveDeep(changed);
      };
    },
    [doc],
  );
  const read = useCallback(() => (cache.current ??= { transport: readTransport(doc), patterns: listPatterns(doc) }), [doc]);
  return useSyncExternalStore(subscribe, read, read);
}

/** The room's clock sync, and a re-render when its estimate changes (at most twice a second). */
function useRoomClock(provider: HocuspocusProvider): RoomClock | null {
  const [clock, setClock] = useState<RoomClock | null>(null);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const next = createRoomClock(provider);
    setClock(next);
    let last = 0;
    const stopListening = next.onChange(() => {
      if (performance.now() - last < 500) return;
      last = performance.now();
      setVersion((v) => v + 1);
    });
    return () => {
      stopListening();
      next.dispose();
      setClock(null);
    };
  }, [provider]);
  return clock;
}

/** Runs work once the page is idle (soon at the latest), after what the user is waiting for has drawn. */
function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 500 });
  else setTimeout(work, 50);
}

interface RoomAudio {
  context: AudioContext;
  sound: RoomSound;
  scheduler: LookAheadScheduler;
}

/** The AudioContext, the sound and the scheduler: made on the first gesture in the page. */
function useRoomAudio(doc: Y.Doc, clock: RoomClock | null, catalog: ReadonlyMap<string, CatalogModule>) {
  const [audio, setAudio] = useState<RoomAudio | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const audioRef = useRef(audio);
  audioRef.current = audio;
  const catalogRef = useRef(catalog);
  catalogRef.current = catalog;
  // Catalog entries arrive after the room opens: the sound re-reads the rack with them.
  useEffect(() => audio?.sound.refresh(), [audio, catalog]);

  const starting = useRef(false);
  const unmounted = useRef(false);
  const unlock = useCallback(() => {
    const current = audioRef.current;
    if (current) {
      current.scheduler.update(); // wakes the audio if the transport plays
      return;
    }
    if (!clock || starting.current) return;
    let context: AudioContext;
    try {
      // Browsers let sound start only inside a gesture: the context is made and resumed here.
      context = new AudioContext({ latencyHint: 'interactive' });
      void context.resume();
    } catch (error) {
      console.error(error);
      setFailure('This browser could not start sound.');
      return;
    }
    starting.current = true;
    // Building a full rack's voices takes tens of milliseconds: not before the gesture's own frame.
    whenIdle(() => {
      starting.current = false;
      if (unmounted.current) {
        void context.close();
        return;
      }
      try {
        const sound = createRoomSound(context, doc, () => [...catalogRef.current.values()]);
        const scheduler = new LookAheadScheduler(doc, clock, context, sound);
        const made: RoomAudio = { context, scheduler, sound };
        audioRef.current = made;
        setAudio(made);
        scheduler.update();
      } catch (error) {
        console.error(error);
        void context.close();
        setFailure('This browser could not start sound.');
      }
    });
  }, [clock, doc]);

  useEffect(() => {
    // The first click or key press anywhere in the page unlocks sound.
    const onGesture = () => unlock();
    document.addEventListener('pointerdown', onGesture, true);
    document.addEventListener('keydown', onGesture, true);
    return () => {
      document.removeEventListener('pointerdown', onGesture, true);
      document.removeEventListener('keydown', onGesture, true);
    };
  }, [unlock]);

  useEffect(() => {
    if (!audio) return;
    const { transport } = rackParts(doc);
    const follow = () => audio.scheduler.update();
    transport.observe(follow);
    return () => transport.unobserve(follow);
  }, [audio, doc]);

  useEffect(() => {
    unmounted.current = false;
    return () => {
      unmounted.current = true;
      const current = audioRef.current;
      if (!current) return;
      current.scheduler.dispose();
      current.sound.dispose();
      void current.context.close();
    };
  }, []);
  return { audio, failure, unlock };
}

export function TransportBar({ doc, provider, readOnly }: TransportBarProps) {
  const { transport, patterns } = useTransportView(doc);
  const clock = useRoomClock(provider);
  const catalog = useRoomCatalog(doc);
  const { audio, failure, unlock } = useRoomAudio(doc, clock, catalog.modules);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const pattern = patterns.find((p) => p.id === transport.patternId) ?? null;
  const status = clock?.status();
  const synced = Boolean(clock?.synced());

  useEffect(() => {
    publishTransport(clock ? { transport, sharedNow: () => clock.sharedNow() } : null);
  }, [clock, transport]);
  useEffect(() => () => publishTransport(null), []);

  const change = (fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'That change could not be made.');
    }
  };
  const choosePattern = (patternId: string) =>
    change(() => {
      const chosen = patterns.find((p) => p.id === patternId);
      doc.transact(() => {
        setTransportPattern(doc, chosen?.id ?? null);
        if (chosen && !transport.playing) setTransportTempo(doc, chosen.bpm);
      });
    });
  const start = () => {
    unlock();
    if (!clock) return;
    change(() => {
      const patternId = pattern?.id ?? patterns[0]?.id;
      if (!patternId) throw new Error('Make a pattern in the sequencer first.');
      play(doc, { atMs: clock.sharedNow() + LEAD_IN_MS, patternId, bpm: pattern ? transport.bpm : undefined });
    });
  };
  const bpm = transport.pendingTempo?.bpm ?? transport.bpm;

  return (
    <div className="transport-bar" role="group" aria-label="Transport">
      {transport.playing ? (
        <button type="button" className="button small" disabled={readOnly} onClick={() => change(() => stop(doc))}>
          Stop
        </button>
      ) : (
        <button type="button" className="button small" disabled={readOnly || !synced} onClick={start}>
          Play
        </button>
      )}
      <div className="seq-field transport-pattern">
        <label htmlFor={`${id}-pattern`}>Transport pattern</label>
        <select
          id={`${id}-pattern`}
          value={transport.patternId ?? ''}
          disabled={readOnly || patterns.length === 0}
          onChange={(e) => choosePattern(e.target.value)}
        >
          <option value="">{patterns.length === 0 ? 'No patterns yet' : 'First pattern'}</option>
          {patterns.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <NumberField
        label="Transport BPM"
        value={bpm}
        min={40}
        max={300}
        step={0.1}
        disabled={readOnly}
        onCommit={(next) => change(() => setTransportTempo(doc, next, { nowMs: clock?.sharedNow() }))}
      />
      <NumberField
        label="Transport swing (%)"
        value={pattern?.swing ?? 0}
        min={0}
        max={100}
        disabled={readOnly || !pattern}
        onCommit={(next) => pattern && change(() => setPatternSwing(doc, pattern.id, next))}
      />
      <span className={`transport-sync${synced ? ' is-synced' : ''}`} role="status" data-testid="clock-sync-status">
        {synced && status?.uncertaintyMs !== null && status?.uncertaintyMs !== undefined
          ? `Synced ±${Math.max(0.1, status.uncertaintyMs).toFixed(1)} ms`
          : 'Syncing clock…'}
      </span>
      {audio ? null : (
        <button type="button" className="button ghost small" onClick={unlock}>
          Enable sound
        </button>
      )}
      {failure || error ? (
        <span role="alert" className="transport-error">
          {failure ?? error}
        </span>
      ) : null}
    </div>
  );
}

export default TransportBar;
