/**
 * SCORE, one chunk: merges the four per-person dimensions with the network dimension for the
 * persons with seq in [from, to) and writes their staged scores for the run. Idempotent: the
 * store overwrites a (run, person) score, so a chunk run twice writes the same result.
 */
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import { scorePerson, type Model } from '../../score/index.js';
import type { Store } from '../../store/store.js';
import { emptyTally, tallyScore, type ScoreTally } from './score-tally.js';

export interface ChunkInput {
  run: ScoreRun;
  model: Model;
  fromSeq: number;
  toSeq: number;
  /** n_i for a seq of the chunk. */
  networkOf: (seq: number) => number;
  /** μ, the network prior of the run. */
  mu: number;
}

/**
 * @example
 * const tally = await scoreChunk(store, { run, model, fromSeq: 0, toSeq: 10_000, networkOf: (i) => network[i]!, mu });
 */
export async function scoreChunk(store: Store, input: ChunkInput): Promise<ScoreTally> {
  const { run, model, fromSeq, toSeq, networkOf, mu } = input;
  const [persons, events] = await Promise.all([store.personsBySeq(fromSeq, toSeq), store.eventsBySeq(fromSeq, toSeq)]);
  const tally = emptyTally();
  const scores: PersonScore[] = persons.map((person) => {
    const result = scorePerson({
      person,
      events: events.get(person.seq) ?? [],
      asOf: run.asOf,
      model,
      network: networkOf(person.seq),
      networkPrior: mu,
    });
    tallyScore(tally, result.score, result.band);
    return {
      runId: run.id,
      personId: person.id,
      seq: person.seq,
      score: result.score,
      band: result.band,
      dimensions: result.dimensions,
      reasonCodes: result.reasonCodes.map(({ code, reason, pointsLost }) => ({ code, reason, pointsLost })),
      modelVersion: result.modelVersion,
    };
  });
  await store.writeScores(scores);
  return tally;
}
