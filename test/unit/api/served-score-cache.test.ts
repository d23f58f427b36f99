/** The API's served-score cache: one run's scores, the least recently read going first. */
import { describe, expect, it } from 'vitest';
import { ServedScoreCache } from '../../../src/api/served-score-cache.js';
import type { PersonScore } from '../../../src/domain/scores.js';

const score = (personId: string, runId = 'run-1'): PersonScore => ({
  runId,
  personId,
  seq: Number(personId.slice(1)),
  score: 600,
  band: 'good',
  dimensions: { history: 0.5, behaviour: 0.5, capacity: 0.5, identity: 0.5, network: 0.5 },
  reasonCodes: [],
  modelVersion: 'm-1',
});

describe('ServedScoreCache', () => {
  it('holds at most its capacity, dropping the person read longest ago', () => {
    const cache = new ServedScoreCache(2);
    cache.remember('run-1', score('p1'));
    cache.remember('run-1', score('p2'));
    expect(cache.known('p1')?.score.personId).toBe('p1'); // p1 is now the latest read
    cache.remember('run-1', score('p3'));
    expect([cache.known('p1')?.runId, cache.known('p2'), cache.known('p3')?.runId]).toEqual(['run-1', undefined, 'run-1']);
    expect(cache.size).toBe(2);
  });

  it('holds one run: a score served by another run empties it first', () => {
    const cache = new ServedScoreCache(10);
    cache.remember('run-1', score('p1'));
    cache.remember('run-2', score('p2', 'run-1')); // p2's score comes from run-1's block, served by run-2
    expect(cache.known('p1')).toBeUndefined();
    expect(cache.known('p2')).toEqual({ runId: 'run-2', score: score('p2', 'run-1') });
  });

  it('forgets a person, and keeps nothing with capacity 0', () => {
    const cache = new ServedScoreCache(10);
    cache.remember('run-1', score('p1'));
    cache.forget('p1');
    expect(cache.known('p1')).toBeUndefined();
    const none = new ServedScoreCache(0);
    none.remember('run-1', score('p1'));
    expect([none.known('p1'), none.size]).toEqual([undefined, 0]);
    expect(() => new ServedScoreCache(-1)).toThrow(RangeError);
  });
});
