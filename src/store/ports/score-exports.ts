/** The score exports port: records of bulk score exports (src/domain/score-exports.ts). */
import type { ScoreExportRecord } from '../../domain/score-exports.js';
import type { MethodSet } from './port-methods.js';

export interface ScoreExportPort {
  /** Records a bulk score export as it starts. */
  createScoreExport(record: ScoreExportRecord): Promise<void>;
  /** Records how an export ended: when, rows sent, the last seq sent, the status. */
  finishScoreExport(id: string, end: Pick<ScoreExportRecord, 'finishedAt' | 'rows' | 'toSeq' | 'status'>): Promise<void>;
  /**
   * The exports that included the person, newest first: their seq in the export's range and a
   * score in a run of its lineage — or, once the export's run was deleted, the range alone.
   */
  scoreExportsIncluding(personId: string, limit: number): Promise<ScoreExportRecord[]>;
  /** Newest first. */
  listScoreExports(limit: number): Promise<ScoreExportRecord[]>;
  /** Deletes the export records started before `at` (ISO instant), with the access log's retention; how many. */
  deleteScoreExportsBefore(at: string): Promise<number>;
}

export const SCORE_EXPORT_METHODS: MethodSet<ScoreExportPort> = {
  createScoreExport: true,
  finishScoreExport: true,
  scoreExportsIncluding: true,
  listScoreExports: true,
  deleteScoreExportsBefore: true,
};
