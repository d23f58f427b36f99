/** Bulk score exports in Neo4j: one `ScoreExport` node each, its properties the record's fields. */
import type { ScoreExportRecord } from '../../domain/score-exports.js';
import { NotFoundError } from '../errors.js';
import type { ScoreExportPort } from '../ports/score-exports.js';
import { int, type Neo4jRunner } from './neo4j-runner.js';
import { BLOCK_SIZE_PARAMS } from './score-blocks.js';

export class ScoreExportStore implements ScoreExportPort {
  constructor(private readonly runner: Neo4jRunner) {}

  async createScoreExport(record: ScoreExportRecord): Promise<void> {
    await this.runner.write('score-exports/create', { record: this.props(record) });
  }

  async finishScoreExport(id: string, end: Pick<ScoreExportRecord, 'finishedAt' | 'rows' | 'toSeq' | 'status'>): Promise<void> {
    const rows = await this.runner.write('score-exports/finish', { id, end: { ...end, rows: int(end.rows), toSeq: int(end.toSeq) } });
    if (rows.length === 0) throw new NotFoundError(`score export ${id} not found`);
  }

  async scoreExportsIncluding(personId: string, limit: number): Promise<ScoreExportRecord[]> {
    const rows = await this.runner.read<{ export: ScoreExportRecord }>('score-exports/including-person', { personId, limit: int(limit), ...BLOCK_SIZE_PARAMS });
    return rows.map((row) => row.export);
  }

  async listScoreExports(limit: number): Promise<ScoreExportRecord[]> {
    const rows = await this.runner.read<{ export: ScoreExportRecord }>('score-exports/list', { limit: int(limit) });
    return rows.map((row) => row.export);
  }

  async deleteScoreExportsBefore(at: string): Promise<number> {
    const [row] = await this.runner.write<{ deleted: number }>('score-exports/delete-before', { before: at });
    return row?.deleted ?? 0;
  }

  private props(record: ScoreExportRecord): Record<string, unknown> {
    const { finishedAt: _finishedAt, ...rest } = record;
    return { ...rest, fromSeq: int(record.fromSeq), toSeq: int(record.toSeq), rows: int(record.rows) };
  }
}
