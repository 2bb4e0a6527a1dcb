import './workshops.css';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import * as Y from 'yjs';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { collabUrl, documentName } from '../room/connection.ts';
import { AppHeader } from '../ui/AppHeader.tsx';
import { LoadingPanel } from '../ui/Spinner.tsx';
import { RackPreview } from './RackPreview.tsx';

/** /workshops/:id — the teacher's dashboard: every student's copy, drawn live. */
export default function WorkshopDashboard({ workshopId }: { workshopId: string }) {
  const trpc = useTRPC();
  const workshop = useQuery(trpc.workshops.get.queryOptions({ id: workshopId }));
  const copies = useQuery({ ...trpc.workshops.listCopies.queryOptions({ id: workshopId }), refetchInterval: 5_000 });
  const socket = useSharedSocket();
  const error = workshop.error ?? copies.error;
  return (
    <>
      <AppHeader />
      <main className="workshop-dashboard">
        {error ? (
          <p role="alert">{describeError(error).message}</p>
        ) : !workshop.data || !copies.data ? (
          <LoadingPanel label="Loading the workshop…" />
        ) : (
          <>
            <h1>Workshop: {workshop.data.rackName}</h1>
            <p>
              Join code <strong>{workshop.data.code}</strong> · {workshop.data.students.length} students ·{' '}
              <Link href={`/racks/${encodeURIComponent(workshop.data.rackId)}`}>Back to the teacher’s rack</Link>
            </p>
            {copies.data.length === 0 ? (
              <p className="empty-state">No copies yet: use “Give everyone a copy” in the rack.</p>
            ) : (
              <ul className="copy-grid" aria-label="Students’ copies">
                {copies.data.map((copy) => (
                  <li key={copy.rackId} className="copy-card">
                    <h2>
                      {copy.displayName}
                      {copy.guest ? <span className="badge">guest</span> : null}
                    </h2>
                    {socket ? <LiveCopy socket={socket} rackId={copy.rackId} label={`${copy.displayName}’s copy`} /> : null}
                    <Link className="button small" href={`/racks/${encodeURIComponent(copy.rackId)}`}>
                      Open {copy.displayName}’s copy
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </main>
    </>
  );
}

/** One WebSocket for every preview (Hocuspocus multiplexes documents over it). */
function useSharedSocket(): HocuspocusProviderWebsocket | null {
  const [socket, setSocket] = useState<HocuspocusProviderWebsocket | null>(null);
  useEffect(() => {
    const created = new HocuspocusProviderWebsocket({ url: collabUrl() });
    setSocket(created);
    return () => {
      created.destroy();
      setSocket(null);
    };
  }, []);
  return socket;
}

function LiveCopy({ socket, rackId, label }: { socket: HocuspocusProviderWebsocket; rackId: string; label: string }) {
  const [doc, setDoc] = useState<Y.Doc | null>(null);
  useEffect(() => {
    const created = new Y.Doc();
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName(rackId), document: created, token: 'cookie' });
    provider.attach();
    setDoc(created);
    return () => {
      provider.destroy();
      created.destroy();
      setDoc(null);
    };
  }, [socket, rackId]);
  return doc ? <RackPreview doc={doc} label={label} /> : null;
}
