import { authRouter } from '../auth/router.ts';
import { catalogRouter } from '../catalog/router.ts';
import { exportsRouter } from '../exports/router.ts';
import { generationRouter } from '../generation/router.ts';
import { racksRouter } from '../racks/router.ts';
import { router } from './trpc.ts';

/** One router per domain; their names are the public procedure paths (`auth.logIn`, …). */
export const appRouter = router({
  auth: authRouter,
  catalog: catalogRouter,
  racks: racksRouter,
  generation: generationRouter,
  exports: exportsRouter,
});

export type AppRouter = typeof appRouter;
