import { authRouter } from '../auth/router.ts';
import { catalogRouter } from '../catalog/router.ts';
import { exportsRouter } from '../exports/router.ts';
import { commentsRouter } from '../community/comments.ts';
import { feedRouter } from '../community/feed.ts';
import { forksRouter } from '../community/forks.ts';
import { profilesRouter } from '../community/profiles.ts';
import { publicationsRouter } from '../community/publications.ts';
import { votesRouter } from '../community/votes.ts';
import { generationRouter } from '../generation/router.ts';
import { racksRouter } from '../racks/router.ts';
import { workshopsRouter } from '../workshops/router.ts';
import { mergeRouters, router } from './trpc.ts';

/** One router per domain; their names are the public procedure paths (`auth.logIn`, …). */
export const appRouter = router({
  auth: authRouter,
  catalog: catalogRouter,
  racks: mergeRouters(racksRouter, forksRouter),
  generation: generationRouter,
  exports: exportsRouter,
  workshops: workshopsRouter,
  profiles: profilesRouter,
  feed: feedRouter,
  publications: publicationsRouter,
  votes: votesRouter,
  comments: commentsRouter,
});

export type AppRouter = typeof appRouter;
