/** Credit events in Neo4j: Event nodes linked from their person by HAS_EVENT, upserted in batches. */
import type { CreditEvent } from '../../domain/records.js';
import { NotFoundError } from '../errors.js';
import type { EventPort } from '../ports/events.js';
import type { UpsertResult } from '../ports/upsert-result.js';
import { definedOnly } from './batches.js';
import { int, type Neo4jRunner } from './neo4j-runner.js';
import { upsertOwnedInBatches } from './upsert-batches.js';

type Props = Record<string, unknown>;

export class EventStore implements EventPort {
  constructor(
    private readonly runner: Neo4jRunner,
    private readonly now: () => string,
  ) {}

  upsertEvents(events: readonly CreditEvent[]): Promise<UpsertResult> {
    const rows = events.map((event) => ({
      personId: event.personId,
      status: event.status,
      event: definedOnly({
        id: event.id,
        kind: event.kind,
        at: event.at,
        amount: event.amount,
        source: event.source,
        until: event.until,
      }),
    }));
    return upsertOwnedInBatches(this.runner, 'events/upsert', rows, (row) => row.event.id as string, (row) => row.personId, this.now());
  }

  async eventsOf(personId: string): Promise<CreditEvent[]> {
    const rows = await this.runner.read<{ personId: string; event: Props }>('events/of-person', { personId });
    return rows.map((row) => toCreditEvent(row.personId, row.event));
  }

  async eventsInSeqRange(fromSeq: number, toSeq: number): Promise<Map<number, CreditEvent[]>> {
    const rows = await this.runner.read<{ seq: number; personId: string; event: Props }>('events/by-seq', {
      fromSeq: int(fromSeq),
      toSeq: int(toSeq),
    });
    const bySeq = new Map<number, CreditEvent[]>();
    for (const row of rows) {
      let events = bySeq.get(row.seq);
      if (events === undefined) bySeq.set(row.seq, (events = []));
      events.push(toCreditEvent(row.personId, row.event));
    }
    return bySeq;
  }

  async setEventStatus(eventId: string, status: CreditEvent['status']): Promise<void> {
    const rows = await this.runner.write('events/set-status', { id: eventId, status, now: this.now() });
    if (rows.length === 0) throw new NotFoundError(`event ${eventId} not found`);
  }
}

/** A credit event from its node's properties. */
export function toCreditEvent(personId: string, props: Props): CreditEvent {
  const event: CreditEvent = {
    id: props.id as string,
    personId,
    kind: props.kind as CreditEvent['kind'],
    at: props.at as string,
    amount: props.amount as number,
    source: props.source as string,
    status: props.status as CreditEvent['status'],
  };
  if (props.until != null) event.until = props.until as string;
  return event;
}
