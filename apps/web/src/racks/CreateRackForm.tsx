import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { caseLabel } from './labels.ts';

export function CreateRackForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const caseSelectId = useId();
  const cases = useQuery(trpc.catalog.cases.queryOptions());
  const create = useMutation(
    trpc.racks.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.racks.list.queryKey() });
        navigate(`/racks/${encodeURIComponent(id)}`);
      },
    }),
  );
  const error = create.error ? describeError(create.error, ['name', 'caseId']) : null;
  const casesError = cases.error ? describeError(cases.error).message : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get('name')).trim(), caseId: String(form.get('caseId')) });
  }

  return (
    <form className="create-rack" onSubmit={onSubmit} noValidate aria-label="Create a rack">
      <Field label="Rack name" name="name" required maxLength={80} placeholder="Dark techno voice" error={error?.fields.name} />
      <div className="field">
        <label htmlFor={caseSelectId}>Case</label>
        <select id={caseSelectId} name="caseId" required disabled={!cases.data} aria-invalid={error?.fields.caseId ? true : undefined}>
          {cases.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {caseLabel(c)}
            </option>
          ))}
        </select>
        {error?.fields.caseId ? <p className="field-error">{error.fields.caseId}</p> : null}
      </div>
      <button type="submit" className="button primary" disabled={create.isPending || !cases.data?.length}>
        Create rack
      </button>
      <FormError message={error?.message ?? casesError} />
    </form>
  );
}
