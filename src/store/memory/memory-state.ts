/**
 * What the embedded store keeps, shared by its parts (one per port, as in the Neo4j adapter):
 * plain maps in process memory, and the few reads more than one part makes. Records go in and
 * out as clones, so a caller never holds a reference into the state.
 */
import type { ErasureRecord } from '../../domain/privacy.js';
import type { CreditEvent, Friendship, Transaction } from '../../domain/records.js';
import type { AccessLogEntry, ApiKeyRecord, Consent, Dispute, ReportRead } from '../../domain/safeguards.js';
import type { ScoreExportRecord } from '../../domain/score-exports.js';
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import { NotFoundError } from '../errors.js';
import type { StoredPerson } from '../ports/persons.js';

export const clone = <T>(value: T): T => structuredClone(value);

/** Field-by-field equality of two plain records (undefined and absent are the same). */
export function sameRecord(a: object, b: object): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

export class MemoryState {
  readonly persons = new Map<string, StoredPerson>();
  /** By seq; an erased person leaves a hole (seqs are never reused). */
  readonly seqIndex: (StoredPerson | undefined)[] = [];
  /** When each seq's person, events or edges last changed: the dirty set's source. */
  readonly personUpdatedAt = new Map<number, string>();
  /** When each seq's person record or edges last changed (the dirty set's `linkSeqs`). */
  readonly linksUpdatedAt = new Map<number, string>();
  /** Keyed by the ordered pair of ids (smaller first). */
  readonly friendships = new Map<string, Friendship>();
  /** Keyed by payer and payee. */
  readonly transactions = new Map<string, Transaction>();
  readonly events = new Map<string, CreditEvent>();
  readonly eventsByPerson = new Map<string, Set<string>>();
  readonly runs = new Map<string, ScoreRun>();
  publishedRunId: string | undefined;
  /** runId → personId → score. */
  readonly scores = new Map<string, Map<string, PersonScore>>();
  readonly disputes = new Map<string, Dispute>();
  readonly consents = new Map<string, Consent>();
  accessLog: AccessLogEntry[] = [];
  readonly reportReads: ReportRead[] = [];
  readonly apiKeys = new Map<string, ApiKeyRecord>();
  readonly scoreExports = new Map<string, ScoreExportRecord>();
  readonly erasures: ErasureRecord[] = [];
  salt: string | undefined;
  /** personId → defaulted. */
  readonly outcomes = new Map<string, boolean>();
  outcomesChanges = 0;

  /** @param now the clock stamping `updatedAt` (tests pass their own). */
  constructor(readonly now: () => string = () => new Date().toISOString()) {}

  /** Marks the persons' events changed now (unknown ids are skipped). */
  touch(...personIds: string[]): void {
    const at = this.now();
    for (const seq of this.seqsOf(personIds)) this.personUpdatedAt.set(seq, at);
  }

  /** Marks the persons' records or edges changed now (unknown ids are skipped). */
  touchLinks(...personIds: string[]): void {
    this.touchLinkSeqs(...this.seqsOf(personIds));
  }

  /** Marks the seqs' records or edges changed now: also the seq of a person no longer stored (an erasure). */
  touchLinkSeqs(...seqs: number[]): void {
    const at = this.now();
    for (const seq of seqs) {
      this.personUpdatedAt.set(seq, at);
      this.linksUpdatedAt.set(seq, at);
    }
  }

  private seqsOf(personIds: readonly string[]): number[] {
    return personIds.flatMap((id) => {
      const person = this.persons.get(id);
      return person ? [person.seq] : [];
    });
  }

  /** The stored persons with seq in [fromSeq, toSeq), in seq order (not cloned). */
  personsInSeqRange(fromSeq: number, toSeq: number): StoredPerson[] {
    return this.seqIndex.slice(Math.max(0, fromSeq), Math.max(0, toSeq)).filter((person) => person !== undefined);
  }

  /** The stored persons with the given seqs, each once, in seq order (not cloned). */
  personsAtSeqs(seqs: readonly number[]): StoredPerson[] {
    return [...new Set(seqs)]
      .sort((x, y) => x - y)
      .flatMap((seq) => {
        const person = this.seqIndex[seq];
        return person ? [person] : [];
      });
  }

  seqOf(id: string): number {
    const person = this.persons.get(id);
    if (!person) throw new NotFoundError(`store: no person "${id}"`);
    return person.seq;
  }

  /** The person's events by event id (clones). */
  eventsOf(personId: string): CreditEvent[] {
    const ids = [...(this.eventsByPerson.get(personId) ?? [])].sort();
    return ids.map((id) => clone(this.events.get(id)!));
  }

  /** The person's score as `run` serves it: from the newest run of its lineage that scored them (not cloned). */
  servedScore(run: ScoreRun, personId: string): PersonScore | undefined {
    for (const runId of run.lineage) {
      const score = this.scores.get(runId)?.get(personId);
      if (score) return score;
    }
    return undefined;
  }

  /** Runs newest first (by start, then id). */
  runsNewestFirst(): ScoreRun[] {
    return [...this.runs.values()].sort((x, y) => (x.startedAt < y.startedAt ? 1 : x.startedAt > y.startedAt ? -1 : y.id.localeCompare(x.id)));
  }
}
