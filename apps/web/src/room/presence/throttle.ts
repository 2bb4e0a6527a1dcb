/**
 * Calls `fn` at most once per `intervalMs`: the first call goes at once, later calls within the
 * interval collapse into one trailing call with the latest arguments (so the last cursor
 * position is never dropped).
 */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, intervalMs: number) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;

  const run = (args: A) => {
    last = Date.now();
    fn(...args);
  };
  const throttled = (...args: A) => {
    const wait = last + intervalMs - Date.now();
    if (wait <= 0 && !timer) return run(args);
    pending = args;
    timer ??= setTimeout(() => {
      timer = null;
      const next = pending!;
      pending = null;
      run(next);
    }, Math.max(0, wait));
  };
  /** Runs the pending trailing call now, if there is one. */
  throttled.flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = null;
    const next = pending!;
    pending = null;
    run(next);
  };
  throttled.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}
