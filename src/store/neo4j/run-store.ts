/**
 * Score runs and their scores in Neo4j. The served run is one pointer,
 * the Publication node named 'current' holding a runId, moved in one transaction by `publishRun`.
 * A run's `stats` is stored as a JSON string, `lineage` as a list; scores in blocks of seqs
 * (score-blocks.ts).
 */
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import { NotFoundError } from '../errors.js';
import type { RunCompletion, RunFailure, RunPort } from '../ports/runs.js';
import type { PersonSearch, PersonSearchPage } from '../ports/person-search.js';
import { assertRangeScores, type LoggedScoreRead, type LoggedScoresRead, type PublishedScoresRead, type ScorePort } from '../ports/scores.js';
import { chunks, definedOnly, inFlight, patchProps, seqChunks } from './batches.js';
import { toCreditEvent } from './event-store.js';
import { int, runIn, type Neo4jRunner } from './neo4j-runner.js';
import { findPersonsInNeo4j } from './person-search.js';
import { toStoredPerson } from './person-store.js';
import { BLOCK_SIZE_PARAMS, BLOCKS_PER_WRITE, MERGE_WRITES_IN_FLIGHT, mergeBlockSize, mergeBlocks, mergeWriteGroups, rangeBlocks, scoreOfRow, scoresByRun, SCORE_BLOCK_SIZE, servedValues, type ScoreBlockRow, type ScoreValuesRow, type ScoreBlockWrite, writeBlocksParams } from './score-blocks.js';

type Props = Record<string, unknown>;

export class RunStore implements RunPort, ScorePort {
  constructor(private readonly runner: Neo4jRunner) {}

  async createRun(run: ScoreRun): Promise<void> {
    await this.runner.write('runs/create', { run: definedOnly(runProps(run)) });
  }

  async updateRun(id: string, patch: Partial<Omit<ScoreRun, 'id'>>): Promise<void> {
    const rows = await this.runner.write('runs/update', { id, patch: patchProps(patch, runProps(patch)) });
    if (rows.length === 0) throw new NotFoundError(`score run ${id} not found`);
  }

  async getRun(id: string): Promise<ScoreRun | undefined> {
    const [row] = await this.runner.read<{ run: Props }>('runs/get', { id });
    return row ? toRun(row.run) : undefined;
  }

  async listRuns(limit: number): Promise<ScoreRun[]> {
    const rows = await this.runner.read<{ run: Props }>('runs/list', { limit: int(limit) });
    return rows.map((row) => toRun(row.run));
  }

  async runningRuns(): Promise<ScoreRun[]> {
    const rows = await this.runner.read<{ run: Props }>('runs/running');
    return rows.map((row) => toRun(row.run));
  }

  async failRunIfRunning(id: string, failure: RunFailure): Promise<boolean> {
    const rows = await this.runner.write('runs/fail-if-running', { id, ...failure });
    return rows.length > 0;
  }

  async completeRunUnlessFailed(id: string, completion: RunCompletion): Promise<boolean> {
    const patch = { status: 'complete' as const, ...completion };
    const rows = await this.runner.write('runs/complete-unless-failed', { id, patch: patchProps(patch, runProps(patch)) });
    return rows.length > 0;
  }

  async publishRun(id: string, at: string): Promise<void> {
    const [row] = await this.runner.write<{ status: string }>('runs/publish', { id, at });
    if (!row) throw new NotFoundError(`score run ${id} not found`);
    if (row.status !== 'complete') throw new Error(`neo4j-store: cannot publish run ${id}: it is ${row.status}, not complete`);
  }

  async publishedRun(): Promise<ScoreRun | undefined> {
    const [row] = await this.runner.read<{ run: Props }>('runs/published');
    return row ? toRun(row.run) : undefined;
  }

  async deleteRun(id: string): Promise<void> {
    const [row] = await this.runner.write<{ published: boolean }>('runs/delete', { id });
    if (row?.published) throw new Error(`neo4j-store: cannot delete run ${id}: it is the published run`);
    // The run node is gone; its scores go in batches (a retry after a crash finishes the job).
    for (;;) {
      const [batch] = await this.runner.write<{ deleted: number }>('scores/delete-batch', { runId: id, limit: int(BLOCKS_PER_WRITE) });
      if (!batch || batch.deleted === 0) break;
    }
  }

  async writeScores(scores: readonly PersonScore[]): Promise<number[]> {
    const skipped: number[] = [];
    for (const [runId, runScores] of scoresByRun(scores)) {
      let first = Infinity;
      let last = -Infinity;
      for (const { seq } of runScores) {
        first = Math.min(first, seq);
        last = Math.max(last, seq);
      }
      const size = await this.blockSizeOf(runId, mergeBlockSize(runScores.length, last - first + 1));
      const groups = mergeWriteGroups(mergeBlocks(runScores, size));
      skipped.push(...(await inFlight(groups, MERGE_WRITES_IN_FLIGHT, (blocks) => this.writeBlocks(runId, blocks))).flat());
    }
    return [...new Set(skipped)].sort((x, y) => x - y);
  }

  async replaceScoresInSeqRange(runId: string, fromSeq: number, toSeq: number, scores: readonly PersonScore[]): Promise<number[]> {
    assertRangeScores(runId, fromSeq, toSeq, scores);
    const size = await this.blockSizeOf(runId, SCORE_BLOCK_SIZE);
    // One transaction per BLOCKS_PER_WRITE blocks: a SCORE chunk's whole range. A longer range
    // crashed between two leaves part of it written; written again, it is replaced whole.
    const skipped: number[] = [];
    for (const blocks of chunks(rangeBlocks(fromSeq, toSeq, scores, size), BLOCKS_PER_WRITE)) skipped.push(...(await this.writeBlocks(runId, blocks)));
    return skipped;
  }

  /**
   * The run's block size: the one its node names, or `proposed` when it names none yet (then
   * stored, so that every later write of the run uses it); SCORE_BLOCK_SIZE for a run with no
   * node, as the read statements take it. Asked at every write, not remembered: a run id
   * written again after a wipe (the tests) is another run.
   */
  private async blockSizeOf(runId: string, proposed: number): Promise<number> {
    const [row] = await this.runner.write<{ blockSize: number }>('runs/block-size', { id: runId, proposed: int(proposed) });
    return row?.blockSize ?? SCORE_BLOCK_SIZE;
  }

  /** Writes blocks in one transaction; resolves with the seqs skipped (their persons are gone), ascending. */
  private writeBlocks(runId: string, blocks: readonly ScoreBlockWrite[]): Promise<number[]> {
    return this.runner.writeTx(async (tx) => (await runIn<{ skipped: number[] }>(tx, 'scores/write-blocks', writeBlocksParams(runId, blocks))).flatMap((row) => row.skipped));
  }

  async scoreIn(run: ScoreRun, personId: string): Promise<PersonScore | undefined> {
    const [row] = await this.runner.read<{ score: ScoreBlockRow }>('scores/in-lineage', { lineage: run.lineage, personId, ...BLOCK_SIZE_PARAMS });
    return row ? scoreOfRow(row.score) : undefined;
  }

  async publishedScoresOf(personIds: readonly string[]): Promise<PublishedScoresRead | undefined> {
    const [row] = await this.runner.read<PublishedScoresRow>('scores/published-of-persons', { personIds: [...personIds], ...BLOCK_SIZE_PARAMS });
    return row && toPublishedScores(row);
  }

  async publishedScoresLogged(reads: readonly LoggedScoreRead[]): Promise<LoggedScoresRead | undefined> {
    // The statement honours the known scores of one run (the API's cache holds one run's): the first read's.
    const knownRun = reads.find((read) => read.known)?.known?.runId;
    const known = reads.map((read) => (read.known?.runId === knownRun ? read.known?.score : undefined));
    const rows = reads.map((read, k) => ({ personId: read.personId, entry: definedOnly(read.entry), knownSeq: known[k] ? int(known[k].seq) : null }));
    const [row] = await this.runner.write<LoggedScoresRow>('scores/published-of-persons-logged', { reads: rows, knownRun: knownRun ?? null, ...BLOCK_SIZE_PARAMS });
    if (!row) return undefined;
    return {
      run: toRun(row.run),
      persons: row.persons
        .sort((x, y) => x.k - y.k)
        .map(({ k, personId, found, known: held, score, disputedEventIds }) => ({
          personId,
          found,
          score: held ? known[k] : score ? scoreOfRow(score) : undefined,
          disputedEventIds,
        })),
    };
  }

  async scoresInSeqRange(run: ScoreRun, fromSeq: number, toSeq: number): Promise<PersonScore[]> {
    const rows = await this.runner.read<{ score: ScoreBlockRow }>('scores/by-seq-in-lineage', {
      lineage: run.lineage,
      fromSeq: int(fromSeq),
      toSeq: int(toSeq),
      ...BLOCK_SIZE_PARAMS,
    });
    return rows.map((row) => scoreOfRow(row.score));
  }

  async scoreValuesInSeqRange(run: ScoreRun, fromSeq: number, toSeq: number): Promise<Float64Array> {
    const params = { lineage: run.lineage, fromSeq: int(fromSeq), toSeq: int(toSeq), ...BLOCK_SIZE_PARAMS };
    return servedValues(await this.runner.read<ScoreValuesRow>('scores/values-by-seq-in-lineage', params), fromSeq, toSeq);
  }

  findPersons(run: ScoreRun, search: PersonSearch): Promise<PersonSearchPage> {
    return findPersonsInNeo4j(this.runner, run, search);
  }

  async scoresAtSeqs(run: ScoreRun, seqs: readonly number[]): Promise<PersonScore[]> {
    const scores: PersonScore[] = [];
    for (const chunk of seqChunks(seqs)) {
      const rows = await this.runner.read<{ score: ScoreBlockRow }>('scores/by-seqs-in-lineage', {
        lineage: run.lineage,
        seqs: chunk.map(int),
        ...BLOCK_SIZE_PARAMS,
      });
      scores.push(...rows.map((row) => scoreOfRow(row.score)));
    }
    return scores;
  }

  async countScores(runId: string): Promise<number> {
    const [row] = await this.runner.read<{ count: number }>('scores/count', { runId });
    return row?.count ?? 0;
  }

  async scoreHistory(personId: string): Promise<PersonScore[]> {
    const rows = await this.runner.read<{ score: ScoreBlockRow }>('scores/history', { personId, ...BLOCK_SIZE_PARAMS });
    return rows.map((row) => scoreOfRow(row.score));
  }
}

/** The row of scores/published-of-persons-logged. */
interface LoggedScoresRow {
  run: Props;
  persons: { k: number; personId: string; found: boolean; known: boolean; score: ScoreBlockRow | null; disputedEventIds: string[] }[];
}

/** The row of scores/published-of-persons. */
interface PublishedScoresRow {
  run: Props;
  persons: { k: number; personId: string; person: Props | null; score: ScoreBlockRow | null; events: Props[] }[];
}

function toPublishedScores(row: PublishedScoresRow): PublishedScoresRead {
  return {
    run: toRun(row.run),
    persons: row.persons
      .sort((x, y) => x.k - y.k)
      .map(({ personId, person, score, events }) => ({
        personId,
        person: person ? toStoredPerson(person) : undefined,
        score: score ? scoreOfRow(score) : undefined,
        events: events.map((event) => toCreditEvent(personId, event)),
      })),
  };
}

/** Stored properties of a run (or of a patch: fields it lacks stay undefined). */
function runProps(run: Partial<ScoreRun>): Props {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    modelVersion: run.modelVersion,
    asOf: run.asOf,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    publishedAt: run.publishedAt,
    lineage: run.lineage && [...run.lineage],
    stats: run.stats && JSON.stringify(run.stats),
    failureReason: run.failureReason,
    jobId: run.jobId,
    queuePrefix: run.queuePrefix,
  };
}

function toRun(props: Props): ScoreRun {
  const run: ScoreRun = {
    id: props.id as string,
    kind: props.kind as ScoreRun['kind'],
    status: props.status as ScoreRun['status'],
    modelVersion: props.modelVersion as string,
    asOf: props.asOf as string,
    startedAt: props.startedAt as string,
    lineage: (props.lineage as string[] | undefined) ?? [],
    stats: typeof props.stats === 'string' ? (JSON.parse(props.stats) as Record<string, unknown>) : {},
  };
  if (props.finishedAt != null) run.finishedAt = props.finishedAt as string;
  if (props.publishedAt != null) run.publishedAt = props.publishedAt as string;
  if (props.failureReason != null) run.failureReason = props.failureReason as string;
  if (props.jobId != null) run.jobId = props.jobId as string;
  if (props.queuePrefix != null) run.queuePrefix = props.queuePrefix as string;
  return run;
}
