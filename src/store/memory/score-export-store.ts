/** Bulk score export records in the embedded store. */
import type { ScoreExportRecord } from '../../domain/score-exports.js';
import { NotFoundError } from '../errors.js';
import type { ScoreExportPort } from '../ports/score-exports.js';
import { clone, type MemoryState } from './memory-state.js';

const newestFirst = (x: ScoreExportRecord, y: ScoreExportRecord) => (x.startedAt < y.startedAt ? 1 : x.startedAt > y.startedAt ? -1 : 0);

export class MemoryScoreExportStore implements ScoreExportPort {
  constructor(private readonly state: MemoryState) {}

  async createScoreExport(record: ScoreExportRecord): Promise<void> {
    this.state.scoreExports.set(record.id, clone(record));
  }

  async finishScoreExport(id: string, end: Pick<ScoreExportRecord, 'finishedAt' | 'rows' | 'toSeq' | 'status'>): Promise<void> {
    const record = this.state.scoreExports.get(id);
    if (!record) throw new NotFoundError(`store: no score export "${id}"`);
    Object.assign(record, clone(end));
  }

  async scoreExportsIncluding(personId: string, limit: number): Promise<ScoreExportRecord[]> {
    const { state } = this;
    const person = state.persons.get(personId);
    if (!person) return [];
    const scored = (record: ScoreExportRecord) =>
      !state.runs.has(record.runId) || record.lineage.some((runId) => state.scores.get(runId)?.has(personId));
    return [...state.scoreExports.values()]
      .filter((record) => record.fromSeq <= person.seq && person.seq <= record.toSeq && scored(record))
      .sort(newestFirst)
      .slice(0, limit)
      .map(clone);
  }

  async listScoreExports(limit: number): Promise<ScoreExportRecord[]> {
    return [...this.state.scoreExports.values()].sort(newestFirst).slice(0, limit).map(clone);
  }

  async deleteScoreExportsBefore(at: string): Promise<number> {
    const old = [...this.state.scoreExports.values()].filter((record) => record.startedAt < at);
    for (const record of old) this.state.scoreExports.delete(record.id);
    return old.length;
  }
}
