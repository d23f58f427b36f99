/**
 * Bulk score exports (`tiescore scores export`, `GET /v1/runs/{id}/scores`): each one is recorded
 * — who, when, for what purpose, how many rows — and shows in the access log of every person it
 * included as one entry naming it. The record holds the seq range it covered instead of one
 * access-log entry per person, so recording a million-person export is one write.
 */
import type { ApiRole } from './safeguards.js';

/** An export's purpose is said in this many characters (trimmed): recorded and shown to the persons included. */
export const PURPOSE_LENGTH = { min: 3, max: 200 } as const;

export const SCORE_EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ScoreExportFormat = (typeof SCORE_EXPORT_FORMATS)[number];

export interface ScoreExportRecord {
  id: string;
  /** The exported run and the runs it serves scores from (its lineage, newest first). */
  runId: string;
  lineage: string[];
  format: ScoreExportFormat;
  /** `api` (a key's request) or `cli` (an operator's `tiescore scores export`). */
  via: 'api' | 'cli';
  /** The API key id, or `cli:<user>`. */
  actor: string;
  role: ApiRole;
  purpose: string;
  /** ISO instants. */
  startedAt: string;
  finishedAt?: string | undefined;
  /**
   * Persons with `fromSeq ≤ seq ≤ toSeq` whom the run scored were included. While the export
   * runs, `toSeq` is the end of everything it may send (so a crash over-reports, never hides a
   * person); when it ends, the last seq actually sent.
   */
  fromSeq: number;
  toSeq: number;
  /** Rows sent (0 until it ends). */
  rows: number;
  status: 'running' | 'complete' | 'interrupted';
}
