import { initials } from './colors.ts';
import { distinctUsers, type Peer, type PresenceUser } from './peers.ts';

interface PeopleListProps {
  me: PresenceUser;
  peers: Peer[];
  /** The person whose view this user follows, by user id. */
  followingUserId?: string | null;
  /** Follow someone's view (or stop, with null); absent while the canvas is not ready. */
  onFollow?: ((user: PresenceUser | null) => void) | undefined;
}

/** Avatars of everyone in the room, you first, each in the colour of their cursor. Click one to follow their view. */
export function PeopleList({ me, peers, followingUserId = null, onFollow }: PeopleListProps) {
  const others = distinctUsers(peers, me.id);
  return (
    <ul className="people" aria-label="People in this rack">
      <li className="person" title={`${me.name} (you)`}>
        <Avatar user={me} />
        <span className="person-name">{me.name} (you)</span>
      </li>
      {others.map((user) => {
        const following = followingUserId === user.id;
        return (
          <li key={user.id} className="person">
            <button
              type="button"
              className={`person-button${following ? ' is-following' : ''}`}
              aria-pressed={following}
              aria-label={following ? `Stop following ${user.name}` : `Follow ${user.name}`}
              title={following ? `Following ${user.name}: click to stop` : `Follow ${user.name}'s view`}
              disabled={!onFollow}
              onClick={() => onFollow?.(following ? null : user)}
            >
              <Avatar user={user} />
              <span className="person-name">{user.name}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function Avatar({ user }: { user: PresenceUser }) {
  return (
    <span className="avatar" style={{ backgroundColor: user.color }} aria-hidden="true">
      {initials(user.name)}
    </span>
  );
}
