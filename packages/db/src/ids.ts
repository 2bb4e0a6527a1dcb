import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random id with 120 bits of entropy, safe in URLs (e.g. user and rack ids). */
export function newRandomId(bytes = 15): string {
  const data = new Uint8Array(bytes);
  crypto.getRandomValues(data);
  return encodeBase32LowerCaseNoPadding(data);
}
