import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { AuthCard } from './AuthCard.tsx';
import { safeNextPath, useReplaceSession } from './session.ts';

export function SignupPage() {
  const trpc = useTRPC();
  const search = useSearch();
  const [, navigate] = useLocation();
  const replaceSession = useReplaceSession();
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: ({ user }) => {
        replaceSession(user);
        navigate(safeNextPath(search), { replace: true });
      },
    }),
  );
  const error = signUp.error ? describeError(signUp.error, ['email', 'displayName', 'password']) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signUp.mutate({
      email: String(form.get('email')),
      displayName: String(form.get('displayName')),
      password: String(form.get('password')),
    });
  }

  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have an account? <Link href={`/login${search ? `?${search}` : ''}`}>Log in</Link>
        </>
      }
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" required error={error?.fields.email} />
        <Field
          label="Display name"
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={60}
          error={error?.fields.displayName}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          error={error?.fields.password}
        />
        <FormError message={error?.message} />
        <button type="submit" className="button primary" disabled={signUp.isPending}>
          Create account
        </button>
      </form>
    </AuthCard>
  );
}
