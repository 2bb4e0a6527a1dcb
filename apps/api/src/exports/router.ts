// Exports of a rack: files made from its patches and patterns.
import { router } from '../trpc/trpc.ts';
import { patchBook, patchBookJob, rackJson, svg } from './procedures.ts';

export const exportsRouter = router({
  patchBook,
  patchBookJob,
  rackJson,
  svg,
});
