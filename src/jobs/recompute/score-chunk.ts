/**
 * SCORE, one chunk: merges the four per-person dimensions with the network dimension for the
 * persons of the chunk — a seq range [from, to) in a full run, a list of seqs in an incremental
 * one — and writes their staged scores for the run. Idempotent: the store overwrites a
 * (run, person) score (a range chunk replaces its range), so a chunk run twice writes the same result.
 *
 * A full run's SNAPSHOT already scored everyone's records (own parts, own-parts.ts) and knows
 * their ids, and so does an incremental run's that patched an image holding own parts: the chunk
 * then reads nothing from the store but the ids and records of persons added since the snapshot.
 * Otherwise it reads and scores the records. The tally counts the
 * scores written: a person erased since they were read is skipped by the store, and by the tally.
 */
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import { scoreFromOwnPart, scorePerson, type BandId, type Model, type OwnPart, type ReasonCode } from '../../score/index.js';
import type { PersonWithEvents } from '../../store/store.js';
import type { ScoreChunkPorts } from './recompute-ports.js';
import { emptyTally, tallyScore, type ScoreTally } from './score-tally.js';

/** The persons of a chunk: a seq range, or the listed seqs. */
export type ChunkPersons = { fromSeq: number; toSeq: number } | { seqs: readonly number[] };

export interface ChunkInput {
  run: ScoreRun;
  model: Model;
  persons: ChunkPersons;
  /** The network dimension for a seq of the chunk (NetworkResult.network). */
  networkOf: (seq: number) => number;
  /** The run's network dimension of a person without contacts (NetworkResult.prior: μ, or ½ in a band). */
  prior: number;
  /** Own parts computed by the run's SNAPSHOT (a range chunk reads no records for these). */
  ownParts?: { get(seq: number): OwnPart | undefined };
  /** The person ids of the run's SNAPSHOT by seq, for seqs below `toSeq` (a range chunk with own parts reads no ids for these). */
  snapshotIds?: SnapshotIds;
}

/** Person ids by seq as a snapshot saw them. */
export interface SnapshotIds {
  /** Seqs from `toSeq` on were handed out after the snapshot. */
  readonly toSeq: number;
  get(seq: number): string | undefined;
}

/** A snapshot's ids (Snapshot.ids, by seq) as SnapshotIds. */
export const snapshotIdsOf = (ids: readonly (string | undefined)[]): SnapshotIds => ({ toSeq: ids.length, get: (seq) => ids[seq] });

/**
 * @example
 * const tally = await scoreChunk(store, { run, model, persons: { fromSeq: 0, toSeq: 10_000 }, networkOf: (i) => network.network[i]!, prior: network.prior });
 */
export async function scoreChunk(store: ScoreChunkPorts, input: ChunkInput): Promise<ScoreTally> {
  const { run, model, networkOf, prior, ownParts } = input;
  const scores: PersonScore[] = [];
  const bands: BandId[] = [];
  const add = (seq: number, personId: string, result: { score: number; band: BandId; dimensions: PersonScore['dimensions']; reasonCodes: ReasonCode[] }) => {
    bands.push(result.band);
    scores.push({
      runId: run.id,
      personId,
      seq,
      score: result.score,
      band: result.band,
      dimensions: result.dimensions,
      reasonCodes: result.reasonCodes.map(({ code, reason, pointsLost }) => ({ code, reason, pointsLost })),
      modelVersion: model.version,
    });
  };
  const scoreRecords = (persons: readonly PersonWithEvents[]) => {
    for (const { person, events } of persons) {
      add(person.seq, person.id, scorePerson({ person, events, asOf: run.asOf, model, network: networkOf(person.seq), networkPrior: prior }));
    }
  };
  // Persons whose records are read and scored here: those the own parts or snapshot ids miss.
  const missing: number[] = [];
  const take = (seq: number, id: string) => {
    const part = ownParts?.get(seq);
    if (part) add(seq, id, scoreFromOwnPart(part, networkOf(seq), prior, model));
    else missing.push(seq);
  };
  const { snapshotIds } = input;
  if ('seqs' in input.persons) {
    for (const seq of input.persons.seqs) {
      const id = ownParts && snapshotIds && seq < snapshotIds.toSeq ? snapshotIds.get(seq) : undefined;
      if (id === undefined) missing.push(seq);
      else take(seq, id);
    }
  } else if (ownParts) {
    const { fromSeq, toSeq } = input.persons;
    const known = snapshotIds ? Math.max(fromSeq, Math.min(toSeq, snapshotIds.toSeq)) : fromSeq;
    for (let seq = fromSeq; seq < known; seq++) {
      const id = snapshotIds!.get(seq);
      if (id !== undefined) take(seq, id);
    }
    if (known < toSeq) for (const { seq, id } of await store.personIdsInSeqRange(known, toSeq)) take(seq, id);
  } else {
    scoreRecords(await store.personsWithEventsInSeqRange(input.persons.fromSeq, input.persons.toSeq));
  }
  if (missing.length > 0) scoreRecords(await store.personsWithEventsAtSeqs(missing));
  // A range chunk replaces its range (a retried chunk included); listed seqs are merged.
  const skipped = new Set(
    'seqs' in input.persons ? await store.writeScores(scores) : await store.replaceScoresInSeqRange(run.id, input.persons.fromSeq, input.persons.toSeq, scores),
  );
  const tally = emptyTally();
  scores.forEach((score, k) => {
    if (!skipped.has(score.seq)) tallyScore(tally, score.score, bands[k]!);
  });
  return tally;
}
