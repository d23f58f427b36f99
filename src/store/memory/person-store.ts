/** Persons in the embedded store: dense seqs in insertion order, the counts and the dirty set. */
import type { Person } from '../../domain/records.js';
import type { DirtySeqs, PersonPort, PersonWithEvents, StoreCounts, StoredPerson } from '../ports/persons.js';
import type { UpsertResult } from '../ports/upsert-result.js';
import { clone, sameRecord, type MemoryState } from './memory-state.js';

export class MemoryPersonStore implements PersonPort {
  constructor(private readonly state: MemoryState) {}

  async upsertPersons(persons: readonly Person[]): Promise<UpsertResult> {
    const { state } = this;
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const person of persons) {
      const existing = state.persons.get(person.id);
      if (!existing) {
        const stored: StoredPerson = { ...clone(person), seq: state.seqIndex.length };
        state.persons.set(person.id, stored);
        state.seqIndex.push(stored);
        state.touchLinks(person.id);
        result.created++;
        continue;
      }
      const { seq, ...current } = existing;
      if (sameRecord(current, person)) {
        result.unchanged++;
        continue;
      }
      const stored: StoredPerson = { ...clone(person), seq };
      state.persons.set(person.id, stored);
      state.seqIndex[seq] = stored;
      state.touchLinks(person.id);
      result.updated++;
    }
    return result;
  }

  async getPerson(id: string): Promise<StoredPerson | undefined> {
    const person = this.state.persons.get(id);
    return person && clone(person);
  }

  async existingPersonIds(ids: readonly string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.state.persons.has(id)));
  }

  async personsInSeqRange(fromSeq: number, toSeq: number): Promise<StoredPerson[]> {
    return this.state.personsInSeqRange(fromSeq, toSeq).map(clone);
  }

  async personsWithEventsInSeqRange(fromSeq: number, toSeq: number): Promise<PersonWithEvents[]> {
    return this.state.personsInSeqRange(fromSeq, toSeq).map((person) => ({ person: clone(person), events: this.state.eventsOf(person.id) }));
  }

  async personIdsInSeqRange(fromSeq: number, toSeq: number): Promise<{ seq: number; id: string }[]> {
    return this.state.personsInSeqRange(fromSeq, toSeq).map((person) => ({ seq: person.seq, id: person.id }));
  }

  async personsAtSeqs(seqs: readonly number[]): Promise<StoredPerson[]> {
    return this.state.personsAtSeqs(seqs).map(clone);
  }

  async personsWithEventsAtSeqs(seqs: readonly number[]): Promise<PersonWithEvents[]> {
    return this.state.personsAtSeqs(seqs).map((person) => ({ person: clone(person), events: this.state.eventsOf(person.id) }));
  }

  async seqBound(): Promise<number> {
    return this.state.seqIndex.length;
  }

  async counts(): Promise<StoreCounts> {
    const { state } = this;
    return { persons: state.persons.size, friendships: state.friendships.size, transactions: state.transactions.size, events: state.events.size };
  }

  async dirtySeqsSince(at: string): Promise<DirtySeqs> {
    const since = (marks: Map<number, string>) => [...marks].filter(([, updatedAt]) => updatedAt >= at).map(([seq]) => seq).sort((x, y) => x - y);
    return { seqs: since(this.state.personUpdatedAt), linkSeqs: since(this.state.linksUpdatedAt) };
  }
}
