import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { useTRPC, useTRPCClient } from '../api/trpc.ts';
import { FormError } from '../ui/FormError.tsx';
import { followLink, saveFile } from './save-file.ts';

interface Props {
  rackId: string;
  activePatch: () => { id: string; name: string } | null;
}

/** The export actions. The patch book is built on the server as a job: its progress shows
 * here and the file downloads when it is ready. */
export default function ExportPanel({ rackId, activePatch }: Props) {
  const trpcClient = useTRPCClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function download(what: string, fetchFile: () => Promise<{ fileName: string; text: string; type: string }>) {
    setError(null);
    setBusy(what);
    try {
      const file = await fetchFile();
      saveFile(file.fileName, file.text, file.type);
    } catch (err) {
      setError(describeError(err).message);
    } finally {
      setBusy(null);
    }
  }

  const patch = activePatch();
  return (
    <div className="export-panel">
      <PatchBook rackId={rackId} />
      <button
        type="button"
        className="button"
        disabled={busy !== null}
        onClick={() =>
          void download('json', async () => {
            const { fileName, json } = await trpcClient.exports.rackJson.query({ rackId });
            return { fileName, text: json, type: 'application/json' };
          })
        }
      >
        {busy === 'json' ? 'Preparing JSON…' : 'Rack as JSON'}
      </button>
      <button
        type="button"
        className="button"
        disabled={busy !== null}
        onClick={() =>
          void download('svg', async () => {
            const { fileName, svg } = await trpcClient.exports.svg.query({ rackId });
            return { fileName, text: svg, type: 'image/svg+xml' };
          })
        }
      >
        {busy === 'svg' ? 'Drawing…' : 'Rack diagram (SVG)'}
      </button>
      {patch ? (
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() =>
            void download('patch-svg', async () => {
              const { fileName, svg } = await trpcClient.exports.svg.query({ rackId, patchId: patch.id });
              return { fileName, text: svg, type: 'image/svg+xml' };
            })
          }
        >
          {busy === 'patch-svg' ? 'Drawing…' : `Patch diagram: ${patch.name} (SVG)`}
        </button>
      ) : null}
      <FormError message={error} />
    </div>
  );
}

function PatchBook({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const start = useMutation(trpc.exports.patchBook.mutationOptions());
  const jobId = start.data?.jobId;
  const job = useQuery({
    ...trpc.exports.patchBookJob.queryOptions({ jobId: jobId ?? '' }),
    enabled: jobId !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'rendering' || !query.state.data ? 300 : false),
  });
  const downloaded = useRef<string | null>(null);
  const status = job.data;
  useEffect(() => {
    if (status?.status === 'done' && status.url && downloaded.current !== status.jobId) {
      downloaded.current = status.jobId;
      followLink(status.url, status.fileName);
    }
  }, [status]);

  const running = start.isPending || status?.status === 'rendering' || (jobId !== undefined && !status && !job.error);
  const failure = start.error ?? job.error;
  return (
    <div className="export-book">
      <button type="button" className="button primary" disabled={running} onClick={() => start.mutate({ rackId })}>
        {running ? 'Building patch book…' : 'PDF patch book'}
      </button>
      {running && status ? (
        <div className="export-progress">
          <progress max={1} value={status.progress} aria-label="Patch book progress" />
          <span aria-live="polite">{Math.round(status.progress * 100)} %</span>
        </div>
      ) : null}
      {status?.status === 'done' && status.url ? (
        <p className="share-done" role="status">
          Patch book ready.{' '}
          <a href={status.url} download={status.fileName}>
            Download again
          </a>
        </p>
      ) : null}
      <FormError message={status?.status === 'failed' ? status.error : failure ? describeError(failure).message : null} />
    </div>
  );
}
