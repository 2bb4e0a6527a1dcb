import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/session.ts';
import { timeAgo } from '../racks/labels.ts';
import { FormError } from '../ui/FormError.tsx';
import { LoadingPanel } from '../ui/Spinner.tsx';

const MAX_COMMENT = 2000;

/** Comments are plain text: always rendered as React text nodes, never as HTML. */
export function Comments({ publicationId }: { publicationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const listKey = trpc.comments.list.queryKey({ publicationId });
  const comments = useQuery(trpc.comments.list.queryOptions({ publicationId }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: listKey });
  const remove = useMutation(trpc.comments.delete.mutationOptions({ onSuccess: refresh }));

  return (
    <section className="panel" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {comments.isPending ? <LoadingPanel label="Loading comments…" /> : null}
      {comments.error ? <FormError message={describeError(comments.error).message} /> : null}
      {comments.data?.length === 0 ? <p className="empty-state">No comments yet.</p> : null}
      <ol className="comment-list" aria-label="Comments">
        {comments.data?.map((c) => (
          <li key={c.id} className="comment">
            <div className="comment-meta">
              <Link href={`/u/${encodeURIComponent(c.author.id)}`}>{c.author.displayName}</Link> · {timeAgo(c.createdAt)}
              {c.canDelete ? (
                <button type="button" className="button ghost small" disabled={remove.isPending} onClick={() => remove.mutate({ id: c.id })}>
                  Delete
                </button>
              ) : null}
            </div>
            {c.deleted ? <p className="comment-deleted">Comment deleted.</p> : <p className="comment-body">{c.body}</p>}
          </li>
        ))}
      </ol>
      {remove.error ? <FormError message={describeError(remove.error).message} /> : null}
      {user ? <CommentForm publicationId={publicationId} onAdded={refresh} /> : <p>Log in to comment.</p>}
    </section>
  );
}

function CommentForm({ publicationId, onAdded }: { publicationId: string; onAdded: () => void }) {
  const trpc = useTRPC();
  const id = useId();
  const [body, setBody] = useState('');
  const add = useMutation(
    trpc.comments.add.mutationOptions({
      onSuccess: () => {
        setBody('');
        onAdded();
      },
    }),
  );
  const error = add.error ? describeError(add.error, ['body']) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim()) add.mutate({ publicationId, body });
  }

  return (
    <form className="comment-form" onSubmit={onSubmit} aria-label="Add a comment">
      <div className="field">
        <label htmlFor={id}>Your comment</label>
        <textarea id={id} name="body" rows={3} maxLength={MAX_COMMENT} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={`${id}-count`} />
        <span id={`${id}-count`} className="rack-card-meta">
          {body.length} / {MAX_COMMENT}
        </span>
        {error?.fields.body ? <p className="field-error">{error.fields.body}</p> : null}
      </div>
      <button type="submit" className="button primary small" disabled={add.isPending || !body.trim()}>
        {add.isPending ? 'Posting…' : 'Post comment'}
      </button>
      <FormError message={error?.message} />
    </form>
  );
}
