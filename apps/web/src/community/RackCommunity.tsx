import { listPatches } from '@patchroom/doc-model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type * as Y from 'yjs';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { FormError } from '../ui/FormError.tsx';
import './community.css';
import { ForkButton } from './ForkButton.tsx';
import { UnpublishButton } from './UnpublishButton.tsx';

interface RackInfo {
  id: string;
  name: string;
  visibility: string;
  role: 'owner' | 'editor' | 'viewer';
}

/** "Forked from X" and "Forks: …" under the rack's name. */
export function RackLineage({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const lineage = useQuery(trpc.racks.lineage.queryOptions({ id: rackId }));
  const l = lineage.data;
  if (!l || (!l.forkedFrom && l.forks.length === 0 && l.privateForks === 0)) return null;
  return (
    <span className="lineage" aria-label="Lineage">
      {l.forkedFrom ? (
        <span>
          Forked from{' '}
          {l.forkedFrom.private ? 'a private rack' : <Link href={`/racks/${encodeURIComponent(l.forkedFrom.id)}`}>{l.forkedFrom.name}</Link>}
        </span>
      ) : null}
      {l.forks.length + l.privateForks > 0 ? (
        <span>
          Forks:{' '}
          {l.forks.map((f, i) => (
            <span key={f.id}>
              {i > 0 ? ', ' : null}
              <Link href={`/racks/${encodeURIComponent(f.id)}`}>{f.name}</Link> by {f.owner.displayName}
            </span>
          ))}
          {l.privateForks > 0 ? `${l.forks.length > 0 ? ', ' : ''}${l.privateForks} private` : null}
        </span>
      ) : null}
    </span>
  );
}

/** The room bar's community tools: fork, and for owners and editors publish / unpublish. */
export function RackCommunityTools({ rack, doc }: { rack: RackInfo; doc: Y.Doc | null }) {
  return (
    <>
      <ForkButton rackId={rack.id} className="button ghost small" />
      {rack.role !== 'viewer' ? <PublishPanel rack={rack} doc={doc} /> : null}
    </>
  );
}

function PublishPanel({ rack, doc }: { rack: RackInfo; doc: Y.Doc | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const panelId = useId();
  const titleId = useId();
  const whatId = useId();
  const [open, setOpen] = useState(false);
  const publications = useQuery(trpc.publications.forRack.queryOptions({ rackId: rack.id }, { enabled: open }));
  const publish = useMutation(
    trpc.publications.publish.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.publications.forRack.queryKey({ rackId: rack.id }) });
        void queryClient.invalidateQueries({ queryKey: trpc.racks.get.queryKey({ id: rack.id }) });
        void queryClient.invalidateQueries({ queryKey: trpc.feed.list.pathKey() });
      },
    }),
  );
  const error = publish.error ? describeError(publish.error, ['title']) : null;
  const isPrivate = rack.visibility !== 'public';
  const blocked = isPrivate && rack.role !== 'owner';
  const patches = doc ? listPatches(doc) : [];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const what = String(form.get('what') ?? '');
    publish.mutate({ rackId: rack.id, title: String(form.get('title') ?? ''), ...(what ? { patchId: what } : {}) });
  }

  return (
    <div className="share">
      <button type="button" className="button ghost small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        Publish
      </button>
      {open ? (
        <form id={panelId} className="share-panel" onSubmit={onSubmit} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} aria-label="Publish to the feed">
          <div className="field">
            <label htmlFor={titleId}>Title</label>
            <input id={titleId} name="title" defaultValue={rack.name} maxLength={120} required autoFocus />
            {error?.fields.title ? <p className="field-error">{error.fields.title}</p> : null}
          </div>
          <div className="field">
            <label htmlFor={whatId}>What to publish</label>
            <select id={whatId} name="what" defaultValue="">
              <option value="">The whole rack</option>
              {patches.map((p) => (
                <option key={p.id} value={p.id}>
                  Patch: {p.name}
                </option>
              ))}
            </select>
          </div>
          {isPrivate ? (
            <p className="rack-card-meta">
              {blocked ? 'This rack is private: only its owner can publish it.' : 'Publishing makes this rack public: anyone can view it and fork it; only members edit.'}
            </p>
          ) : null}
          <button type="submit" className="button primary" disabled={publish.isPending || blocked}>
            {publish.isPending ? 'Publishing…' : 'Publish'}
          </button>
          <FormError message={error?.message} />
          {publish.data ? (
            <p role="status" className="share-done">
              Published. <Link href={`/p/${encodeURIComponent(publish.data.id)}`}>See it in the feed</Link>
            </p>
          ) : null}
          {publications.data && publications.data.length > 0 ? (
            <ul className="published-list" aria-label="Published from this rack">
              {publications.data.map((p) => (
                <li key={p.id}>
                  <Link href={`/p/${encodeURIComponent(p.id)}`}>{p.title}</Link> <UnpublishButton publicationId={p.id} />
                </li>
              ))}
            </ul>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
