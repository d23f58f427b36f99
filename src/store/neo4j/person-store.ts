/**
 * Persons in Neo4j: batched upserts with dense seq allocation, reads by id and by seq range,
 * the dirty set of an incremental run, and the graph's counts.
 */
import type { CreditEvent, Person } from '../../domain/records.js';
import type { DirtySeqs, PersonPort, PersonWithEvents, StoreCounts, StoredPerson } from '../ports/persons.js';
import type { UpsertResult } from '../ports/upsert-result.js';
import { chunks, definedOnly, seqChunks } from './batches.js';
import { int, type Neo4jRunner } from './neo4j-runner.js';
import { PACKED_MAX_BATCH, personsWithEventsOf, type PackedPersons } from './packed-columns.js';
import type { TiescoreProcedures } from './tiescore-procedures.js';
import { upsertInBatches } from './upsert-batches.js';

type Props = Record<string, unknown>;

export class PersonStore implements PersonPort {
  constructor(
    private readonly runner: Neo4jRunner,
    private readonly now: () => string,
    private readonly procedures: TiescoreProcedures,
  ) {}

  upsertPersons(persons: readonly Person[]): Promise<UpsertResult> {
    return upsertInBatches(this.runner, 'persons/upsert', persons.map(personProps), (row) => row.id, this.now());
  }

  async getPerson(id: string): Promise<StoredPerson | undefined> {
    const [row] = await this.runner.read<{ person: Props }>('persons/get', { id });
    return row ? toStoredPerson(row.person) : undefined;
  }

  async existingPersonIds(ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunks([...new Set(ids)])) {
      const rows = await this.runner.read<{ id: string }>('persons/existing-ids', { ids: chunk });
      for (const row of rows) found.add(row.id);
    }
    return found;
  }

  async personsInSeqRange(fromSeq: number, toSeq: number): Promise<StoredPerson[]> {
    const rows = await this.runner.read<{ person: Props }>('persons/by-seq', { fromSeq: int(fromSeq), toSeq: int(toSeq) });
    return rows.map((row) => toStoredPerson(row.person));
  }

  async personsWithEventsInSeqRange(fromSeq: number, toSeq: number): Promise<PersonWithEvents[]> {
    if (toSeq > fromSeq && toSeq - fromSeq <= PACKED_MAX_BATCH && (await this.procedures.has('tiescore.snapshot.persons'))) {
      const rows = await this.procedures.guard(() => this.runner.read('persons/packed', { fromSeq: int(fromSeq), toSeq: int(toSeq) }));
      return personsWithEventsOf(rows[0] as unknown as PackedPersons);
    }
    const rows = await this.runner.read<PersonWithEventsRow>('persons/with-events-by-seq', { fromSeq: int(fromSeq), toSeq: int(toSeq) });
    return rows.map(personWithEventsOfRow);
  }

  async personsWithEventsAtSeqs(seqs: readonly number[]): Promise<PersonWithEvents[]> {
    const persons: PersonWithEvents[] = [];
    for (const chunk of seqChunks(seqs)) {
      const rows = await this.runner.read<PersonWithEventsRow>('persons/with-events-by-seqs', { seqs: chunk.map(int) });
      persons.push(...rows.map(personWithEventsOfRow));
    }
    return persons;
  }

  personIdsInSeqRange(fromSeq: number, toSeq: number): Promise<{ seq: number; id: string }[]> {
    return this.runner.read<{ seq: number; id: string }>('persons/ids-by-seq', { fromSeq: int(fromSeq), toSeq: int(toSeq) });
  }

  async personsAtSeqs(seqs: readonly number[]): Promise<StoredPerson[]> {
    const persons: StoredPerson[] = [];
    for (const chunk of seqChunks(seqs)) {
      const rows = await this.runner.read<{ person: Props }>('persons/by-seqs', { seqs: chunk.map(int) });
      persons.push(...rows.map((row) => toStoredPerson(row.person)));
    }
    return persons;
  }

  async seqBound(): Promise<number> {
    const [row] = await this.runner.read<{ bound: number }>('persons/seq-bound');
    return row?.bound ?? 0;
  }

  async dirtySeqsSince(at: string): Promise<DirtySeqs> {
    const rows = await this.runner.read<{ seq: number; links: boolean }>('persons/dirty-since', { at });
    return { seqs: rows.map((row) => row.seq), linkSeqs: rows.filter((row) => row.links).map((row) => row.seq) };
  }

  async counts(): Promise<StoreCounts> {
    const [row] = await this.runner.read<StoreCounts>('store/counts');
    return row ?? { persons: 0, friendships: 0, transactions: 0, events: 0 };
  }
}

/** The stored properties of a person: exactly the record's fields, absent optionals left out. */
function personProps(person: Person): Props & { id: string } {
  return definedOnly({
    id: person.id,
    verified: person.verified,
    accountCreated: person.accountCreated,
    incomeMonthly: person.incomeMonthly,
    debtMonthly: person.debtMonthly,
    assets: person.assets,
    billsOnTimeRatio: person.billsOnTimeRatio,
    activityRegularity: person.activityRegularity,
    addressChanges: person.addressChanges,
    birthYear: person.birthYear,
    sex: person.sex,
  }) as Props & { id: string };
}

/** A row of persons/with-events-by-seq(s): the person and their events as lists. */
interface PersonWithEventsRow {
  person: PersonList;
  events: [string, CreditEvent['kind'], string, number, string, CreditEvent['status'], string | null][];
}

function personWithEventsOfRow(row: PersonWithEventsRow): PersonWithEvents {
  const person = storedPersonOfList(row.person);
  const events = row.events.map(([id, kind, at, amount, source, status, until]) => {
    const event: CreditEvent = { id, personId: person.id, kind, at, amount, source, status };
    if (until != null) event.until = until;
    return event;
  });
  // As events/by-seq orders them (ids are ASCII, so code-unit order is Cypher's string order).
  events.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { person, events };
}

/** A person as persons/with-events-by-seq(s) returns it: its properties in this order, null when absent. */
type PersonList = [number, string, ...unknown[]];
const PERSON_LIST_FIELDS = ['seq', 'id', 'verified', 'accountCreated', 'incomeMonthly', 'debtMonthly', 'assets', 'billsOnTimeRatio', 'activityRegularity', 'addressChanges', 'birthYear', 'sex'] as const;

function storedPersonOfList(values: PersonList): StoredPerson {
  const props: Props = {};
  PERSON_LIST_FIELDS.forEach((name, k) => (props[name] = values[k]));
  return toStoredPerson(props);
}

/** A stored person from its node's properties; an absent property is an unknown attribute. */
export function toStoredPerson(props: Props): StoredPerson {
  const known = <T>(value: unknown): T | undefined => (value == null ? undefined : (value as T));
  return definedOnly({
    id: props.id as string,
    seq: props.seq as number,
    verified: known<boolean>(props.verified),
    accountCreated: known<string>(props.accountCreated),
    incomeMonthly: known<number>(props.incomeMonthly),
    debtMonthly: known<number>(props.debtMonthly),
    assets: known<number>(props.assets),
    billsOnTimeRatio: known<number>(props.billsOnTimeRatio),
    activityRegularity: known<number>(props.activityRegularity),
    addressChanges: known<number>(props.addressChanges),
    birthYear: known<number>(props.birthYear),
    sex: known<StoredPerson['sex']>(props.sex),
  }) as StoredPerson;
}
