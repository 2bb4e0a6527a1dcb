// Exports of a rack: files made from its patches and patterns.
import { router } from '../trpc/trpc.ts';
import { patchBook, patchBookJob, rackJson, svg } from './procedures.ts';
import { wavExport, wavJob } from './wav.ts';

export const exportsRouter = router({
  wav: wavExport,
  wavJob,
  patchBook,
  patchBookJob,
  rackJson,
  svg,
});
