import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side. Please try again.';

/**
 * Errors outside tRPC (a body too large, malformed JSON, a failing route) answer in one shape,
 * `{ error }`: the client's mistake is named, our own failures are logged and never described
 * (no message, no stack) to the caller.
 */
export function registerErrorReplies(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      logger.error({ err: error, url: request.url }, 'request failed');
      return reply.code(status).send({ error: INTERNAL_ERROR_MESSAGE });
    }
    return reply.code(status).send({ error: error.message });
  });
}
