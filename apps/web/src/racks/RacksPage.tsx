import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { AppHeader } from '../ui/AppHeader.tsx';
import { FormError } from '../ui/FormError.tsx';
import { LoadingPanel } from '../ui/Spinner.tsx';
import { ImportRackForm } from '../exports/ImportRackForm.tsx';
import { CreateRackForm } from './CreateRackForm.tsx';
import { timeAgo } from './labels.ts';

export function RacksPage() {
  return (
    <>
      <AppHeader />
      <main className="racks-page">
        <h1>My racks</h1>
        <section className="panel" aria-labelledby="new-rack-title">
          <h2 id="new-rack-title">New rack</h2>
          <CreateRackForm />
        </section>
        <section className="panel" aria-labelledby="import-rack-title">
          <h2 id="import-rack-title">Import rack from JSON</h2>
          <ImportRackForm />
        </section>
        <RackList />
      </main>
    </>
  );
}

const ROLE_LABELS = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' } as const;

function RackList() {
  const trpc = useTRPC();
  const racks = useQuery(trpc.racks.list.queryOptions());
  if (racks.isPending) return <LoadingPanel label="Loading your racks…" />;
  if (racks.error) return <FormError message={describeError(racks.error).message} />;
  if (racks.data.length === 0) {
    return <p className="empty-state">No racks yet. Pick a case above and create your first one.</p>;
  }
  return (
    <ul className="rack-list" aria-label="Racks">
      {racks.data.map((rack) => (
        <li key={rack.id} className="rack-card">
          <Link href={`/racks/${encodeURIComponent(rack.id)}`} className="rack-card-link">
            {rack.name}
          </Link>
          <span className="rack-card-meta">
            {rack.caseName} · <span className={`role-badge role-${rack.role}`}>{ROLE_LABELS[rack.role as keyof typeof ROLE_LABELS] ?? rack.role}</span> · edited{' '}
            {timeAgo(rack.updatedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}
