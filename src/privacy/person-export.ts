/**
 * The export of everything tiescore holds about one person (the right of access), as one JSON
 * document: the record, events with their dispute status, contacts as counts and types only,
 * every stored score with dimensions and reason codes, consents, disputes and access-log
 * entries. Pure: built from `Store.personRecords` and the runs the scores belong to.
 */
import { displayReasonCodes, roundShares } from '../domain/display-numbers.js';
import type { ContactSummary } from '../domain/privacy.js';
import type { CreditEvent, Person } from '../domain/records.js';
import type { AccessLogEntry, Consent, Dispute } from '../domain/safeguards.js';
import type { Dimensions, ReasonCode, ScoreRun } from '../domain/scores.js';
import type { PersonRecords } from '../store/store.js';

export const EXPORT_FORMAT = 'tiescore-person-export/1';

export interface ExportedScore {
  runId: string;
  runKind: ScoreRun['kind'] | undefined;
  asOf: string | undefined;
  /** Whether the run was ever served by the API. */
  published: boolean;
  publishedAt?: string | undefined;
  score: number;
  band: string;
  dimensions: Dimensions;
  reasonCodes: ReasonCode[];
  modelVersion: string;
}

export interface ExportedEvent extends CreditEvent {
  /** The disputes opened on this event (ids), oldest first. */
  disputeIds: string[];
}

export interface PersonExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  person: Person;
  events: ExportedEvent[];
  contacts: ContactSummary;
  scores: ExportedScore[];
  consents: Consent[];
  disputes: Dispute[];
  accessLog: AccessLogEntry[];
}

/**
 * @example
 * const doc = buildPersonExport(await store.personRecords('p42'), await store.listRuns(1000), new Date());
 */
export function buildPersonExport(records: PersonRecords, runs: readonly ScoreRun[], now: Date): PersonExport {
  const runById = new Map(runs.map((run) => [run.id, run]));
  const { seq: _seq, ...person } = records.person;
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    person,
    events: records.events.map((event) => ({
      ...event,
      disputeIds: records.disputes.filter((dispute) => dispute.eventId === event.id).map((dispute) => dispute.id),
    })),
    contacts: records.contacts,
    scores: records.scores.map((score) => {
      const run = runById.get(score.runId);
      return {
        runId: score.runId,
        runKind: run?.kind,
        asOf: run?.asOf,
        published: run?.publishedAt !== undefined,
        ...(run?.publishedAt ? { publishedAt: run.publishedAt } : {}),
        score: score.score,
        band: score.band,
        // As the score and history answers show them: shares to 3 places, points to 0.1.
        dimensions: roundShares(score.dimensions),
        reasonCodes: displayReasonCodes(score.reasonCodes),
        modelVersion: score.modelVersion,
      };
    }),
    consents: records.consents,
    disputes: records.disputes,
    accessLog: records.accessLog,
  };
}
