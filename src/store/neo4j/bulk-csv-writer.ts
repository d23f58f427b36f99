/**
 * The target of a first load (`tiescore import --initial`): takes the importer's validated batches
 * through the same upsert methods a store has and writes them as Neo4j bulk-import CSVs
 * (bulk-csv-format.ts) instead of sending them to a database, so the rows are checked by the one
 * importer (src/import/importer.ts) whichever way they are loaded. It applies the upserts' rules:
 * seqs handed out from 0 in row order, a person's seq kept when the person comes again, a repeated
 * key replacing the earlier row, friendships stored once per unordered pair, an event moving to
 * the person of its latest row, the outcomes revision counted per written round of changes.
 * The database it stands for is empty: no person exists before, nobody was erased.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Outcome } from '../../domain/outcomes.js';
import type { CreditEvent, Friendship, Person, Transaction } from '../../domain/records.js';
import type { UpsertResult } from '../store.js';
import { chunks, rounds } from './batches.js';
import {
  BULK_FILES,
  counterLine,
  erasureSaltLine,
  eventLine,
  friendshipLine,
  hasEventLine,
  normalisedFriendship,
  outcomeLine,
  personLine,
  spansLines,
  transactionLine,
  type BulkFile,
} from './bulk-csv-format.js';
import { WholeNumberSet } from './key-sets.js';
import { KeyedCsvFile } from './keyed-csv-file.js';

/** What the bulk importer is given: the files and the options they need. */
export interface BulkImportInput {
  dir: string;
  /** `neo4j-admin database import full` arguments after the database name, one per element. */
  args: string[];
}

/** Seqs below 2^26 (67M persons) keep a pair's key an exact double. */
const PAIR = 2 ** 26;

export class BulkCsvWriter {
  private readonly seqs = new Map<string, number>();
  private readonly persons: KeyedCsvFile<string, Person>;
  private readonly friendships: KeyedCsvFile<number, Friendship>;
  private readonly transactions: KeyedCsvFile<number, Transaction>;
  private readonly events: KeyedCsvFile<string, CreditEvent>;
  private readonly hasEvent: KeyedCsvFile<string, CreditEvent>;
  private readonly outcomes = new Map<string, boolean>();
  private outcomesRevision = 0;
  private salt: string | undefined;
  private multiline = false;

  private constructor(
    private readonly dir: string,
    private readonly now: string,
  ) {
    const path = (file: BulkFile) => join(dir, BULK_FILES[file].file);
    const pairOf = (cells: string[]) => this.pairKey(cells[0]!, cells[1]!);
    this.persons = new KeyedCsvFile(path('persons'), BULK_FILES.persons.header, (cells) => cells[0]!, (p, old) => personLine(p, Number(old[1]), now));
    this.friendships = new KeyedCsvFile(path('friendships'), BULK_FILES.friendships.header, pairOf, (f) => friendshipLine(f, now), new WholeNumberSet());
    this.transactions = new KeyedCsvFile(path('transactions'), BULK_FILES.transactions.header, pairOf, (t) => transactionLine(t, now), new WholeNumberSet());
    this.events = new KeyedCsvFile(path('events'), BULK_FILES.events.header, (cells) => cells[0]!, (e) => eventLine(e, now));
    this.hasEvent = new KeyedCsvFile(path('hasEvent'), BULK_FILES.hasEvent.header, (cells) => cells[1]!, (e) => hasEventLine(e));
  }

  /** A writer into `dir` (created when missing); `now` is every row's updatedAt. */
  static async create(dir: string, now: string = new Date().toISOString()): Promise<BulkCsvWriter> {
    await mkdir(dir, { recursive: true });
    return new BulkCsvWriter(dir, now);
  }

  async upsertPersons(rows: readonly Person[]): Promise<UpsertResult> {
    const result = this.count(rows, (p) => {
      this.multiline ||= spansLines(p.id);
      // A person is new when it has no seq yet: the seqs are the file's keys (no second set of ids).
      const status = this.seqs.has(p.id) ? 'updated' : 'created';
      return this.persons.follow(p.id, p, () => {
        const seq = this.seqs.size;
        this.seqs.set(p.id, seq);
        return personLine(p, seq, this.now);
      }, status);
    });
    await this.persons.flush();
    return result;
  }

  async upsertFriendships(rows: readonly Friendship[]): Promise<UpsertResult> {
    const result = this.count(rows, (row) => {
      const f = normalisedFriendship(row);
      return this.friendships.add(this.pairKey(f.a, f.b), f, () => friendshipLine(f, this.now));
    });
    await this.friendships.flush();
    return result;
  }

  async upsertTransactions(rows: readonly Transaction[]): Promise<UpsertResult> {
    const result = this.count(rows, (t) => this.transactions.add(this.pairKey(t.from, t.to), t, () => transactionLine(t, this.now)));
    await this.transactions.flush();
    return result;
  }

  async upsertEvents(rows: readonly CreditEvent[]): Promise<UpsertResult> {
    const result = this.count(rows, (e) => {
      this.multiline ||= spansLines(e.source) || spansLines(e.id);
      const status = this.events.add(e.id, e, () => eventLine(e, this.now));
      return this.hasEvent.follow(e.id, e, () => hasEventLine(e), status);
    });
    await Promise.all([this.events.flush(), this.hasEvent.flush()]);
    return result;
  }

  /** As outcomes/upsert: the revision counter moves once per statement (a chunk's round) that changed anything. */
  upsertOutcomes(rows: readonly Outcome[]): Promise<UpsertResult> {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const chunk of chunks(rows)) {
      for (const round of rounds(chunk, (row) => row.personId)) {
        let changed = false;
        for (const { personId, defaulted } of round) {
          const before = this.outcomes.get(personId);
          const outcome = before === undefined ? 'created' : before === defaulted ? 'unchanged' : 'updated';
          result[outcome]++;
          changed ||= outcome !== 'unchanged';
          this.outcomes.set(personId, defaulted);
        }
        if (changed) this.outcomesRevision++;
      }
    }
    return Promise.resolve(result);
  }

  /** The database is empty: none of `ids` is stored. */
  existingPersonIds(): Promise<Set<string>> {
    return Promise.resolve(new Set());
  }

  /** The database is empty: the salt asked for first is the one stored with the data. */
  erasureSalt(candidate: string): Promise<string> {
    this.salt ??= candidate;
    return Promise.resolve(this.salt);
  }

  /** The database is empty: nobody was erased. */
  erasedHashes(): Promise<Set<string>> {
    return Promise.resolve(new Set());
  }

  /** The database is empty: it holds no erasure record, so the importer hashes no id. */
  holdsErasureRecords(): boolean {
    return false;
  }

  /** Closes every file and writes the ones known only at the end; returns the importer's input. */
  async finish(): Promise<BulkImportInput> {
    await Promise.all([this.persons, this.friendships, this.transactions, this.events, this.hasEvent].map((file) => file.close()));
    const write = (file: BulkFile, lines: string[]) => writeFile(join(this.dir, BULK_FILES[file].file), [`${BULK_FILES[file].header}\n`, ...lines].join(''));
    const counters = [
      ...(this.seqs.size > 0 ? [counterLine('person', this.seqs.size)] : []),
      ...(this.outcomesRevision > 0 ? [counterLine('outcomes-revision', this.outcomesRevision)] : []),
    ];
    await Promise.all([
      write('outcomes', [...this.outcomes].map(([personId, defaulted]) => outcomeLine({ personId, defaulted }, this.now))),
      write('counters', counters),
      write('erasureSalt', this.salt === undefined ? [] : [erasureSaltLine(this.salt)]),
    ]);
    const args = (Object.keys(BULK_FILES) as BulkFile[]).map((file) => `--${BULK_FILES[file].kind}=${join(this.dir, BULK_FILES[file].file)}`);
    args.push('--id-type=string', `--multiline-fields=${this.multiline}`, '--bad-tolerance=0', '--overwrite-destination=true', `--report-file=${join(this.dir, 'import.report')}`);
    await writeFile(join(this.dir, 'import.args'), `${args.join('\n')}\n`);
    return { dir: this.dir, args };
  }

  private pairKey(a: string, b: string): number {
    return this.seqs.get(a)! * PAIR + this.seqs.get(b)!;
  }

  private count<T>(rows: readonly T[], add: (row: T) => 'created' | 'updated'): UpsertResult {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const row of rows) result[add(row)]++;
    return result;
  }
}
