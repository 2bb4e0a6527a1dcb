import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';

/** Copies the rack's current state into a new rack you own, then opens it. */
export function ForkButton({ rackId, className = 'button small' }: { rackId: string; className?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const fork = useMutation(
    trpc.racks.fork.mutationOptions({
      onSuccess: ({ id }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.racks.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.racks.lineage.queryKey({ id: rackId }) });
        navigate(`/racks/${encodeURIComponent(id)}`);
      },
    }),
  );
  return (
    <span className="fork">
      <button type="button" className={className} disabled={fork.isPending} onClick={() => fork.mutate({ id: rackId })}>
        {fork.isPending ? 'Forking…' : 'Fork'}
      </button>
      {fork.error ? (
        <span role="alert" className="field-error">
          {describeError(fork.error).message}
        </span>
      ) : null}
    </span>
  );
}
