// Open-file limit: every WebSocket is a file descriptor, and `ulimit -n` is per process.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The soft and hard "Max open files" of this process (Linux), or null where unknown. */
export function fileLimit(): { soft: number; hard: number } | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = (line?.match(/\d+|unlimited/g) ?? []).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
    return soft !== undefined && hard !== undefined ? { soft, hard } : null;
  } catch {
    return null;
  }
}

/**
 * Makes sure this process may open `needed` files: when the soft limit is lower and the hard
 * limit allows it, re-runs this same command under a shell that raised `ulimit -n` and exits
 * with its code. Returns normally when nothing had to change (or nothing could).
 */
export function ensureFileLimit(needed: number): void {
  const limit = fileLimit();
  if (!limit || limit.soft >= needed || process.env.BENCH_FILE_LIMIT_RAISED) return;
  const target = Math.min(limit.hard, Math.max(needed, 16_384));
  if (target <= limit.soft) {
    process.stderr.write(`open-file limit is ${limit.soft} (hard ${limit.hard}); ${needed} wanted — raise it with ulimit -n\n`);
    return;
  }
  process.stderr.write(`raising the open-file limit from ${limit.soft} to ${target}\n`);
  const args = [...process.execArgv, ...process.argv.slice(1)];
  const result = spawnSync('sh', ['-c', `ulimit -n ${target} && exec "$0" "$@"`, process.execPath, ...args], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_FILE_LIMIT_RAISED: '1' },
  });
  process.exit(result.status ?? 1);
}
