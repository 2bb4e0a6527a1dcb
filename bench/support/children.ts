// Client load runs in child processes so that, on a 2-core machine, the server's event loop is
// not also the clients' event loop (in-process clients would queue behind the server's work and
// the server's behind theirs, inflating every latency). Parent and child talk over IPC: the
// parent sends one request at a time, the child answers with a result or an error.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Worker {
  /** Sends a request and waits for the worker's answer (at most `timeoutMs`). */
  call<T>(request: unknown, timeoutMs: number): Promise<T>;
  readonly pid: number;
  stop(): void;
}

type Answer = { ok: true; result: unknown } | { ok: false; error: string };

/** Starts `bench/workers/<name>.ts` with tsx; its stdout goes to our stderr (stdout is for results). */
export function startWorker(name: string): Worker {
  const file = fileURLToPath(new URL(`../workers/${name}.ts`, import.meta.url));
  const child: ChildProcess = fork(file, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'] });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  return {
    pid: child.pid ?? -1,
    call<T>(request: unknown, timeoutMs: number): Promise<T> {
      if (exited) return Promise.reject(new Error(`worker ${name} has exited`));
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`worker ${name} gave no answer within ${timeoutMs} ms`)), timeoutMs);
        const onMessage = (answer: Answer) => (answer.ok ? finish(null, answer.result as T) : finish(new Error(answer.error)));
        const onExit = (code: number | null) => finish(new Error(`worker ${name} exited (${code}) before answering`));
        function finish(error: Error | null, result?: T): void {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(result as T);
        }
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send(request as object);
      });
    },
    stop() {
      if (!exited) child.kill('SIGKILL');
    },
  };
}

/** Inside a worker: answers each request from the parent with `handle`'s result. */
export function serveParent(handle: (request: never) => Promise<unknown>): void {
  // Orphaned workers must not linger if the parent dies.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (request) => {
    handle(request as never).then(
      (result) => process.send?.({ ok: true, result } satisfies Answer),
      (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Answer),
    );
  });
}
