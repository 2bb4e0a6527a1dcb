import { useEffect, useState } from 'react';
import type { RoomConnectionState } from './connection.ts';

interface Props {
  unavailable: NonNullable<RoomConnectionState['unavailable']>;
  /** What this browser's copy of the room allows meanwhile: nothing (none kept), looking, or editing. */
  localCopy: 'none' | 'view' | 'edit';
  onRetry: () => void;
}

/** The server is up but could not load the rack: say so, count down to the next try, offer one now. */
export function RoomUnavailable({ unavailable, localCopy, onRetry }: Props) {
  const seconds = useSecondsUntil(unavailable.retryAt);
  return (
    <div className="room-refusal room-unavailable">
      <p role="alert">
        The server could not load this rack just now. Nothing stored is lost{LOCAL_COPY[localCopy]}
      </p>
      {/* Not a live region: a screen reader would read the countdown out every second. */}
      <p className="room-unavailable-retry">
        {seconds === null ? 'Trying again…' : `Trying again in ${seconds} s.`}{' '}
        <button type="button" className="button small" onClick={onRetry} disabled={seconds === null}>
          Try again now
        </button>
      </p>
    </div>
  );
}

const LOCAL_COPY = {
  none: '.',
  view: '; you are looking at the copy on this device.',
  edit: '; you are looking at the copy on this device, and edits made here are kept until it loads.',
} as const;

function useSecondsUntil(at: number | null): number | null {
  const [seconds, setSeconds] = useState(() => secondsUntil(at));
  useEffect(() => {
    setSeconds(secondsUntil(at));
    if (at === null) return;
    const timer = setInterval(() => setSeconds(secondsUntil(at)), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return seconds;
}

function secondsUntil(at: number | null): number | null {
  return at === null ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
