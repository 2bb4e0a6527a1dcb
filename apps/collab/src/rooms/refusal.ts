/**
 * A room that cannot be served. `reason` travels to the client (the provider's
 * `authenticationFailed` event). The message stays empty on purpose: Hocuspocus prints every
 * hook error that has a message with console.error; we log these ourselves, structured.
 */
export class RoomRefusal extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super('');
    this.name = 'RoomRefusal';
    this.reason = reason;
  }
}
