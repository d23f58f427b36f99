/** Score runs in the embedded store and the publication pointer (the id of the served run). */
import type { ScoreRun } from '../../domain/scores.js';
import { NotFoundError } from '../errors.js';
import type { RunCompletion, RunFailure, RunPort } from '../ports/runs.js';
import { clone, type MemoryState } from './memory-state.js';

export class MemoryRunStore implements RunPort {
  constructor(private readonly state: MemoryState) {}

  async createRun(run: ScoreRun): Promise<void> {
    if (this.state.runs.has(run.id)) throw new Error(`store: run "${run.id}" exists already`);
    this.state.runs.set(run.id, clone(run));
  }

  async updateRun(id: string, patch: Partial<Omit<ScoreRun, 'id'>>): Promise<void> {
    Object.assign(this.stored(id), clone(patch));
  }

  async getRun(id: string): Promise<ScoreRun | undefined> {
    const run = this.state.runs.get(id);
    return run && clone(run);
  }

  async listRuns(limit: number): Promise<ScoreRun[]> {
    return this.state.runsNewestFirst().slice(0, limit).map(clone);
  }

  async runningRuns(): Promise<ScoreRun[]> {
    return [...this.state.runs.values()]
      .filter((run) => run.status === 'running')
      .sort((x, y) => (x.startedAt < y.startedAt ? -1 : x.startedAt > y.startedAt ? 1 : x.id.localeCompare(y.id)))
      .map(clone);
  }

  async failRunIfRunning(id: string, failure: RunFailure): Promise<boolean> {
    const run = this.state.runs.get(id);
    if (run?.status !== 'running') return false;
    Object.assign(run, { status: 'failed', ...failure });
    return true;
  }

  async completeRunUnlessFailed(id: string, completion: RunCompletion): Promise<boolean> {
    const run = this.state.runs.get(id);
    if (run === undefined || run.status === 'failed') return false;
    Object.assign(run, { status: 'complete', ...clone(completion) });
    return true;
  }

  async publishRun(id: string, at: string): Promise<void> {
    const run = this.stored(id);
    if (run.status !== 'complete') throw new Error(`store: run "${id}" is ${run.status}, only a complete run can be published`);
    run.publishedAt = at;
    this.state.publishedRunId = id;
  }

  async publishedRun(): Promise<ScoreRun | undefined> {
    const id = this.state.publishedRunId;
    return id === undefined ? undefined : this.getRun(id);
  }

  async deleteRun(id: string): Promise<void> {
    if (id === this.state.publishedRunId) throw new Error(`store: run "${id}" is published and cannot be deleted`);
    this.state.runs.delete(id);
    this.state.scores.delete(id);
  }

  private stored(id: string): ScoreRun {
    const run = this.state.runs.get(id);
    if (!run) throw new NotFoundError(`store: no run "${id}"`);
    return run;
  }
}
