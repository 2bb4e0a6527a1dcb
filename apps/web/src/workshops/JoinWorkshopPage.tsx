import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/session.ts';
import { AppHeader } from '../ui/AppHeader.tsx';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { LoadingPanel } from '../ui/Spinner.tsx';

/** /w/:code — join a workshop with your account, or with a display name only (a guest). */
export default function JoinWorkshopPage({ code }: { code: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { user, isPending } = useSession();
  const lookup = useQuery({ ...trpc.workshops.lookup.queryOptions({ code }), retry: false });
  const join = useMutation(trpc.workshops.join.mutationOptions());
  const [name, setName] = useState('');
  const error = join.error ? describeError(join.error, ['displayName']) : null;

  function onJoin(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    join.mutate(
      { code, ...(user ? {} : { displayName: name }) },
      {
        onSuccess: async ({ rackId }) => {
          // A guest now has a session: the rest of the app must see it before the room opens.
          await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
          navigate(`/racks/${encodeURIComponent(rackId)}`);
        },
      },
    );
  }

  if (lookup.isPending || isPending) return <LoadingPanel label="Looking up the workshop…" />;
  return (
    <>
      <AppHeader />
      <main className="centered-page join-workshop">
        {lookup.error ? (
          <>
            <h1>Workshop not found</h1>
            <p role="alert">{describeError(lookup.error).message} Check the code with your teacher.</p>
          </>
        ) : (
          <section className="panel" aria-labelledby="join-title">
            <h1 id="join-title">Join “{lookup.data.rackName}”</h1>
            <p>A workshop by {lookup.data.teacherName}.</p>
            {user ? (
              <>
                <p>You will join as {user.displayName}.</p>
                <button type="button" className="button" disabled={join.isPending} onClick={() => onJoin()}>
                  {join.isPending ? 'Joining…' : 'Join the workshop'}
                </button>
              </>
            ) : (
              <form onSubmit={onJoin} noValidate>
                <Field
                  label="Your name"
                  name="displayName"
                  autoComplete="nickname"
                  maxLength={60}
                  required
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  error={error?.fields.displayName}
                />
                <button type="submit" className="button" disabled={join.isPending}>
                  {join.isPending ? 'Joining…' : 'Join the workshop'}
                </button>
                <p>
                  Have an account? <Link href={`/login?next=${encodeURIComponent(`/w/${code}`)}`}>Log in</Link> to keep your copy.
                </p>
              </form>
            )}
            {error ? <FormError message={error.message} /> : null}
          </section>
        )}
      </main>
    </>
  );
}
