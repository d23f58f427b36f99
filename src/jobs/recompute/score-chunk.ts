/**
 * SCORE, one chunk: merges the four per-person dimensions with the network dimension for the
 * persons of the chunk — a seq range [from, to) in a full run, a list of seqs in an incremental
 * one — and writes their staged scores for the run. Idempotent: the store overwrites a
 * (run, person) score, so a chunk run twice writes the same result.
 */
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import { scorePerson, type Model } from '../../score/index.js';
import type { PersonWithEvents, Store } from '../../store/store.js';
import { emptyTally, tallyScore, type ScoreTally } from './score-tally.js';

/** The persons of a chunk: a seq range, or the listed seqs. */
export type ChunkPersons = { fromSeq: number; toSeq: number } | { seqs: readonly number[] };

export interface ChunkInput {
  run: ScoreRun;
  model: Model;
  persons: ChunkPersons;
  /** n_i for a seq of the chunk. */
  networkOf: (seq: number) => number;
  /** μ, the network prior of the run. */
  mu: number;
}

/**
 * @example
 * const tally = await scoreChunk(store, { run, model, persons: { fromSeq: 0, toSeq: 10_000 }, networkOf: (i) => network[i]!, mu });
 */
export async function scoreChunk(store: Store, input: ChunkInput): Promise<ScoreTally> {
  const { run, model, networkOf, mu } = input;
  const persons: PersonWithEvents[] =
    'seqs' in input.persons
      ? await Promise.all([store.personsBySeqs(input.persons.seqs), store.eventsBySeqs(input.persons.seqs)]).then(([found, events]) =>
          found.map((person) => ({ person, events: events.get(person.seq) ?? [] })),
        )
      : await store.personsWithEventsBySeq(input.persons.fromSeq, input.persons.toSeq);
  const tally = emptyTally();
  const scores: PersonScore[] = persons.map(({ person, events }) => {
    const result = scorePerson({
      person,
      events,
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
