/**
 * The access-log port: who read a person's data (append-only, read by the subject) and who
 * read an aggregate report.
 */
import type { AccessLogEntry, ReportRead } from '../../domain/safeguards.js';
import type { MethodSet } from './port-methods.js';

export interface AccessLogPort {
  appendAccessLog(entry: AccessLogEntry): Promise<void>;
  /**
   * Appends several entries at once, all or none (one transaction in Neo4j): the API batches the
   * entries of concurrent reads into one write (src/api/access-log-writer.ts).
   */
  appendAccessLogs(entries: readonly AccessLogEntry[]): Promise<void>;
  /** Newest first. */
  accessLogOf(personId: string, limit: number): Promise<AccessLogEntry[]>;
  /** Records one request for an aggregate report (the fairness report). */
  appendReportRead(entry: ReportRead): Promise<void>;
  /** The recorded report requests, newest first. */
  reportReads(limit: number): Promise<ReportRead[]>;
}

export const ACCESS_LOG_METHODS: MethodSet<AccessLogPort> = {
  appendAccessLog: true,
  appendAccessLogs: true,
  accessLogOf: true,
  appendReportRead: true,
  reportReads: true,
};
