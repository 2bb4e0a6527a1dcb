import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';

/** Takes a publication out of the feed and profiles (its snapshot is kept, unlisted). */
export function UnpublishButton({ publicationId, onDone }: { publicationId: string; onDone?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const unpublish = useMutation(
    trpc.publications.unpublish.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.publications.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.feed.list.pathKey() });
        onDone?.();
      },
    }),
  );
  return (
    <span>
      <button type="button" className="button ghost small" disabled={unpublish.isPending} onClick={() => unpublish.mutate({ id: publicationId })}>
        Unpublish
      </button>
      {unpublish.error ? (
        <span role="alert" className="field-error">
          {describeError(unpublish.error).message}
        </span>
      ) : null}
    </span>
  );
}
