// Every reason this server closes a socket for. The code and reason reach the client (the
// provider's `close` / `disconnect` events); `metric` labels the rejected-messages counter.

export interface CloseReason {
  code: number;
  reason: string;
  metric: RejectionMetric;
}

export type RejectionMetric =
  | 'malformed'
  | 'message-too-large'
  | 'too-many-messages'
  | 'document-too-large'
  | 'storage-unavailable'
  | 'read-only'
  | 'access-revoked'
  | 'role-changed'
  | 'shutdown';

export const CLOSE = {
  goingAway: { code: 1001, reason: 'server shutting down', metric: 'shutdown' },
  malformed: { code: 1007, reason: 'malformed message', metric: 'malformed' },
  /** Sent by `ws` itself when a message exceeds maxPayload. */
  messageTooLarge: { code: 1009, reason: 'message too large', metric: 'message-too-large' },
  /** The update log is not keeping up (database unavailable): try again later. */
  storageUnavailable: { code: 1013, reason: 'storage unavailable', metric: 'storage-unavailable' },
  /** The client's provider reconnects and is then refused (or admitted with its new role). */
  accessRevoked: { code: 4403, reason: 'access revoked', metric: 'access-revoked' },
  roleChanged: { code: 4409, reason: 'role changed', metric: 'role-changed' },
  documentTooLarge: { code: 4413, reason: 'document too large', metric: 'document-too-large' },
  tooManyMessages: { code: 4429, reason: 'too many messages', metric: 'too-many-messages' },
} as const satisfies Record<string, CloseReason>;
