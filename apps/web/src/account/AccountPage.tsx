import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/session.ts';
import { AppHeader } from '../ui/AppHeader.tsx';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';

/** The signed-in person's account: who they are, and changing their password. */
export function AccountPage() {
  const { user } = useSession();
  return (
    <>
      <AppHeader />
      <main className="account-page">
        <h1>Your account</h1>
        {user ? (
          <p>
            Signed in as <strong>{user.displayName}</strong> ({user.email}).
          </p>
        ) : null}
        <ChangePasswordForm />
      </main>
    </>
  );
}

function ChangePasswordForm() {
  const trpc = useTRPC();
  const [mismatch, setMismatch] = useState<string | null>(null);
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const error = change.error ? describeError(change.error, ['current', 'next']) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const next = String(form.get('next'));
    if (next !== String(form.get('confirm'))) {
      setMismatch('The two new passwords differ.');
      return;
    }
    setMismatch(null);
    change.mutate({ current: String(form.get('current')), next }, { onSuccess: () => formElement.reset() });
  }

  return (
    <section className="account-section" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label="Current password" name="current" type="password" autoComplete="current-password" required error={error?.fields.current} />
        <Field label="New password" name="next" type="password" autoComplete="new-password" required minLength={8} error={error?.fields.next} />
        <Field label="New password again" name="confirm" type="password" autoComplete="new-password" required error={mismatch ?? undefined} />
        <FormError message={error?.message} />
        {change.isSuccess ? (
          <p role="status" className="form-success">
            Password changed. Every other device signed in to your account has been logged out.
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
