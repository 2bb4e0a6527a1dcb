import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/session.ts';
import { timeAgo } from '../racks/labels.ts';
import { AppHeader } from '../ui/AppHeader.tsx';
import { FormError } from '../ui/FormError.tsx';
import { LoadingPanel } from '../ui/Spinner.tsx';
import { Comments } from './Comments.tsx';
import './community.css';
import { ForkButton } from './ForkButton.tsx';
import { SnapshotSummary } from './SnapshotSummary.tsx';
import { UnpublishButton } from './UnpublishButton.tsx';
import { VoteButton } from './VoteButton.tsx';

/** One publication: what was published (as a summary), votes, fork, comments. */
export default function PublicationPage({ publicationId }: { publicationId: string }) {
  const trpc = useTRPC();
  const { user } = useSession();
  const publication = useQuery(trpc.publications.get.queryOptions({ id: publicationId }));
  const p = publication.data;
  return (
    <>
      <AppHeader />
      <main className="racks-page community-page">
        {publication.isPending ? <LoadingPanel label="Loading the publication…" /> : null}
        {publication.error ? (
          <>
            <h1>This publication is not available</h1>
            <FormError message={describeError(publication.error).message} />
            <Link href="/feed">Back to the feed</Link>
          </>
        ) : null}
        {p ? (
          <>
            <header className="publication-head">
              <VoteButton publicationId={p.id} voteCount={p.voteCount} votedByMe={p.votedByMe} />
              <div>
                <h1>{p.title}</h1>
                <p className="rack-card-meta">
                  {p.kind === 'patch' ? 'A patch' : 'A rack'} from <Link href={`/racks/${encodeURIComponent(p.rackId)}`}>{p.rackName}</Link>, published by{' '}
                  <Link href={`/u/${encodeURIComponent(p.publisher.id)}`}>{p.publisher.displayName}</Link> {timeAgo(p.publishedAt)}
                  {p.listed ? null : ' · not listed'}
                </p>
              </div>
              <div className="publication-actions">
                {user ? <ForkButton rackId={p.rackId} /> : null}
                {user && (user.id === p.publisher.id || user.id === p.rackOwnerId) ? <UnpublishButton publicationId={p.id} /> : null}
              </div>
            </header>
            <SnapshotSummary snapshot={p.snapshot} />
            {p.listed ? <Comments publicationId={p.id} /> : null}
          </>
        ) : null}
      </main>
    </>
  );
}
