/**
 * Request logging with pino-http: one line per request with method, path, status, time,
 * the route and the key id of the caller. Headers are not logged at all (so neither API keys
 * nor cookies can leak) and neither are bodies (attestation tokens travel in bodies); the
 * query string is dropped too. The app's logger also redacts `authorization` and `token`
 * fields wherever they appear, as a second line of defence.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { principalOf } from '../auth/authenticate.js';

/** Paths redacted by every logger the API makes. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'key',
  '*.key',
];

/** The API's logger: JSON lines, with redaction. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'tiescore-api' } }, destination);
}

export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (_req: IncomingMessage, res: ServerResponse) => {
      const response = res as unknown as Response;
      const principal = response.locals ? principalOf(response) : undefined;
      return { route: response.locals?.route, keyId: principal?.keyId };
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req: IncomingMessage) => ['/healthz', '/readyz', '/metrics'].includes((req as Request).url ?? '') },
  });
}
