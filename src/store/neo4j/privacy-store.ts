/**
 * The data-subject rights in Neo4j: a person's records read together for the export, erasure
 * in one statement leaving only an erasure record, the erasure salt kept with the data, and the
 * retention sweep in batches. Every statement is a named file in `cypher/privacy/` and
 * `cypher/retention/`.
 */
import type { ContactSummary, ErasureCounts, ErasureRecord, RetentionCutoffs, RetentionResult } from '../../domain/privacy.js';
import type { AccessLogEntry, Consent, Dispute } from '../../domain/safeguards.js';
import type { PersonRecords, PrivacyPort } from '../ports/privacy.js';
import { BATCH_SIZE, chunks, definedOnly } from './batches.js';
import { toCreditEvent } from './event-store.js';
import { int, runIn, type Neo4jRunner } from './neo4j-runner.js';
import { toStoredPerson } from './person-store.js';
import { BLOCK_SIZE_PARAMS, scoreOfRow, type ScoreBlockRow } from './score-blocks.js';

type Props = Record<string, unknown>;

/** "Every entry": the access log of one person is read whole for the export. */
const ALL = Number.MAX_SAFE_INTEGER;

export class PrivacyStore implements PrivacyPort {
  constructor(
    private readonly runner: Neo4jRunner,
    private readonly now: () => string,
  ) {}

  /** One read transaction, so the parts agree with each other. */
  personRecords(personId: string): Promise<PersonRecords | undefined> {
    return this.runner.readTx(async (tx) => {
      const [person] = await runIn<{ person: Props }>(tx, 'persons/get', { id: personId });
      if (!person) return undefined;
      const events = await runIn<{ personId: string; event: Props }>(tx, 'events/of-person', { personId });
      const contacts = await runIn<{ contacts: ContactSummary }>(tx, 'privacy/contact-summary', { personId });
      const scores = await runIn<{ score: ScoreBlockRow }>(tx, 'scores/history', { personId, ...BLOCK_SIZE_PARAMS });
      const consents = await runIn<{ consent: Consent }>(tx, 'consents/of-person', { personId });
      const disputes = await runIn<{ dispute: Dispute }>(tx, 'privacy/disputes-of-person', { personId });
      const accessLog = await runIn<{ entry: AccessLogEntry }>(tx, 'access-log/of-person', { personId, limit: int(ALL) });
      return {
        person: toStoredPerson(person.person),
        events: events.map((row) => toCreditEvent(row.personId, row.event)),
        contacts: contacts[0]!.contacts,
        scores: scores.map((row) => scoreOfRow(row.score)),
        consents: consents.map((row) => row.consent),
        disputes: disputes.map((row) => row.dispute),
        accessLog: accessLog.map((row) => row.entry),
      };
    });
  }

  async erasePerson(personId: string, record: ErasureRecord): Promise<ErasureCounts | undefined> {
    const [row] = await this.runner.write<ErasureCounts & Props>('privacy/erase-person', {
      personId,
      record: definedOnly(record),
      now: this.now(),
      ...BLOCK_SIZE_PARAMS,
    });
    return row && {
      events: row.events,
      friendships: row.friendships,
      transactions: row.transactions,
      scores: row.scores,
      consents: row.consents,
      disputes: row.disputes,
      accessLog: row.accessLog,
      apiKeys: row.apiKeys,
      contactsMarked: row.contactsMarked,
    };
  }

  async erasedHashes(idHashes: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunks([...new Set(idHashes)])) {
      for (const row of await this.runner.read<{ idHash: string }>('privacy/erased-hashes', { hashes: chunk })) found.add(row.idHash);
    }
    return found;
  }

  async erasureRecords(limit: number): Promise<ErasureRecord[]> {
    const rows = await this.runner.read<{ record: ErasureRecord }>('privacy/erasure-records', { limit: int(limit) });
    return rows.map((row) => row.record);
  }

  async erasureSalt(candidate: string): Promise<string> {
    const [row] = await this.runner.write<{ salt: string }>('privacy/erasure-salt', { candidate });
    return row!.salt;
  }

  /** In batches of BATCH_SIZE, one transaction each: a sweep killed half-way is simply run again. */
  async sweepRetention(cutoffs: RetentionCutoffs): Promise<RetentionResult> {
    const result: RetentionResult = { events: 0, accessLog: 0, personsMarked: 0 };
    for (;;) {
      const [row] = await this.runner.write<{ deleted: number; persons: number }>('retention/sweep-events', {
        before: cutoffs.eventsBefore,
        limit: int(BATCH_SIZE),
        now: this.now(),
      });
      if (!row || row.deleted === 0) break;
      result.events += row.deleted;
      result.personsMarked += row.persons;
    }
    for (;;) {
      const [row] = await this.runner.write<{ deleted: number }>('retention/sweep-access-log', { before: cutoffs.accessLogBefore, limit: int(BATCH_SIZE) });
      if (!row || row.deleted === 0) break;
      result.accessLog += row.deleted;
    }
    return result;
  }
}
