/** What the person-facing reads share: the served score of a person and the access log. */
import type { CreditEvent } from '../domain/records.js';
import type { AccessKind, AccessLogEntry } from '../domain/safeguards.js';
import type { PersonScore, ScoreRun } from '../domain/scores.js';
import type { StoredPerson } from '../store/store.js';
import type { PublishedScore } from './published-scores.js';
import { ApiProblem, notFound } from './problem.js';
import type { RouteContext } from './route.js';

export interface ServedScore {
  run: ScoreRun;
  person: StoredPerson;
  score: PersonScore;
  /** The person's credit events as stored now, by event id. */
  events: CreditEvent[];
}

/**
 * The person's score in the published run, with their record and events, read together (one
 * round trip to Neo4j, shared with concurrent requests: published-scores.ts); 404 when there is
 * no run, no person or no score.
 */
export async function servedScore(ctx: Pick<RouteContext<unknown, unknown, unknown>, 'services'>, personId: string): Promise<ServedScore> {
  return servedOr404(await ctx.services.scores.of(personId), personId);
}

/**
 * The person's served score and the ids of their disputed events, with the read's access-log
 * entry stored in the same transaction (one store call, shared with concurrent requests); a read
 * answered 404 is not logged. For the score route, instead of `servedScore` and then `logAccess`.
 */
export async function servedScoreLogged(
  ctx: RouteContext<unknown, unknown, unknown>,
  personId: string,
  kind: AccessKind,
): Promise<{ run: ScoreRun; score: PersonScore; disputedEventIds: string[] }> {
  const read = foundOr404(await ctx.services.scores.ofLogged(personId, accessEntry(ctx, personId, kind)), (found) => found.found, personId);
  return { run: read.run, score: read.score, disputedEventIds: read.disputedEventIds };
}

function servedOr404(read: PublishedScore | undefined, personId: string): ServedScore {
  const { run, person, score, events } = foundOr404(read, (found) => found.person !== undefined, personId);
  return { run, person: person!, score, events };
}

/** The read with its score; 404 when there is no run (no read), no person or no score. */
function foundOr404<R extends { run: ScoreRun; score: PersonScore | undefined }>(
  read: R | undefined,
  hasPerson: (read: R) => boolean,
  personId: string,
): R & { score: PersonScore } {
  if (!read) throw notFound('no score run has been published yet');
  if (!hasPerson(read)) throw notFound(`no person "${personId}"`);
  if (!read.score) throw notFound(`person "${personId}" has no score in the published run ${read.run.id}`);
  return read as R & { score: PersonScore };
}

/** The caller of a protected route (the router guarantees one). */
export function callerOf(ctx: Pick<RouteContext<unknown, unknown, unknown>, 'principal'>) {
  if (!ctx.principal) throw new ApiProblem('unauthorized', 'this endpoint needs an API key');
  return ctx.principal;
}

/** The person a subject key speaks for. */
export function subjectOf(ctx: Pick<RouteContext<unknown, unknown, unknown>, 'principal'>): string {
  const principal = callerOf(ctx);
  if (principal.role !== 'subject' || principal.personId === undefined) throw new ApiProblem('forbidden', 'only a subject key may do this');
  return principal.personId;
}

function accessEntry(ctx: RouteContext<unknown, unknown, unknown>, personId: string, kind: AccessKind): AccessLogEntry {
  const principal = callerOf(ctx);
  return {
    personId,
    at: ctx.now.toISOString(),
    kind,
    actor: principal.keyId,
    role: principal.role,
    ...(ctx.consent ? { consentId: ctx.consent.id } : {}),
  };
}

/**
 * Appends one access-log entry for a read of `personId`'s data by the caller; resolves once it is
 * committed (batched with concurrent reads' entries, see access-log-writer.ts), so answer after it.
 */
export async function logAccess(ctx: RouteContext<unknown, unknown, unknown>, personId: string, kind: AccessKind): Promise<void> {
  await ctx.services.accessLog.append(accessEntry(ctx, personId, kind));
}

/** One access-log entry per person, for reads that show several persons' scores at once. */
export async function logAccessMany(ctx: RouteContext<unknown, unknown, unknown>, personIds: readonly string[], kind: AccessKind): Promise<void> {
  await ctx.services.accessLog.appendAll([...new Set(personIds)].map((personId) => accessEntry(ctx, personId, kind)));
}
