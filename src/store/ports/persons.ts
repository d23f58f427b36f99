/**
 * The persons port: person records with their dense sequence numbers (`seq`, the row of a person
 * in every typed array), the store's counts and the dirty set of an incremental run.
 *
 * Reads by seq come in two shapes, named alike across the ports: `…InSeqRange(fromSeq, toSeq)`
 * reads the half-open range [fromSeq, toSeq) in seq order; `…AtSeqs(seqs)` reads the given seqs
 * (unknown ones skipped, each once), in seq order.
 */
import type { CreditEvent, Person } from '../../domain/records.js';
import type { MethodSet } from './port-methods.js';
import type { UpsertResult } from './upsert-result.js';

/** A stored person: the record plus its dense sequence number (0, 1, 2, … in insertion order). */
export interface StoredPerson extends Person {
  seq: number;
}

/** A person with their credit events (every status, ordered by event id): the batch read. */
export interface PersonWithEvents {
  person: StoredPerson;
  events: CreditEvent[];
}

export interface StoreCounts {
  persons: number;
  friendships: number;
  transactions: number;
  events: number;
}

export interface PersonPort {
  /** Inserts or updates persons by `id`; new persons get the next free `seq`. */
  upsertPersons(persons: readonly Person[]): Promise<UpsertResult>;
  getPerson(id: string): Promise<StoredPerson | undefined>;
  /** The subset of `ids` that are stored persons. */
  existingPersonIds(ids: readonly string[]): Promise<Set<string>>;
  /** Persons with `seq` in [fromSeq, toSeq), in seq order. */
  personsInSeqRange(fromSeq: number, toSeq: number): Promise<StoredPerson[]>;
  /**
   * Persons with `seq` in [fromSeq, toSeq), in seq order, each with their events (as
   * `eventsInSeqRange` gives them): the recompute's batch read, in one round trip.
   */
  personsWithEventsInSeqRange(fromSeq: number, toSeq: number): Promise<PersonWithEvents[]>;
  /** Seq and id of the persons with `seq` in [fromSeq, toSeq), in seq order. */
  personIdsInSeqRange(fromSeq: number, toSeq: number): Promise<{ seq: number; id: string }[]>;
  /** Persons with the given seqs (unknown seqs skipped), in seq order. */
  personsAtSeqs(seqs: readonly number[]): Promise<StoredPerson[]>;
  /**
   * Persons with the given seqs (unknown seqs skipped), in seq order, each with their events (as
   * `eventsInSeqRange` gives them): the records an incremental run reads, in one round trip.
   */
  personsWithEventsAtSeqs(seqs: readonly number[]): Promise<PersonWithEvents[]>;
  /** One more than the largest `seq` handed out (0 when empty). */
  seqBound(): Promise<number>;
  /** How many persons, friendships, transaction aggregates and events are stored. */
  counts(): Promise<StoreCounts>;
  /**
   * Seqs of persons whose record, events or edges changed (created or updated with different
   * values) at or after `at`, an ISO instant: the dirty set of an incremental run. Unchanged
   * upserts do not count; an edge change marks both ends.
   */
  dirtySeqsSince(at: string): Promise<DirtySeqs>;
}

/** The dirty set of an incremental run. */
export interface DirtySeqs {
  /** Every dirty seq, ascending. */
  seqs: number[];
  /**
   * Those whose links may have changed too, ascending: an edge of theirs changed, their record
   * changed (which may change their trust), or they were erased. Only the events of the others
   * changed, so an incremental run need not read their edges again.
   */
  linkSeqs: number[];
}

export const PERSON_METHODS: MethodSet<PersonPort> = {
  upsertPersons: true,
  getPerson: true,
  existingPersonIds: true,
  personsInSeqRange: true,
  personsWithEventsInSeqRange: true,
  personIdsInSeqRange: true,
  personsAtSeqs: true,
  personsWithEventsAtSeqs: true,
  seqBound: true,
  counts: true,
  dirtySeqsSince: true,
};
