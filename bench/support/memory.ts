// Process memory after a full garbage collection, so before/after figures compare live data.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

export async function settledMemory(): Promise<Memory> {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: rss / 2 ** 20, heapUsedMb: heapUsed / 2 ** 20 };
}
