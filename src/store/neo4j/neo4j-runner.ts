/**
 * Runs named statements from `cypher/` against one driver: single statements, reads and writes, as
 * auto-commit queries retried on transient failures; several statements in managed transactions
 * (the driver retries transient failures such as deadlocks). Connection failures become
 * `StoreUnavailableError`, so callers never see a driver error for "the database is down".
 */
import neo4j, { type Driver, type ManagedTransaction, type Neo4jError, type RecordShape } from 'neo4j-driver';
import { StoreUnavailableError } from '../errors.js';
import { cypher } from './cypher.js';
import type { Neo4jLiveness } from './liveness.js';

export type Params = Record<string, unknown>;

const accessModes = { READ: neo4j.session.READ, WRITE: neo4j.session.WRITE } as const;

/** Driver error codes that mean the server cannot be reached (the driver's own constants). */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([neo4j.error.SERVICE_UNAVAILABLE, neo4j.error.SESSION_EXPIRED]);

/** An integer parameter: the driver sends JS numbers as floats, which `LIMIT`/`SKIP` refuse. */
export const int = (value: number) => neo4j.int(value);

/** One statement run inside a managed transaction, by name. */
export async function runIn<T extends RecordShape = RecordShape>(
  tx: ManagedTransaction,
  name: string,
  params: Params = {},
): Promise<T[]> {
  const result = await tx.run<T>(cypher(name), params);
  return result.records.map((record) => record.toObject());
}

export class Neo4jRunner {
  constructor(
    readonly driver: Driver,
    readonly database: string | undefined,
    /** How long a failing auto-commit read is retried: the driver's maxTransactionRetryTime (connection.ts). */
    readonly retryMs = 15_000,
    /** When set, every call fails fast on a server that does not answer (liveness.ts). */
    private readonly liveness?: Neo4jLiveness,
  ) {}

  private guarded<T>(call: () => Promise<T>): Promise<T> {
    return this.liveness ? this.liveness.guard(call) : call();
  }

  /**
   * Runs one named read statement and returns its rows as plain objects, as an auto-commit query
   * (`autoCommit`); reads are safe to repeat.
   */
  read<T extends RecordShape = RecordShape>(name: string, params: Params = {}): Promise<T[]> {
    return this.guarded(() => this.autoCommit<T>('READ', name, params));
  }

  /**
   * Runs one named statement as its own write transaction and returns its rows once it is
   * committed: it commits entirely or not at all. It runs as an auto-commit query (`autoCommit`).
   * A transient failure runs it again, as a managed transaction's would: a failure while the commit
   * is under way cannot tell whether it committed, so a repeat may apply it twice — statements that
   * create (an access-log entry) may then leave two.
   */
  write<T extends RecordShape = RecordShape>(name: string, params: Params = {}): Promise<T[]> {
    return this.guarded(() => this.autoCommit<T>('WRITE', name, params));
  }

  /**
   * One statement as an auto-commit query — one statement is one transaction either way — because
   * that is one network round trip (RUN and PULL written together, the commit's bookmark in PULL's
   * last reply), where a managed transaction adds BEGIN and a second round trip for COMMIT. On the
   * API's score reads that was a third of the time; on its logged score reads (a write) it cut the
   * CPU per read of the API and of Neo4j by about a fifth each (BENCHMARKS.md, "The logged read as
   * an auto-commit query"). Transient failures are retried with the driver's backoff within
   * `retryMs`, as managed transactions are.
   */
  private async autoCommit<T extends RecordShape>(mode: 'READ' | 'WRITE', name: string, params: Params): Promise<T[]> {
    const statement = cypher(name);
    const started = Date.now();
    let delay = 0;
    for (let attempt = 0; ; attempt++) {
      const session = this.driver.session({ database: this.database, defaultAccessMode: accessModes[mode] });
      try {
        const result = await session.run<T>(statement, params);
        return result.records.map((record) => record.toObject());
      } catch (error) {
        // The driver's own backoff for managed transactions: 1 s, doubling, ±20% jitter — but
        // never a wait that ends past the budget (a fail-fast API would answer late for nothing).
        delay = 1_000 * 2 ** attempt * (0.8 + 0.4 * Math.random());
        if (!neo4j.isRetryableError(error) || Date.now() - started + delay > this.retryMs) throw asStoreError(error);
      } finally {
        await session.close().catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /**
   * Runs one named read statement and yields its rows as they arrive, at most `fetchSize` rows
   * in flight. Not retried: a stream that fails part-way fails its caller (a recompute step is
   * retried as a whole).
   */
  async *stream<T extends RecordShape = RecordShape>(name: string, params: Params = {}, fetchSize = 1_000): AsyncGenerator<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ, fetchSize });
    try {
      for await (const record of session.run<T>(cypher(name), params)) yield record.toObject();
    } catch (error) {
      throw asStoreError(error);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** Runs `work` in one read transaction (retried as a whole on transient errors). */
  readTx<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.withSession('READ', (session) => session.executeRead(work));
  }

  /**
   * Runs `work` in one write transaction: it commits entirely or not at all. On a transient
   * error the driver runs `work` again from the start, so `work` must not keep state outside.
   */
  writeTx<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.withSession('WRITE', (session) => session.executeWrite(work));
  }

  private withSession<T>(mode: 'READ' | 'WRITE', work: (session: ReturnType<Driver['session']>) => Promise<T>): Promise<T> {
    return this.guarded(() => this.inSession(mode, work));
  }

  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    work: (session: ReturnType<Driver['session']>) => Promise<T>,
  ): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: accessModes[mode] });
    try {
      return await work(session);
    } catch (error) {
      throw asStoreError(error);
    } finally {
      await session.close().catch(() => undefined);
    }
  }
}

/** `StoreUnavailableError` for connection failures, the error itself otherwise. */
function asStoreError(error: unknown): unknown {
  const code = (error as Partial<Neo4jError> | undefined)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    return new StoreUnavailableError(`Neo4j is unavailable: ${message}`, { cause: error });
  }
  return error;
}
