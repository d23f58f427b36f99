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

/** A log line with the route the request matched and the id of the key that called it. */
function withCaller(res: ServerResponse, line: object): object {
  const response = res as unknown as Response;
  const principal = response.locals ? principalOf(response) : undefined;
  return { ...line, route: response.locals?.route, keyId: principal?.keyId };
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
    // The route and key id join the line's own object rather than `customProps`, which makes a
    // child logger per request twice over (at the start, before they are known, and at the end).
    customSuccessObject: (_req: IncomingMessage, res: ServerResponse, line: object) => withCaller(res, line),
    customErrorObject: (_req: IncomingMessage, res: ServerResponse, _error: Error, line: object) => withCaller(res, line),
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req: IncomingMessage) => ['/healthz', '/readyz', '/metrics'].includes((req as Request).url ?? '') },
  });
}
