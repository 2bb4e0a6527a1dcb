/** Why an edit of the rack was refused. Every refused edit leaves the document unchanged. */
export type RackRuleCode =
  | 'NO_SUCH_ROW'
  | 'OUT_OF_ROW'
  | 'OVERLAP'
  | 'NO_SUCH_MODULE'
  | 'BAD_CABLE'
  | 'NO_SUCH_PATCH'
  | 'NO_SUCH_PATTERN'
  | 'NO_SUCH_TRACK'
  | 'NO_SUCH_ANNOTATION'
  | 'OUT_OF_RANGE'
  | 'BAD_INPUT'
  | 'DUPLICATE_ID'
  | 'LAST_ONE';

/** A rule of the rack was broken; the message is written for the user. */
export class RackRuleError extends Error {
  constructor(
    message: string,
    readonly code: RackRuleCode,
  ) {
    super(message);
    this.name = 'RackRuleError';
  }
}
