import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { AuthCard } from './AuthCard.tsx';
import { safeNextPath, useReplaceSession } from './session.ts';

export function LoginPage() {
  const trpc = useTRPC();
  const search = useSearch();
  const [, navigate] = useLocation();
  const replaceSession = useReplaceSession();
  const logIn = useMutation(
    trpc.auth.logIn.mutationOptions({
      onSuccess: ({ user }) => {
        replaceSession(user);
        navigate(safeNextPath(search), { replace: true });
      },
    }),
  );
  const error = logIn.error ? describeError(logIn.error, ['email', 'password']) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    logIn.mutate({ email: String(form.get('email')), password: String(form.get('password')) });
  }

  return (
    <AuthCard
      title="Log in"
      footer={
        <>
          New to Patchroom? <Link href={`/signup${search ? `?${search}` : ''}`}>Create an account</Link>
        </>
      }
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" required error={error?.fields.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={error?.fields.password}
        />
        <FormError message={error?.message} />
        <button type="submit" className="button primary" disabled={logIn.isPending}>
          Log in
        </button>
      </form>
    </AuthCard>
  );
}
