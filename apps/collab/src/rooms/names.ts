// A rack room is the Yjs document of one rack. Its name is the only thing a client chooses,
// so it is parsed strictly: anything that is not `rack:<id>` never reaches the database.
const PREFIX = 'rack:';
const RACK_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function documentNameOf(rackId: string): string {
  if (!RACK_ID.test(rackId)) throw new Error(`Not a rack id: ${JSON.stringify(rackId)}`);
  return PREFIX + rackId;
}

/** The rack id of a room's document name, or null when the name is not a rack room. */
export function rackIdOf(documentName: string): string | null {
  if (!documentName.startsWith(PREFIX)) return null;
  const rackId = documentName.slice(PREFIX.length);
  return RACK_ID.test(rackId) ? rackId : null;
}
