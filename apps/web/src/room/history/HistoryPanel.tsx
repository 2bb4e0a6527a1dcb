import type { CatalogModule } from '@patchroom/engine';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/errors.ts';
import { useTRPC } from '../../api/trpc.ts';
import { Field } from '../../ui/Field.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { LoadingPanel } from '../../ui/Spinner.tsx';

interface HistoryPanelProps {
  rackId: string;
  /** Editors and owners may save checkpoints and restore; viewers only browse. */
  canEdit: boolean;
  catalog: ReadonlyMap<string, CatalogModule>;
}

/**
 * The rack's versions: save a named checkpoint, look at an earlier state (read-only), and bring
 * it back as a new change everyone in the room receives. Loaded only when opened.
 */
export default function HistoryPanel({ rackId, canEdit, catalog }: HistoryPanelProps) {
  const trpc = useTRPC();
  const [previewId, setPreviewId] = useState<string | null>(null);
  const versions = useInfiniteQuery(
    trpc.history.list.infiniteQueryOptions({ rackId }, { getNextPageParam: (page) => page.nextCursor, initialCursor: null }),
  );
  const items = versions.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <aside className="history-panel" aria-label="History">
      <h2 className="notes-title">History</h2>
      {canEdit ? <SaveCheckpointForm rackId={rackId} /> : null}
      {versions.isPending ? <LoadingPanel label="Loading versions…" /> : null}
      {versions.error ? <FormError message={describeError(versions.error).message} /> : null}
      {versions.data && items.length === 0 ? <p className="muted">No versions yet. Saved checkpoints and automatic ones appear here.</p> : null}
      <ol className="history-list">
        {items.map((v) => (
          <li key={v.id} className={v.id === previewId ? 'history-item selected' : 'history-item'}>
            <button type="button" className="history-open" aria-pressed={v.id === previewId} onClick={() => setPreviewId(v.id === previewId ? null : v.id)}>
              <span className="history-name">{v.name}</span>
              <span className="history-meta">
                {v.automatic ? 'Automatic' : (v.author ?? 'Someone')} · <time dateTime={v.createdAt}>{new Date(v.createdAt).toLocaleString()}</time>
              </span>
            </button>
          </li>
        ))}
      </ol>
      {versions.hasNextPage ? (
        <button type="button" className="button ghost small" disabled={versions.isFetchingNextPage} onClick={() => void versions.fetchNextPage()}>
          {versions.isFetchingNextPage ? 'Loading…' : 'Show older versions'}
        </button>
      ) : null}
      <p className="muted history-retention">Automatic versions: every 10 minutes of editing for two days, then one a day, then one a week. Named checkpoints stay.</p>
      {previewId ? <VersionPreview key={previewId} checkpointId={previewId} canRestore={canEdit} catalog={catalog} onClose={() => setPreviewId(null)} /> : null}
    </aside>
  );
}

function SaveCheckpointForm({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.history.checkpoint.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.history.list.pathKey() }),
    }),
  );
  const error = save.error ? describeError(save.error, ['name']) : null;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    save.mutate({ rackId, name: String(new FormData(form).get('name')) }, { onSuccess: () => form.reset() });
  }
  return (
    <form className="stack history-save" onSubmit={onSubmit} noValidate>
      <Field label="Checkpoint name" name="name" maxLength={80} placeholder="e.g. Before the gig" required error={error?.fields.name} />
      <FormError message={error && !error.fields.name ? error.message : null} />
      <button type="submit" className="button small" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save checkpoint'}
      </button>
    </form>
  );
}

interface PreviewProps {
  checkpointId: string;
  canRestore: boolean;
  catalog: ReadonlyMap<string, CatalogModule>;
  onClose(): void;
}

/** An earlier state, read-only: what was in the rack, its patches, patterns and notes. */
function VersionPreview({ checkpointId, canRestore, catalog, onClose }: PreviewProps) {
  const trpc = useTRPC();
  const version = useQuery(trpc.history.get.queryOptions({ checkpointId }));
  if (version.isPending) return <LoadingPanel label="Loading this version…" />;
  if (version.error) return <FormError message={describeError(version.error).message} />;
  const { checkpoint, snapshot } = version.data;
  const placed = snapshot.modules.filter((m) => !m.parked);
  const label = (catalogId: string) => {
    const m = catalog.get(catalogId);
    return m ? `${m.manufacturer} ${m.name}` : catalogId;
  };
  return (
    <section className="history-preview" aria-label={`Version “${checkpoint.name}” (read-only)`}>
      <h3 className="notes-subtitle">
        {checkpoint.name} <span className="badge view-only">Read-only</span>
      </h3>
      <p className="history-meta">
        <time dateTime={checkpoint.createdAt}>{new Date(checkpoint.createdAt).toLocaleString()}</time>
      </p>
      <h4>Modules ({placed.length})</h4>
      <ul className="history-modules">
        {placed.map((m) => (
          <li key={m.id}>
            {label(m.catalogId)} <span className="muted">row {m.row + 1}, HP {m.hp}</span>
          </li>
        ))}
      </ul>
      <h4>Patches ({snapshot.patches.length})</h4>
      <ul>
        {snapshot.patches.map((p) => (
          <li key={p.id}>
            {p.name} <span className="muted">{p.cables.length} cables</span>
          </li>
        ))}
      </ul>
      <p>
        {snapshot.patterns.length} patterns{snapshot.notes ? ' · notes:' : ''}
      </p>
      {snapshot.notes ? <pre className="history-notes">{snapshot.notes}</pre> : null}
      <div className="history-actions">
        {canRestore ? <RestoreButton checkpointId={checkpointId} name={checkpoint.name} /> : null}
        <button type="button" className="button ghost small" onClick={onClose}>
          Close preview
        </button>
      </div>
    </section>
  );
}

/** Restoring needs a second, explicit click: everyone in the room sees the rack change. */
function RestoreButton({ checkpointId, name }: { checkpointId: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const restore = useMutation(
    trpc.history.restore.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.history.list.pathKey() }),
      onSettled: () => setConfirming(false),
    }),
  );
  if (restore.isSuccess) {
    return (
      <p role="status" className="form-success">
        {restore.data.restored ? 'Restored. The state before was saved as a version too.' : 'The rack already looks like this version.'}
      </p>
    );
  }
  return (
    <div className="stack">
      {confirming ? (
        <div role="group" aria-label="Confirm restore" className="history-confirm">
          <p>Bring the whole rack back to “{name}”? Everyone in the room will see the change. The current state is kept as a version.</p>
          <button type="button" className="button primary small" disabled={restore.isPending} onClick={() => restore.mutate({ checkpointId })}>
            {restore.isPending ? 'Restoring…' : 'Yes, restore'}
          </button>
          <button type="button" className="button ghost small" disabled={restore.isPending} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button small" onClick={() => setConfirming(true)}>
          Restore this version
        </button>
      )}
      <FormError message={restore.error ? describeError(restore.error).message : null} />
    </div>
  );
}
