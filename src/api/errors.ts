/**
 * Turning every failure into a problem response: `ApiProblem`s as they are, body-parser
 * errors (bad JSON, too large, wrong charset) into their problems, anything else into a bare
 * 500 whose cause is logged with the request id — never sent.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { StoreUnavailableError } from '../store/errors.js';
import { ApiProblem } from './problem.js';

/** Writes a problem as `application/problem+json`. */
export function sendProblem(req: Request, res: Response, problem: ApiProblem): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem.body(req.originalUrl.split('?')[0])));
}

/** body-parser's error types → problems. */
function fromBodyParser(error: { type?: unknown; limit?: unknown }): ApiProblem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new ApiProblem('malformed-json', 'the request body is not valid JSON');
    case 'entity.too.large':
      return new ApiProblem('payload-too-large', `the request body is larger than ${String(error.limit)} bytes`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiProblem('unsupported-media-type', 'the request body must be UTF-8 JSON');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new ApiProblem('validation-failed', 'the request body could not be read');
    default:
      return undefined;
  }
}

/**
 * Other client errors the request machinery raises (http-errors with a 4xx `status`), e.g. a body
 * whose Content-Encoding does not decode (a corrupt gzip or brotli stream): the caller's fault,
 * never a 500.
 */
function fromClientHttpError(error: { status?: unknown; expose?: unknown }): ApiProblem | undefined {
  const { status } = error;
  if (typeof status !== 'number' || status < 400 || status >= 500 || error.expose !== true) return undefined;
  if (status === 413) return new ApiProblem('payload-too-large', 'the request body is too large');
  if (status === 415) return new ApiProblem('unsupported-media-type', 'the request body must be JSON, uncompressed or gzip/deflate/br-encoded');
  return new ApiProblem('validation-failed', 'the request body could not be read (check its Content-Encoding)');
}

export function errorHandler(logger: Logger) {
  // Express recognises an error handler by its four parameters.
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let problem: ApiProblem;
    if (error instanceof ApiProblem) {
      problem = error;
    } else if (error instanceof URIError) {
      // The router could not percent-decode a path parameter (e.g. `%F0%9F%98`, a cut UTF-8 sequence).
      problem = new ApiProblem('validation-failed', 'the path is not valid percent-encoded UTF-8', { extensions: { errors: [{ field: 'params', message: 'is not valid percent-encoded UTF-8' }] } });
    } else if (typeof error === 'object' && error !== null && fromBodyParser(error)) {
      problem = fromBodyParser(error)!;
    } else if (typeof error === 'object' && error !== null && fromClientHttpError(error)) {
      problem = fromClientHttpError(error)!;
    } else if (error instanceof StoreUnavailableError) {
      logger.error({ reqId: res.locals.requestId as unknown, err: { message: error.message } }, 'store unavailable');
      problem = new ApiProblem('service-unavailable', 'the database is not reachable; try again shortly', { headers: { 'Retry-After': '5' } });
    } else {
      logger.error({ reqId: res.locals.requestId as unknown, err: error }, 'unhandled error');
      problem = new ApiProblem('internal', 'something went wrong on our side; the request id is in the X-Request-Id header');
    }
    sendProblem(req, res, problem);
  };
}
