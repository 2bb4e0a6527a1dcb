// Exports of a rack: files made from its patches and patterns.
import { router } from '../trpc/trpc.ts';
import { wavExport, wavJob } from './wav.ts';

export const exportsRouter = router({
  wav: wavExport,
  wavJob,
});
