import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../../api/errors.ts';
import { useTRPC } from '../../api/trpc.ts';
import { Field } from '../../ui/Field.tsx';
import { FormError } from '../../ui/FormError.tsx';

/** "Share" opens a small form to give someone (by email) edit or view access to the rack. */
export function SharePanel({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const panelId = useId();
  const roleId = useId();
  const [open, setOpen] = useState(false);
  const [sharedWith, setSharedWith] = useState<string | null>(null);
  const share = useMutation(trpc.racks.share.mutationOptions());
  const error = share.error ? describeError(share.error, ['email', 'role']) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get('email')).trim();
    const role = form.get('role') === 'viewer' ? 'viewer' : 'editor';
    setSharedWith(null);
    share.mutate(
      { id: rackId, email, role },
      {
        onSuccess: () => {
          setSharedWith(email);
          formElement.reset();
        },
      },
    );
  }

  return (
    <div className="share">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        Share
      </button>
      {open ? (
        <form
          id={panelId}
          className="share-panel"
          onSubmit={onSubmit}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          noValidate
          aria-label="Share this rack"
        >
          <Field label="Share with email" name="email" type="email" required autoFocus error={error?.fields.email} />
          <div className="field">
            <label htmlFor={roleId}>Role</label>
            <select id={roleId} name="role" defaultValue="editor">
              <option value="editor">Editor</option>
              <option value="viewer">Viewer</option>
            </select>
          </div>
          <button type="submit" className="button primary" disabled={share.isPending}>
            Add member
          </button>
          <FormError message={error?.message} />
          {sharedWith ? (
            <p role="status" className="share-done">
              Shared with {sharedWith}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
