/**
 * How Neo4j keeps a run's scores: one `ScoreBlock` node per run and block of consecutive seqs, not
 * one node per person and run (docs/design.md, "Neo4j", score blocks). A block holds parallel
 * lists, one entry per scored person of the block: `seqs`, `score`, `band` (what the statements
 * filter on) and `entries`, each person's whole score as JSON. Writing a full run's million scores
 * is then 20,000 nodes, not a million.
 *
 * A run's blocks all span the same number of seqs, its block size (the run node's `blockSize`,
 * SCORE_BLOCK_SIZE when absent): a full run's SCORE_BLOCK_SIZE; an incremental run's sized to
 * the persons it rescores (`mergeBlockSize`), so that its few thousand scattered scores fill
 * about a hundred blocks instead of one block each. Statements that follow a lineage read each
 * run's size from its node; those that look at every run's blocks try each size of BLOCK_SIZES.
 *
 * Here: grouping scores into the write statement's block parameters, and back.
 */
import type { Dimensions, PersonScore, ReasonCode } from '../../domain/scores.js';
import { DIMENSIONS } from '../../score/index.js';
import { BATCH_SIZE } from './batches.js';
import { int } from './neo4j-runner.js';

/**
 * Seqs a full run's block spans: block b holds seqs [b·SCORE_BLOCK_SIZE, (b+1)·SCORE_BLOCK_SIZE).
 * A storage format constant (stored blocks are keyed by it), the size of a run whose node names
 * none, and the unit of the blocks' write locks (`ScoreBlockLock`, one per SCORE_BLOCK_SIZE seqs,
 * whatever the run's size). It divides the SCORE step's chunk of 10,000 persons, so full-run
 * chunks never share a block. Small, because a score read loads its block's entries whole
 * (about 330 bytes each); the write costs about the same at 50 as at 250 (docs/design.md,
 * "Neo4j", score blocks).
 */
export const SCORE_BLOCK_SIZE = 50;

/** Every block size a run may have: SCORE_BLOCK_SIZE doubled 0 to 10 times (50 to 51,200 seqs). */
export const BLOCK_SIZES: readonly number[] = Array.from({ length: 11 }, (_, k) => SCORE_BLOCK_SIZE * 2 ** k);

/** The parameters of the statements that find a seq's block: the size of a run that names none, and every size a run may have. */
export const BLOCK_SIZE_PARAMS = { blockSize: int(SCORE_BLOCK_SIZE), blockSizes: BLOCK_SIZES.map(int) };

/**
 * The block size of a run whose first merge write holds `count` scores spread over `seqSpan`
 * seqs: the largest of BLOCK_SIZES that puts at most SCORE_BLOCK_SIZE of them in a block on
 * average. An incremental run that rescores 6,000 of 1M persons gets blocks of 6,400 seqs, about
 * 40 scores each: its merge write took 67–90 ms against 203–307 ms with a block per score or two
 * (docs/design.md, "Neo4j", score blocks). A score read still loads one block of about 50 entries.
 *
 * @example
 * mergeBlockSize(6_000, 1_000_000); // 6400
 * mergeBlockSize(10_000, 10_000); // 50
 */
export function mergeBlockSize(count: number, seqSpan: number): number {
  let size = SCORE_BLOCK_SIZE;
  while (size * 2 <= BLOCK_SIZES.at(-1)! && size * 2 * count <= SCORE_BLOCK_SIZE * seqSpan) size *= 2;
  return size;
}

/** Blocks written (or deleted) in one transaction: a SCORE chunk's 10,000 persons. */
export const BLOCKS_PER_WRITE = BATCH_SIZE / SCORE_BLOCK_SIZE;

/**
 * Blocks of a merge write in one transaction, at most. A merge writes scattered persons (an
 * incremental run's targets), a few to a block: at 200 blocks a transaction, 6,000 persons of the
 * 1M population took 26 transactions (docs/design.md, "Neo4j", score blocks).
 */
export const MERGE_BLOCKS_PER_WRITE = 1_000;

/**
 * Transactions of one merge write in flight at once. They hold disjoint blocks, each in ascending
 * order, so they never wait on each other (nor deadlock with another writer).
 */
export const MERGE_WRITES_IN_FLIGHT = 2;

/** A merge write's blocks (ascending) split into transactions: at most MERGE_BLOCKS_PER_WRITE blocks and BATCH_SIZE entries each. */
export function mergeWriteGroups(blocks: readonly ScoreBlockWrite[]): ScoreBlockWrite[][] {
  const groups: ScoreBlockWrite[][] = [];
  let entries = 0;
  for (const block of blocks) {
    const last = groups.at(-1);
    if (!last || last.length >= MERGE_BLOCKS_PER_WRITE || entries + block.seqs.length > BATCH_SIZE) {
      groups.push([block]);
      entries = block.seqs.length;
    } else {
      last.push(block);
      entries += block.seqs.length;
    }
  }
  return groups;
}

/** One block's part of a write (cypher/scores/write-blocks.cypher): lists of the same length. */
export interface ScoreBlockWrite {
  /** The block's number in its run's block size. */
  block: number;
  /**
   * The block's stored entries this write replaces: true — those with a seq in `seqs` (a
   * merge, person by person); false — those with a seq in [fromSeq, toSeq) (a range replace,
   * the range clipped to the block).
   */
  bySeq: boolean;
  fromSeq: number;
  toSeq: number;
  /**
   * The `ScoreBlockLock`s the write takes first, ascending: those of the seqs it writes (a
   * merge) or of its range (a range replace), in units of SCORE_BLOCK_SIZE seqs — where an
   * erasure takes its person's.
   */
  locks: number[];
  /** Ascending. */
  seqs: number[];
  score: number[];
  band: string[];
  entries: string[];
}

/** A stored score as the read statements return it: the block's run, the seq and the entry. */
export interface ScoreBlockRow {
  runId: string;
  seq: number;
  entry: string;
}

/** What an entry holds: everything of a PersonScore but the run and seq its block gives. */
type ScoreEntry = Omit<PersonScore, 'runId' | 'seq'>;

/** The block of `seq` in a run of block size `size`. */
export const blockOf = (seq: number, size: number): number => Math.floor(seq / size);

/**
 * The blocks of a merge write in a run of block size `size`: the scores grouped by block (the
 * last of a seq given twice), each replacing its persons' entries.
 */
export function mergeBlocks(scores: readonly PersonScore[], size: number): ScoreBlockWrite[] {
  const lastBySeq = new Map(scores.map((score) => [score.seq, score]));
  const blocks = groupIntoBlocks([...lastBySeq.values()], size, (block) => emptyBlock(block, true, 0, 0));
  for (const block of blocks) block.locks = [...new Set(block.seqs.map((seq) => blockOf(seq, SCORE_BLOCK_SIZE)))];
  return blocks;
}

/**
 * The blocks of a range replace in a run of block size `size`: every block that overlaps
 * [fromSeq, toSeq) — with no scores, if none fall in it — so that the range's earlier entries
 * go, whatever this write brings.
 */
export function rangeBlocks(fromSeq: number, toSeq: number, scores: readonly PersonScore[], size: number): ScoreBlockWrite[] {
  const byBlock = new Map<number, ScoreBlockWrite>();
  for (let block = blockOf(fromSeq, size); toSeq > fromSeq && block <= blockOf(toSeq - 1, size); block++) {
    const from = Math.max(fromSeq, block * size);
    const to = Math.min(toSeq, (block + 1) * size);
    const write = emptyBlock(block, false, from, to);
    for (let lock = blockOf(from, SCORE_BLOCK_SIZE); lock <= blockOf(to - 1, SCORE_BLOCK_SIZE); lock++) write.locks.push(lock);
    byBlock.set(block, write);
  }
  return groupIntoBlocks(scores, size, (block) => {
    throw new RangeError(`score-blocks: a score of block ${block} is outside the range [${fromSeq}, ${toSeq})`);
  }, byBlock);
}

/** Scores grouped by run (a block belongs to one run). */
export function scoresByRun(scores: readonly PersonScore[]): Map<string, PersonScore[]> {
  const byRun = new Map<string, PersonScore[]>();
  for (const score of scores) {
    const runScores = byRun.get(score.runId);
    if (runScores) runScores.push(score);
    else byRun.set(score.runId, [score]);
  }
  return byRun;
}

/** The parameters of cypher/scores/write-blocks.cypher. */
export function writeBlocksParams(runId: string, blocks: readonly ScoreBlockWrite[]) {
  const rows = blocks.map((block) => ({ ...block, block: int(block.block), fromSeq: int(block.fromSeq), toSeq: int(block.toSeq), locks: block.locks.map(int) }));
  return { runId, blocks: rows };
}

/** One block's score numbers, as `scores/values-by-seq-in-lineage` returns them. */
export interface ScoreValuesRow {
  /** The block's run's place in the lineage: 0 is the newest. */
  i: number;
  seqs: number[];
  score: number[];
}

/**
 * The served number of each seq in [fromSeq, toSeq) from blocks of a lineage (index seq −
 * fromSeq, NaN where no run scored it): the newest run that scored a seq wins.
 *
 * @example
 * servedValues([{ i: 1, seqs: [3, 4], score: [600, 610] }, { i: 0, seqs: [4], score: [650] }], 3, 6); // [600, 650, NaN]
 */
export function servedValues(rows: readonly ScoreValuesRow[], fromSeq: number, toSeq: number): Float64Array {
  const values = new Float64Array(Math.max(0, toSeq - fromSeq)).fill(NaN);
  for (const row of [...rows].sort((a, b) => b.i - a.i)) {
    row.seqs.forEach((seq, k) => {
      if (seq >= fromSeq && seq < toSeq) values[seq - fromSeq] = row.score[k]!;
    });
  }
  return values;
}

/**
 * An entry as stored: a JSON array, `[personId, score, band, dimensions, reasons, modelVersion]`
 * with the dimensions' numbers in DIMENSIONS order and the reason codes flattened to `code,
 * reason, pointsLost` (null when absent). Without the object form's key names an entry is about
 * 60% of its size (a 1M run writes some 200 MB less), and the write's cost follows its bytes
 * (docs/design.md, "Neo4j", score blocks). Blocks written before hold the object form: read still.
 */
type EntryArray = [personId: string, score: number, band: string, dimensions: number[], reasons: (string | number | null)[], modelVersion: string];

/** A stored score from its row. */
export function scoreOfRow(row: ScoreBlockRow): PersonScore {
  const entry = JSON.parse(row.entry) as EntryArray | ScoreEntry;
  if (!Array.isArray(entry)) return { runId: row.runId, seq: row.seq, ...entry };
  const [personId, score, band, values, reasons, modelVersion] = entry;
  const dimensions = Object.fromEntries(DIMENSIONS.map((dimension, k) => [dimension, values[k]])) as Dimensions;
  const reasonCodes: ReasonCode[] = [];
  for (let k = 0; k < reasons.length; k += 3) {
    const code: ReasonCode = { code: reasons[k] as string, reason: reasons[k + 1] as string };
    if (reasons[k + 2] != null) code.pointsLost = reasons[k + 2] as number;
    reasonCodes.push(code);
  }
  return { runId: row.runId, personId, seq: row.seq, score, band, dimensions, reasonCodes, modelVersion };
}

/**
 * `JSON.stringify` of the EntryArray, written out by hand: the same text at half the cost
 * (a million entries a full run: 2.1 s against 4.7 s, measured).
 */
function entryOf(score: PersonScore): string {
  let dimensions = '';
  for (const dimension of DIMENSIONS) dimensions += (dimensions ? ',' : '') + jsonNumber(score.dimensions[dimension]);
  let reasons = '';
  for (const code of score.reasonCodes) reasons += `${reasons ? ',' : ''}${JSON.stringify(code.code)},${JSON.stringify(code.reason)},${jsonNumber(code.pointsLost)}`;
  return `[${JSON.stringify(score.personId)},${jsonNumber(score.score)},${JSON.stringify(score.band)},[${dimensions}],[${reasons}],${JSON.stringify(score.modelVersion)}]`;
}

/** A number as JSON writes it (`String` of a finite number is its JSON text), null when absent or not finite. */
function jsonNumber(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) ? String(value) : 'null';
}

function emptyBlock(block: number, bySeq: boolean, fromSeq: number, toSeq: number): ScoreBlockWrite {
  return { block, bySeq, fromSeq, toSeq, locks: [], seqs: [], score: [], band: [], entries: [] };
}

function groupIntoBlocks(
  scores: readonly PersonScore[],
  size: number,
  newBlock: (block: number) => ScoreBlockWrite,
  byBlock = new Map<number, ScoreBlockWrite>(),
): ScoreBlockWrite[] {
  for (const score of [...scores].sort((a, b) => a.seq - b.seq)) {
    const block = blockOf(score.seq, size);
    let write = byBlock.get(block);
    if (!write) byBlock.set(block, (write = newBlock(block)));
    write.seqs.push(score.seq);
    write.score.push(score.score);
    write.band.push(score.band);
    write.entries.push(entryOf(score));
  }
  return [...byBlock.values()].sort((a, b) => a.block - b.block);
}
