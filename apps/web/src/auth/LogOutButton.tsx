import { useMutation } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { useTRPC } from '../api/trpc.ts';
import { useReplaceSession } from './session.ts';

export function LogOutButton() {
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const replaceSession = useReplaceSession();
  const logOut = useMutation(
    trpc.auth.logOut.mutationOptions({
      // Even if the request fails the user asked to leave: forget the session locally too.
      onSettled: () => {
        replaceSession(null);
        navigate('/login', { replace: true });
      },
    }),
  );
  return (
    <button type="button" className="button ghost" onClick={() => logOut.mutate()} disabled={logOut.isPending}>
      Log out
    </button>
  );
}
