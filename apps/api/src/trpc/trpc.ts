import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.ts';

const t = initTRPC.context<Context>().create({
  // Stack traces stay in our logs, never in responses.
  isDev: false,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError ? describeZodError(zodError) : publicMessage(shape.message, error.code),
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: zodError ? fieldErrors(zodError) : null,
      },
    };
  },
});

function publicMessage(message: string, code: TRPCError['code']): string {
  return code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side. Please try again.' : message;
}

function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function fieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

/** Mutations must carry `x-requested-with: patchroom`: a cross-site form or fetch cannot set it
 * without a CORS preflight we never grant, so this blocks CSRF on cookie-authenticated calls. */
const csrfGuard = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && ctx.requestedWith !== 'patchroom') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Missing the x-requested-with: patchroom header.' });
  }
  return next();
});

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const publicProcedure = t.procedure.use(csrfGuard);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please log in.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});
