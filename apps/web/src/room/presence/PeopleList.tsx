import { initials } from './colors.ts';
import { distinctUsers, type Peer, type PresenceUser } from './peers.ts';

/** Avatars of everyone in the room, you first, each in the colour of their cursor. */
export function PeopleList({ me, peers }: { me: PresenceUser; peers: Peer[] }) {
  const others = distinctUsers(peers, me.id);
  return (
    <ul className="people" aria-label="People in this rack">
      <Person user={me} label={`${me.name} (you)`} />
      {others.map((user) => (
        <Person key={user.id} user={user} label={user.name} />
      ))}
    </ul>
  );
}

function Person({ user, label }: { user: PresenceUser; label: string }) {
  return (
    <li className="person" title={label}>
      <span className="avatar" style={{ backgroundColor: user.color }} aria-hidden="true">
        {initials(user.name)}
      </span>
      <span className="person-name">{label}</span>
    </li>
  );
}
