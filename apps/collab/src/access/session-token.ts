import { SESSION_COOKIE } from '@patchroom/db';

/** What browsers put in the provider's `token`: the real token is in the HttpOnly cookie. */
export const COOKIE_TOKEN = 'cookie';

/**
 * The session token of a connection: the provider's token, or — when that is the literal
 * `'cookie'` — the session cookie sent with the WebSocket upgrade request.
 */
export function sessionTokenOf(providerToken: string, headers: Headers): string | null {
  if (providerToken !== COOKIE_TOKEN) return providerToken || null;
  return readCookie(headers.get('cookie'), SESSION_COOKIE);
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value) || null;
    } catch {
      return null;
    }
  }
  return null;
}
