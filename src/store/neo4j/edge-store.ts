/**
 * Contact edges in Neo4j: FRIEND (one per unordered pair, stored from the smaller id to the
 * larger) and PAID (one per ordered pair), written in batches and streamed back as seq pairs for
 * the CSR snapshot — as packed columns through tiescore's own procedures when the server has them
 * (dev/neo4j; docs/design.md, "Reading the graph"), through Cypher when it does not.
 */
import type { Friendship, Transaction } from '../../domain/records.js';
import { edgeColumns } from '../edge-columns.js';
import type { EdgePort, FriendshipColumns, SeqFriendship, SeqTransaction, TransactionColumns } from '../ports/edges.js';
import type { PersonPort } from '../ports/persons.js';
import type { UpsertResult } from '../ports/upsert-result.js';
import { seqChunks } from './batches.js';
import { int, type Neo4jRunner } from './neo4j-runner.js';
import { friendshipColumnsOf, PACKED_MAX_BATCH, transactionColumnsOf, type PackedFriendships, type PackedTransactions } from './packed-columns.js';
import type { TiescoreProcedures } from './tiescore-procedures.js';
import { PersonRefs } from './person-refs.js';
import { writeEdgesInBatches } from './upsert-batches.js';

/** What the edge scan needs from the person side: the seq range and the edge totals. */
export type EdgeScanSource = Pick<PersonPort, 'seqBound' | 'counts'>;

/** Packed batches in flight per stream: each is a batch of edges, so a few keep Neo4j busy. */
const PACKED_FETCH_SIZE = 4;

/** An edge row with its two persons' node ids (both stored at lookup time). */
interface Linked<T> {
  row: T;
  start: number;
  end: number;
}

export class EdgeStore implements EdgePort {
  private readonly refs: PersonRefs;

  constructor(
    private readonly runner: Neo4jRunner,
    private readonly persons: EdgeScanSource,
    private readonly now: () => string,
    private readonly procedures: TiescoreProcedures,
  ) {
    this.refs = new PersonRefs(runner);
  }

  upsertFriendships(rows: readonly Friendship[]): Promise<UpsertResult> {
    const normalised = rows.map((row) => (row.a <= row.b ? row : { ...row, a: row.b, b: row.a }));
    return this.upsertEdges('friendships/upsert', normalised, (row) => [row.a, row.b], (round) => ({
      a: round.map((edge) => edge.row.a),
      b: round.map((edge) => edge.row.b),
      aNode: round.map((edge) => int(edge.start)),
      bNode: round.map((edge) => int(edge.end)),
      since: round.map((edge) => edge.row.since),
      interactions: round.map((edge) => edge.row.interactions),
    }));
  }

  upsertTransactions(rows: readonly Transaction[]): Promise<UpsertResult> {
    return this.upsertEdges('transactions/upsert', rows, (row) => [row.from, row.to], (round) => ({
      from: round.map((edge) => edge.row.from),
      to: round.map((edge) => edge.row.to),
      fromNode: round.map((edge) => int(edge.start)),
      toNode: round.map((edge) => int(edge.end)),
      count: round.map((edge) => edge.row.count),
      amount: round.map((edge) => edge.row.amount),
      lastAt: round.map((edge) => edge.row.lastAt),
    }));
  }

  /**
   * Upserts edges by their persons' node ids, one column per parameter. Rows naming a person
   * who is not stored are skipped. When a kept node id went stale (the statement reports missing
   * rows: a person erased, the database wiped), the node ids are looked up again and the rows
   * written again — an idempotent MERGE, so rows the first attempt wrote come back unchanged
   * and are counted once.
   */
  private async upsertEdges<T>(
    statement: string,
    rows: readonly T[],
    ends: (row: T) => [string, string],
    columns: (round: Linked<T>[]) => Record<string, unknown>,
  ): Promise<UpsertResult> {
    const write = async () => {
      const refs = await this.refs.resolve(rows.flatMap(ends));
      const linked: Linked<T>[] = [];
      for (const row of rows) {
        const [start, end] = ends(row).map((id) => refs.get(id));
        if (start !== undefined && end !== undefined) linked.push({ row, start, end });
      }
      return writeEdgesInBatches(this.runner, statement, linked, (edge) => [edge.start, edge.end], this.now(), columns);
    };
    const first = await write();
    if (first.missing === 0) return { created: first.created, updated: first.updated, unchanged: first.unchanged };
    this.refs.forget();
    const again = await write();
    const firstWritten = first.created + first.updated;
    return { created: first.created + again.created, updated: first.updated + again.updated, unchanged: Math.max(0, again.unchanged - firstWritten) };
  }

  async *friendshipBatches(batchSize: number): AsyncIterable<FriendshipColumns> {
    checkBatchSize(batchSize);
    if (await this.procedures.has('tiescore.snapshot.friendships')) {
      for await (const row of this.packed<PackedFriendships>('friendships/packed', batchSize)) yield friendshipColumnsOf(row);
      return;
    }
    const { friendships } = await this.persons.counts();
    type Row = { a: number; edges: [number, string, number][] };
    const rows = this.scanBySeq<Row, SeqFriendship>('friendships/by-seq', batchSize, friendships, (row, out) => {
      for (const [b, since, interactions] of row.edges) out.push({ a: row.a, b, since, interactions });
    });
    for await (const batch of rows) yield edgeColumns.friendships(batch);
  }

  async *transactionBatches(batchSize: number): AsyncIterable<TransactionColumns> {
    checkBatchSize(batchSize);
    if (await this.procedures.has('tiescore.snapshot.transactions')) {
      for await (const row of this.packed<PackedTransactions>('transactions/packed', batchSize)) yield transactionColumnsOf(row);
      return;
    }
    const { transactions } = await this.persons.counts();
    type Row = { from: number; edges: [number, number, number, string][] };
    const rows = this.scanBySeq<Row, SeqTransaction>('transactions/by-seq', batchSize, transactions, (row, out) => {
      for (const [to, count, amount, lastAt] of row.edges) out.push({ from: row.from, to, count, amount, lastAt });
    });
    for await (const batch of rows) yield edgeColumns.transactions(batch);
  }

  private async *packed<Row extends object>(statement: string, batchSize: number): AsyncGenerator<Row> {
    const rows = this.runner.stream(statement, { batchSize: int(batchSize) }, PACKED_FETCH_SIZE);
    for await (const row of this.procedures.guardStream(rows)) yield row as Row;
  }

  friendshipsTouchingSeqs(seqs: readonly number[]): Promise<SeqFriendship[]> {
    return this.edgesOfSeqs<SeqFriendship>('friendships/of-seqs', seqs, (row) => `${row.a} ${row.b}`);
  }

  transactionsTouchingSeqs(seqs: readonly number[]): Promise<SeqTransaction[]> {
    return this.edgesOfSeqs<SeqTransaction>('transactions/of-seqs', seqs, (row) => `${row.from} ${row.to}`);
  }

  /** The edges touching `seqs`, each once: an edge between two chunks' persons comes back twice. */
  private async edgesOfSeqs<T>(statement: string, seqs: readonly number[], keyOf: (row: T) => string): Promise<T[]> {
    const byKey = new Map<string, T>();
    for (const chunk of seqChunks(seqs)) {
      for (const row of await this.runner.read<T & Record<string, unknown>>(statement, { seqs: chunk.map(int) })) byKey.set(keyOf(row), row);
    }
    return [...byKey.values()];
  }

  /**
   * Every edge the statement returns over consecutive seq ranges of its start person (one row
   * per start person, `flatten` turning it into its edges), regrouped into batches of
   * `batchSize`. The range width adapts so that each query returns about one batch of edges, so
   * memory stays near one batch whatever the graph's size or degree skew.
   */
  private async *scanBySeq<Row, T>(statement: string, batchSize: number, edgeCount: number, flatten: (row: Row, out: T[]) => void): AsyncGenerator<T[]> {
    const bound = await this.persons.seqBound();
    if (bound === 0 || edgeCount === 0) return;
    let width = clampWidth((batchSize * bound) / edgeCount, bound);
    let buffer: T[] = [];
    for (let fromSeq = 0; fromSeq < bound; ) {
      const toSeq = Math.min(bound, fromSeq + width);
      const rows = await this.runner.read<Row & Record<string, unknown>>(statement, { fromSeq: int(fromSeq), toSeq: int(toSeq) });
      const before = buffer.length;
      for (const row of rows) flatten(row, buffer);
      const edges = buffer.length - before;
      while (buffer.length >= batchSize) {
        yield buffer.slice(0, batchSize);
        buffer = buffer.slice(batchSize);
      }
      width = clampWidth(edges === 0 ? width * 2 : (width * batchSize) / edges, bound);
      fromSeq = toSeq;
    }
    if (buffer.length > 0) yield buffer;
  }
}

function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > PACKED_MAX_BATCH) {
    throw new RangeError(`neo4j-store: batchSize must be an integer from 1 to ${PACKED_MAX_BATCH}, got ${batchSize}`);
  }
}

function clampWidth(width: number, bound: number): number {
  return Math.max(1, Math.min(bound, Math.round(width)));
}
