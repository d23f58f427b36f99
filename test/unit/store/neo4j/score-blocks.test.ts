// Score blocks (src/store/neo4j/score-blocks.ts): how a write's scores are grouped into the
// blocks of SCORE_BLOCK_SIZE seqs Neo4j keeps them in, and a stored entry read back as the score it was.
import { describe, expect, it } from 'vitest';
import type { PersonScore } from '../../../../src/domain/scores.js';
import { mergeBlocks, rangeBlocks, SCORE_BLOCK_SIZE, scoreOfRow, servedValues } from '../../../../src/store/neo4j/score-blocks.js';

const score = (seq: number, value = 500 + seq): PersonScore => ({
  runId: 'run-1',
  personId: `p${seq}`,
  seq,
  score: value,
  band: 'fair',
  dimensions: { history: 0.5, behaviour: 0.25, capacity: 0.75, identity: 1, network: 0.125 },
  reasonCodes: [{ code: 'H_LATE', reason: 'Late repayments on record', pointsLost: 12.5 }],
  modelVersion: 'm-1',
});

describe('score blocks', () => {
  it('divides the SCORE step’s chunk of 10,000 persons, so full-run chunks never share a block', () => {
    expect(10_000 % SCORE_BLOCK_SIZE).toBe(0);
  });

  it('groups a merge by block, in block and seq order, the last score of a seq given twice winning', () => {
    const B = SCORE_BLOCK_SIZE;
    const blocks = mergeBlocks([score(3 * B + 7), score(3), score(B - 1), score(B), score(3, 999)]);
    expect(blocks.map((b) => [b.block, b.bySeq, b.seqs])).toEqual([
      [0, true, [3, B - 1]],
      [1, true, [B]],
      [3, true, [3 * B + 7]],
    ]);
    expect(blocks[0]!.score).toEqual([999, 500 + B - 1]);
    expect(JSON.parse(blocks[0]!.entries[1]!)).toMatchObject({ personId: `p${B - 1}`, score: 500 + B - 1 });
  });

  it('lists every block a range touches, empty ones included, so the range’s earlier entries go', () => {
    const B = SCORE_BLOCK_SIZE;
    const [from, to] = [B - 10, 3 * B + 10];
    const blocks = rangeBlocks(from, to, [score(from), score(to - 1)]);
    expect(blocks.map((b) => [b.block, b.bySeq, b.fromSeq, b.toSeq, b.seqs])).toEqual([
      [0, false, from, to, [from]],
      [1, false, from, to, []],
      [2, false, from, to, []],
      [3, false, from, to, [to - 1]],
    ]);
    expect(rangeBlocks(5, 5, [])).toEqual([]);
  });

  it('reads an entry back as the score that was written', () => {
    const written = score(251);
    const [block] = mergeBlocks([written]);
    expect(scoreOfRow({ runId: 'run-1', seq: 251, entry: block!.entries[0]! })).toEqual(written);
  });
});

describe('servedValues', () => {
  it('keeps for each seq of the range the number of the newest run of the lineage that scored it', () => {
    const rows = [
      { i: 0, seqs: [4, 9], score: [650, 700] },
      { i: 2, seqs: [2, 3, 4, 5], score: [580, 600, 610, 620] },
      { i: 1, seqs: [5], score: [630] },
    ];
    expect([...servedValues(rows, 3, 7)]).toEqual([600, 650, 630, NaN]);
    expect([...servedValues([], 0, 2)]).toEqual([NaN, NaN]);
  });
});
