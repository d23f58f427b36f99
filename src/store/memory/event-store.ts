/** Credit events in the embedded store, indexed by person; an update keeps the dispute status. */
import type { CreditEvent } from '../../domain/records.js';
import { NotFoundError } from '../errors.js';
import type { EventPort } from '../ports/events.js';
import type { StoredPerson } from '../ports/persons.js';
import type { UpsertResult } from '../ports/upsert-result.js';
import { clone, sameRecord, type MemoryState } from './memory-state.js';

export class MemoryEventStore implements EventPort {
  constructor(private readonly state: MemoryState) {}

  async upsertEvents(events: readonly CreditEvent[]): Promise<UpsertResult> {
    const { state } = this;
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const event of events) {
      const existing = state.events.get(event.id);
      const row: CreditEvent = existing ? { ...clone(event), status: existing.status } : clone(event);
      if (existing && sameRecord(existing, row)) {
        result.unchanged++;
        continue;
      }
      if (existing && existing.personId !== row.personId) state.eventsByPerson.get(existing.personId)?.delete(row.id);
      state.events.set(row.id, row);
      let ids = state.eventsByPerson.get(row.personId);
      if (!ids) state.eventsByPerson.set(row.personId, (ids = new Set()));
      ids.add(row.id);
      state.touch(row.personId, ...(existing ? [existing.personId] : []));
      if (existing) result.updated++;
      else result.created++;
    }
    return result;
  }

  async eventsOf(personId: string): Promise<CreditEvent[]> {
    return this.state.eventsOf(personId);
  }

  async eventsInSeqRange(fromSeq: number, toSeq: number): Promise<Map<number, CreditEvent[]>> {
    return this.grouped(this.state.personsInSeqRange(fromSeq, toSeq));
  }

  async setEventStatus(eventId: string, status: CreditEvent['status']): Promise<void> {
    const event = this.state.events.get(eventId);
    if (!event) throw new NotFoundError(`store: no event "${eventId}"`);
    if (event.status === status) return;
    event.status = status;
    this.state.touch(event.personId);
  }

  /** The persons' events by seq; persons without events are left out. */
  private grouped(persons: readonly StoredPerson[]): Map<number, CreditEvent[]> {
    const grouped = new Map<number, CreditEvent[]>();
    for (const person of persons) {
      const events = this.state.eventsOf(person.id);
      if (events.length > 0) grouped.set(person.seq, events);
    }
    return grouped;
  }
}
