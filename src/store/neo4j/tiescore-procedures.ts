/**
 * Whether the server has tiescore's own procedures (dev/neo4j, dev.tiescore.procedures; installed
 * like any Neo4j plugin), which SNAPSHOT and SCORE read the graph through as packed columns
 * (docs/design.md, "Reading the graph"). Asked once per store; asked again after a packed read
 * failed (the plugin may have gone with a restart). Without them every read is plain Cypher.
 */
import { PACKED_COLUMNS_READABLE } from './packed-columns.js';
import type { Neo4jRunner } from './neo4j-runner.js';

/** How the store reads the graph: through tiescore's procedures when the server has them, or always through Cypher. */
export type GraphReads = 'auto' | 'cypher';

export class TiescoreProcedures {
  private names?: Promise<ReadonlySet<string>>;

  constructor(
    private readonly runner: Neo4jRunner,
    private readonly reads: GraphReads = 'auto',
  ) {}

  /** Whether `name` can be called (and packed reads are on). Never throws: on doubt, Cypher. */
  async has(name: string): Promise<boolean> {
    if (this.reads === 'cypher' || !PACKED_COLUMNS_READABLE) return false;
    this.names ??= this.runner.read<{ names: string[] }>('store/procedures').then((rows) => new Set(rows[0]?.names ?? []));
    try {
      return (await this.names).has(name);
    } catch {
      this.names = undefined; // not allowed to list procedures, or not answering: Cypher reads (and reports) instead
      return false;
    }
  }

  /** Runs `work` (a packed read); if it fails, asks the server again next time. */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.names = undefined;
      throw error;
    }
  }

  /** `guard` for a stream of rows. */
  async *guardStream<T>(rows: AsyncIterable<T>): AsyncGenerator<T> {
    try {
      yield* rows;
    } catch (error) {
      this.names = undefined;
      throw error;
    }
  }
}
