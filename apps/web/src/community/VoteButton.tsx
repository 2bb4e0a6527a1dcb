import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/session.ts';

/** A toggle button: pressed when you voted. Signed-out visitors see the count only. */
export function VoteButton({ publicationId, voteCount, votedByMe }: { publicationId: string; voteCount: number; votedByMe: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const toggle = useMutation(
    trpc.votes.toggle.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.feed.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.publications.get.queryKey({ id: publicationId }) });
      },
    }),
  );
  const voted = toggle.data ? toggle.data.voted : votedByMe;
  const count = toggle.data ? toggle.data.voteCount : voteCount;
  const label = `${count} ${count === 1 ? 'vote' : 'votes'}`;
  if (!user) return <span className="vote-count">▲ {label}</span>;
  return (
    <span className="vote">
      <button
        type="button"
        className={`button small vote-button${voted ? ' voted' : ''}`}
        aria-pressed={voted}
        // One name in both states (aria-pressed tells whether you voted); it holds the visible count,
        // outside parentheses, so speech input ("click vote 3") and WCAG 2.5.3 both match it.
        aria-label={`Vote, ${label}`}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate({ publicationId })}
      >
        ▲ {count}
      </button>
      {toggle.error ? (
        <span role="alert" className="field-error">
          {describeError(toggle.error).message}
        </span>
      ) : null}
    </span>
  );
}
