import pino, { type Logger } from 'pino';

/** JSON logs in production (for collectors), readable lines in development. Secrets are redacted. */
export function createLogger(options: { env: string; level: string; name?: string }): Logger {
  const pretty = options.env !== 'production';
  return pino({
    name: options.name ?? 'patchroom',
    level: options.level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.token'],
      censor: '[redacted]',
    },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: false, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : {}),
  });
}
