import { describe, expect, it } from 'vitest';
import type { ScoreRun } from '../../../../src/domain/scores.js';
import { run as contractRun } from '../../../contract/store-contract.js';
import { jobIdsToCheck, LIVE_JOB_STATES, runsToReap, type JobObservation } from '../../../../src/jobs/recompute/lost-runs.js';

const NOW = new Date('2026-07-01T12:00:00.000Z');
const MINUTE = 60_000;

const run = (id: string, overrides: Partial<ScoreRun> = {}): ScoreRun =>
  contractRun(id, { startedAt: new Date(NOW.getTime() - 10 * MINUTE).toISOString(), jobId: id, queuePrefix: 'tiescore', ...overrides });

const reap = (runs: ScoreRun[], jobs: Record<string, JobObservation>, graceMs = MINUTE) =>
  runsToReap(runs, new Map(Object.entries(jobs)), { queuePrefix: 'tiescore', now: NOW, graceMs });

describe('runsToReap', () => {
  it('fails a running run whose job Redis no longer has, saying so and what to do', () => {
    expect(reap([run('r1')], { r1: { state: 'unknown' } })).toEqual([
      { runId: 'r1', reason: 'its job r1 was lost from Redis (Redis restarted without persistence or its queue keys were removed); start a new run' },
    ]);
  });

  it.each(LIVE_JOB_STATES)('leaves a run whose job is %s', (state) => {
    expect(reap([run('r1')], { r1: { state } })).toEqual([]);
  });

  it('fails a run whose job failed or completed without recording the run, with the job error', () => {
    const reaped = reap([run('r1'), run('r2', { jobId: 'repeat:nightly-recompute:1' })], {
      r1: { state: 'failed', failedReason: 'job stalled more than allowable limit' },
      'repeat:nightly-recompute:1': { state: 'completed' },
    });
    expect(reaped).toEqual([
      { runId: 'r1', reason: "its job r1 failed without recording the run's end (job stalled more than allowable limit); start a new run" },
      { runId: 'r2', reason: 'its job repeat:nightly-recompute:1 ended (completed) without finishing the run; start a new run' },
    ]);
  });

  it('leaves a run that started within the grace period, and judges it once the period is over', () => {
    const fresh = run('r1', { startedAt: new Date(NOW.getTime() - 59_999).toISOString() });
    expect(reap([fresh], { r1: { state: 'unknown' } })).toEqual([]);
    const old = run('r1', { startedAt: new Date(NOW.getTime() - MINUTE).toISOString() });
    expect(reap([old], { r1: { state: 'unknown' } }).map((r) => r.runId)).toEqual(['r1']);
  });

  it('never judges a run with an unreadable start time', () => {
    expect(reap([run('r1', { startedAt: 'not a date' })], { r1: { state: 'unknown' } })).toEqual([]);
  });

  it('leaves runs that are not running, have no job, or belong to another queue', () => {
    const runs = [
      run('complete', { status: 'complete' }),
      run('failed', { status: 'failed' }),
      run('inline', { jobId: undefined, queuePrefix: undefined }),
      run('other', { queuePrefix: 'tiescore-staging' }),
    ];
    const gone = Object.fromEntries(runs.map((r) => [r.id, { state: 'unknown' }]));
    expect(reap(runs, gone)).toEqual([]);
  });

  it('gives no verdict on a run whose job was not looked at', () => {
    expect(reap([run('r1'), run('r2')], { r2: { state: 'unknown' } }).map((r) => r.runId)).toEqual(['r2']);
  });
});

describe('jobIdsToCheck', () => {
  it('names the jobs of the running runs of this queue only', () => {
    const runs = [
      run('r1'),
      run('r2', { jobId: 'repeat:nightly-recompute:1' }),
      run('done', { status: 'complete' }),
      run('inline', { jobId: undefined }),
      run('other', { queuePrefix: 'elsewhere' }),
    ];
    expect(jobIdsToCheck(runs, 'tiescore')).toEqual(['r1', 'repeat:nightly-recompute:1']);
  });
});
