// Telling "the server said no" from "the server could not be reached": only the second may fall
// back to what this browser cached.

/**
 * True when a query could not reach the server: it is paused offline, or its request failed
 * (finally, or on an attempt that is being retried).
 */
export function isUnreachable(query: { fetchStatus: string; error: unknown; failureReason?: unknown }): boolean {
  if (query.fetchStatus === 'paused') return true;
  const error = query.error ?? query.failureReason;
  if (!error) return false;
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  if (typeof code === 'string') return false; // the server answered
  const message = error instanceof Error ? error.message : String(error);
  return /failed to fetch|networkerror|load failed|network request failed/i.test(message);
}
