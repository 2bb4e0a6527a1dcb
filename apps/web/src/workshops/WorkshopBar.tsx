import './workshops.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import type { RoomWorkshopState } from '../room/connection.ts';

interface WorkshopBarProps {
  rackId: string;
  isOwner: boolean;
  /** What the collab server last announced (live); the api's answer fills in until it arrives. */
  live: RoomWorkshopState | null;
}

/**
 * The workshop strip under the room bar: the teacher's controls (code and link, lock, follow me,
 * hold the transport, copies, dashboard, end) or a student's banner (locked, held, following,
 * their copy).
 */
export function WorkshopBar({ rackId, isOwner, live }: WorkshopBarProps) {
  const trpc = useTRPC();
  const active = useQuery(trpc.workshops.forRack.queryOptions({ rackId }));
  const workshopId = active.data?.id ?? null;
  if (!workshopId) return isOwner && active.isSuccess ? <StartWorkshop rackId={rackId} /> : null;
  return <ActiveWorkshop workshopId={workshopId} live={live} />;
}

function StartWorkshop({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.workshops.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workshops.forRack.queryKey({ rackId }) }),
    }),
  );
  return (
    <div className="workshop-bar">
      <button type="button" className="button ghost small" disabled={create.isPending} onClick={() => create.mutate({ rackId })}>
        {create.isPending ? 'Starting…' : 'Start a workshop'}
      </button>
      {create.error ? <span role="alert">{describeError(create.error).message}</span> : null}
    </div>
  );
}

function ActiveWorkshop({ workshopId, live }: { workshopId: string; live: RoomWorkshopState | null }) {
  const trpc = useTRPC();
  // Students poll for their copy; the flags themselves arrive live through the room.
  const workshop = useQuery({ ...trpc.workshops.get.queryOptions({ id: workshopId }), refetchInterval: 3_000 });
  if (!workshop.data) return null;
  const w = workshop.data;
  const flags = live && live.id === w.id ? live : w;
  if (w.view === 'teacher') return <TeacherControls workshopId={w.id} code={w.code} students={w.students.length} flags={flags} />;
  return (
    <div className="workshop-bar workshop-student" aria-label="Workshop">
      <span>Workshop by {w.teacherName}</span>
      {flags.locked ? (
        <strong className="badge workshop-locked" role="status">
          Locked by teacher
        </strong>
      ) : null}
      {flags.transportHeld ? <span className="badge">Transport held by the teacher</span> : null}
      {flags.followTeacher ? <span className="badge">Following the teacher’s view</span> : null}
      {w.myCopyRackId ? (
        <Link className="button small" href={`/racks/${encodeURIComponent(w.myCopyRackId)}`}>
          Open my copy
        </Link>
      ) : null}
    </div>
  );
}

interface Flags {
  locked: boolean;
  transportHeld: boolean;
  followTeacher: boolean;
}

function TeacherControls({ workshopId, code, students, flags }: { workshopId: string; code: string; students: number; flags: Flags }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.workshops.get.queryKey({ id: workshopId }) });
  const lock = useMutation(trpc.workshops.lock.mutationOptions({ onSuccess: refresh }));
  const follow = useMutation(trpc.workshops.setFollowTeacher.mutationOptions({ onSuccess: refresh }));
  const hold = useMutation(trpc.workshops.holdTransport.mutationOptions({ onSuccess: refresh }));
  const copies = useMutation(trpc.workshops.distributeCopies.mutationOptions({ onSuccess: refresh }));
  const end = useMutation(
    trpc.workshops.end.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workshops.forRack.queryKey() }),
    }),
  );
  const [confirmEnd, setConfirmEnd] = useState(false);
  const link = `${window.location.origin}/w/${code}`;
  const failure = [lock, follow, hold, copies, end].find((m) => m.error)?.error;

  return (
    <div className="workshop-bar workshop-teacher" aria-label="Workshop controls">
      <span>
        Join code <strong data-testid="workshop-code">{code}</strong> · <a href={link}>{link}</a> · {students}{' '}
        {students === 1 ? 'student' : 'students'}
      </span>
      <Toggle pressed={flags.locked} busy={lock.isPending} onToggle={() => lock.mutate({ id: workshopId, locked: !flags.locked })} on="Unlock students" off="Lock students" />
      <Toggle
        pressed={flags.followTeacher}
        busy={follow.isPending}
        onToggle={() => follow.mutate({ id: workshopId, follow: !flags.followTeacher })}
        on="Stop follow me"
        off="Follow me"
      />
      <Toggle
        pressed={flags.transportHeld}
        busy={hold.isPending}
        onToggle={() => hold.mutate({ id: workshopId, held: !flags.transportHeld })}
        on="Release transport"
        off="Hold transport"
      />
      <button type="button" className="button small" disabled={copies.isPending} onClick={() => copies.mutate({ id: workshopId })}>
        {copies.isPending ? 'Making copies…' : 'Give everyone a copy'}
      </button>
      {copies.data ? <span role="status">{copies.data.created} new {copies.data.created === 1 ? 'copy' : 'copies'}</span> : null}
      <Link className="button ghost small" href={`/workshops/${encodeURIComponent(workshopId)}`}>
        Dashboard
      </Link>
      {confirmEnd ? (
        <span role="group" aria-label="End the workshop?">
          <button type="button" className="button danger small" disabled={end.isPending} onClick={() => end.mutate({ id: workshopId })}>
            Yes, end it
          </button>
          <button type="button" className="button ghost small" onClick={() => setConfirmEnd(false)}>
            Keep going
          </button>
        </span>
      ) : (
        <button type="button" className="button ghost small" onClick={() => setConfirmEnd(true)}>
          End workshop
        </button>
      )}
      {failure ? <span role="alert">{describeError(failure).message}</span> : null}
    </div>
  );
}

/** A teacher's on/off control: pressed while on, its label says what pressing it does. */
function Toggle({ pressed, busy, onToggle, on, off }: { pressed: boolean; busy: boolean; onToggle(): void; on: string; off: string }) {
  return (
    <button type="button" className="button small" aria-pressed={pressed} disabled={busy} onClick={onToggle}>
      {pressed ? on : off}
    </button>
  );
}
