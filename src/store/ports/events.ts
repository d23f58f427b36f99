/** The events port: credit events, keyed by event id, read per person or per seq. */
import type { CreditEvent } from '../../domain/records.js';
import type { MethodSet } from './port-methods.js';
import type { UpsertResult } from './upsert-result.js';

export interface EventPort {
  /** Inserts or updates credit events by `id`. An update keeps the stored dispute `status`. */
  upsertEvents(events: readonly CreditEvent[]): Promise<UpsertResult>;
  /** The person's events, every status, by event id. */
  eventsOf(personId: string): Promise<CreditEvent[]>;
  /** Events of the persons with `seq` in [fromSeq, toSeq), grouped by seq (persons without events absent). */
  eventsInSeqRange(fromSeq: number, toSeq: number): Promise<Map<number, CreditEvent[]>>;
  /** Sets a dispute status and marks the person changed; throws `NotFoundError` for an unknown event. */
  setEventStatus(eventId: string, status: CreditEvent['status']): Promise<void>;
}

export const EVENT_METHODS: MethodSet<EventPort> = {
  upsertEvents: true,
  eventsOf: true,
  eventsInSeqRange: true,
  setEventStatus: true,
};
