import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC, useTRPCClient } from '../api/trpc.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { caseLabel } from './labels.ts';

export function CreateRackForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const caseSelectId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const trpcClient = useTRPCClient();
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

  /** Fills in a name the generator suggests (the same seed always suggests the same name). */
  async function suggestName() {
    const seed = Math.random().toString(36).slice(2, 10);
    const { name } = await trpcClient.generation.rackName.query({ seed });
    const input = formRef.current?.elements.namedItem('name');
    if (input instanceof HTMLInputElement) {
      input.value = name;
      input.focus();
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get('name')).trim(), caseId: String(form.get('caseId')) });
  }

  return (
    <form ref={formRef} className="create-rack" onSubmit={onSubmit} noValidate aria-label="Create a rack">
      <Field label="Rack name" name="name" required maxLength={80} placeholder="Dark techno voice" error={error?.fields.name} />
      <button type="button" className="button" onClick={() => void suggestName()}>
        Suggest a name
      </button>
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
