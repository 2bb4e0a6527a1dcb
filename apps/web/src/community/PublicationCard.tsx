import type { AppRouter } from '@patchroom/api';
import type { inferRouterOutputs } from '@trpc/server';
import { Link } from 'wouter';
import { timeAgo } from '../racks/labels.ts';
import { VoteButton } from './VoteButton.tsx';

export type PublicationCardData = inferRouterOutputs<AppRouter>['feed']['list']['items'][number];

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One publication in a feed or on a profile. Every text is rendered as text. */
export function PublicationCard({ item }: { item: PublicationCardData }) {
  return (
    <li className="publication-card" aria-label={item.title}>
      <VoteButton publicationId={item.id} voteCount={item.voteCount} votedByMe={item.votedByMe} />
      <div className="publication-card-body">
        <Link href={`/p/${encodeURIComponent(item.id)}`} className="rack-card-link">
          {item.title}
        </Link>
        <span className="rack-card-meta">
          {item.kind === 'patch' ? 'Patch' : 'Rack'} from “{item.rackName}” by{' '}
          <Link href={`/u/${encodeURIComponent(item.publisher.id)}`}>{item.publisher.displayName}</Link> · {plural(item.moduleCount, 'module')} ·{' '}
          {plural(item.cableCount, 'cable')} · {plural(item.commentCount, 'comment')} · {timeAgo(item.publishedAt)}
        </span>
      </div>
    </li>
  );
}
