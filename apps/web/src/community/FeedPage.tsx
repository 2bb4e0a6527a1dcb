import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { AppHeader } from '../ui/AppHeader.tsx';
import { FormError } from '../ui/FormError.tsx';
import { LoadingPanel } from '../ui/Spinner.tsx';
import './community.css';
import { PublicationCard } from './PublicationCard.tsx';

type Sort = 'latest' | 'top';
type Window = 'day' | 'week' | 'month' | 'all';
const WINDOWS: { value: Window; label: string }[] = [
  { value: 'day', label: 'Today' },
  { value: 'week', label: 'This week' },
  { value: 'month', label: 'This month' },
  { value: 'all', label: 'All time' },
];

/** The public feed: latest or top publications, a search box, "Load more". */
export default function FeedPage() {
  const trpc = useTRPC();
  const [sort, setSort] = useState<Sort>('latest');
  const [window, setWindow] = useState<Window>('week');
  const [query, setQuery] = useState('');
  const feed = useInfiniteQuery(
    trpc.feed.list.infiniteQueryOptions(
      { sort, window, limit: 20, ...(query ? { query } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(String(new FormData(event.currentTarget).get('q') ?? '').trim());
  }

  return (
    <>
      <AppHeader />
      <main className="racks-page community-page">
        <h1>Feed</h1>
        <div className="feed-tools">
          <div role="tablist" aria-label="Order" className="tabs">
            {(['latest', 'top'] as const).map((s) => (
              <button key={s} type="button" role="tab" aria-selected={sort === s} className="tab" onClick={() => setSort(s)}>
                {s === 'latest' ? 'Latest' : 'Top'}
              </button>
            ))}
          </div>
          {sort === 'top' ? (
            <label className="inline-field">
              Period{' '}
              <select value={window} onChange={(e) => setWindow(e.target.value as Window)}>
                {WINDOWS.map((w) => (
                  <option key={w.value} value={w.value}>
                    {w.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <form role="search" className="feed-search" onSubmit={onSearch}>
            <label className="visually-hidden" htmlFor="feed-q">
              Search racks and patches
            </label>
            <input id="feed-q" name="q" type="search" placeholder="Search titles and rack names" maxLength={100} defaultValue={query} />
            <button type="submit" className="button small">
              Search
            </button>
          </form>
        </div>
        {feed.isPending ? <LoadingPanel label="Loading the feed…" /> : null}
        {feed.error ? <FormError message={describeError(feed.error).message} /> : null}
        {feed.data && items.length === 0 ? (
          <p className="empty-state">{query ? `Nothing published matches “${query}”.` : 'Nothing published yet.'}</p>
        ) : null}
        {items.length > 0 ? (
          <ul className="rack-list" aria-label="Publications">
            {items.map((item) => (
              <PublicationCard key={item.id} item={item} />
            ))}
          </ul>
        ) : null}
        {feed.hasNextPage ? (
          <button type="button" className="button" onClick={() => void feed.fetchNextPage()} disabled={feed.isFetchingNextPage}>
            {feed.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        ) : null}
      </main>
    </>
  );
}
