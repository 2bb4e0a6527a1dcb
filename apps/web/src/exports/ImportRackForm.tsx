import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';

// The server refuses larger files anyway; saying so here avoids uploading them.
const MAX_FILE_BYTES = 800_000;

/** "Import rack from JSON": a file from "Export → Rack as JSON" becomes a new rack you own. */
export function ImportRackForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const fileId = useId();
  const [json, setJson] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const importRack = useMutation(
    trpc.racks.importJson.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.racks.list.queryKey() });
        navigate(`/racks/${encodeURIComponent(id)}`);
      },
    }),
  );
  const error = importRack.error ? describeError(importRack.error, ['name']) : null;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    setFileError(null);
    setJson(null);
    importRack.reset();
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setFileError('That file is too large for a rack.');
    const text = await file.text();
    setJson(text);
    try {
      const parsed = JSON.parse(text) as { name?: unknown };
      if (typeof parsed.name === 'string' && !name) setName(parsed.name.slice(0, 80));
    } catch {
      // The server explains what is wrong with the file when it is imported.
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (json === null) return setFileError('Choose a rack file first.');
    importRack.mutate({ json, name: name.trim() });
  }

  return (
    <form className="create-rack import-rack" onSubmit={onSubmit} noValidate aria-label="Import rack from JSON">
      <div className="field">
        <label htmlFor={fileId}>Rack file (JSON)</label>
        <input id={fileId} type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
      </div>
      <Field label="Name of the new rack" name="name" required maxLength={80} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error?.fields.name} />
      <button type="submit" className="button primary" disabled={importRack.isPending}>
        {importRack.isPending ? 'Importing…' : 'Import rack'}
      </button>
      <FormError message={fileError ?? error?.message} />
    </form>
  );
}
