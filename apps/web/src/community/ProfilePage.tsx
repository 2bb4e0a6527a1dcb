import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { timeAgo } from '../racks/labels.ts';
import { AppHeader } from '../ui/AppHeader.tsx';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { LoadingPanel } from '../ui/Spinner.tsx';
import './community.css';
import { PublicationCard } from './PublicationCard.tsx';

/** Someone's public face: name, bio, public racks, what they published. */
export default function ProfilePage({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profiles.get.queryOptions({ userId }));
  const [editing, setEditing] = useState(false);
  const p = profile.data;
  return (
    <>
      <AppHeader />
      <main className="racks-page community-page">
        {profile.isPending ? <LoadingPanel label="Loading the profile…" /> : null}
        {profile.error ? <FormError message={describeError(profile.error).message} /> : null}
        {p ? (
          <>
            <header>
              <h1>{p.displayName}</h1>
              {p.bio ? <p className="profile-bio">{p.bio}</p> : null}
              <p className="rack-card-meta">Member since {new Date(p.memberSince).toLocaleDateString()}</p>
              {p.isMe && !editing ? (
                <button type="button" className="button small" onClick={() => setEditing(true)}>
                  Edit profile
                </button>
              ) : null}
            </header>
            {p.isMe && editing ? <ProfileForm displayName={p.displayName} bio={p.bio} onDone={() => setEditing(false)} /> : null}
            <section className="panel" aria-labelledby="pubs-title">
              <h2 id="pubs-title">Published</h2>
              {p.publications.length === 0 ? <p className="empty-state">Nothing published yet.</p> : null}
              <ul className="rack-list" aria-label="Publications">
                {p.publications.map((item) => (
                  <PublicationCard key={item.id} item={item} />
                ))}
              </ul>
            </section>
            <section className="panel" aria-labelledby="racks-title">
              <h2 id="racks-title">Public racks</h2>
              {p.racks.length === 0 ? <p className="empty-state">No public racks.</p> : null}
              <ul className="rack-list" aria-label="Public racks">
                {p.racks.map((r) => (
                  <li key={r.id} className="rack-card">
                    <Link href={`/racks/${encodeURIComponent(r.id)}`} className="rack-card-link">
                      {r.name}
                    </Link>
                    <span className="rack-card-meta">edited {timeAgo(r.updatedAt)}</span>
                  </li>
                ))}
              </ul>
            </section>
          </>
        ) : null}
      </main>
    </>
  );
}

function ProfileForm({ displayName, bio, onDone }: { displayName: string; bio: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const bioId = useId();
  const update = useMutation(
    trpc.profiles.updateMine.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.profiles.get.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
        onDone();
      },
    }),
  );
  const error = update.error ? describeError(update.error, ['displayName', 'bio']) : null;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({ displayName: String(form.get('displayName') ?? ''), bio: String(form.get('bio') ?? '') });
  }
  return (
    <form className="panel" onSubmit={onSubmit} aria-label="Edit profile" noValidate>
      <Field label="Display name" name="displayName" defaultValue={displayName} maxLength={60} required error={error?.fields.displayName} />
      <div className="field">
        <label htmlFor={bioId}>Bio</label>
        <textarea id={bioId} name="bio" rows={3} maxLength={500} defaultValue={bio} />
        {error?.fields.bio ? <p className="field-error">{error.fields.bio}</p> : null}
      </div>
      <div>
        <button type="submit" className="button primary small" disabled={update.isPending}>
          Save
        </button>{' '}
        <button type="button" className="button ghost small" onClick={onDone}>
          Cancel
        </button>
      </div>
      <FormError message={error?.message} />
    </form>
  );
}
