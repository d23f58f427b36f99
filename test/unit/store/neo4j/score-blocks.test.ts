// Score blocks (src/store/neo4j/score-blocks.ts): how a write's scores are grouped into the
// blocks Neo4j keeps them in (SCORE_BLOCK_SIZE seqs for a full run, sized to an incremental run's
// scores otherwise), and a stored entry read back as the score it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonScore } from '../../../../src/domain/scores.js';
import { BATCH_SIZE, inFlight } from '../../../../src/store/neo4j/batches.js';
import { BLOCK_SIZES, MERGE_BLOCKS_PER_WRITE, mergeBlockSize, mergeBlocks, mergeWriteGroups, rangeBlocks, SCORE_BLOCK_SIZE, scoreOfRow, servedValues } from '../../../../src/store/neo4j/score-blocks.js';

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
    const blocks = mergeBlocks([score(3 * B + 7), score(3), score(B - 1), score(B), score(3, 999)], B);
    expect(blocks.map((b) => [b.block, b.bySeq, b.seqs, b.locks])).toEqual([
      [0, true, [3, B - 1], [0]],
      [1, true, [B], [1]],
      [3, true, [3 * B + 7], [3]],
    ]);
    expect(blocks[0]!.score).toEqual([999, 500 + B - 1]);
    expect(scoreOfRow({ runId: 'run-1', seq: B - 1, entry: blocks[0]!.entries[1]! })).toMatchObject({ personId: `p${B - 1}`, score: 500 + B - 1 });
  });

  it('lists every block a range touches, empty ones included, so the range’s earlier entries go', () => {
    const B = SCORE_BLOCK_SIZE;
    const [from, to] = [B - 10, 3 * B + 10];
    const blocks = rangeBlocks(from, to, [score(from), score(to - 1)], B);
    expect(blocks.map((b) => [b.block, b.bySeq, b.fromSeq, b.toSeq, b.seqs, b.locks])).toEqual([
      [0, false, from, B, [from], [0]],
      [1, false, B, 2 * B, [], [1]],
      [2, false, 2 * B, 3 * B, [], [2]],
      [3, false, 3 * B, to, [to - 1], [3]],
    ]);
    expect(rangeBlocks(5, 5, [], B)).toEqual([]);
    expect(() => rangeBlocks(0, B, [score(B)], B)).toThrow(RangeError);
  });

  it('sizes an incremental run’s blocks to hold about SCORE_BLOCK_SIZE of its scores each', () => {
    expect(mergeBlockSize(6_000, 1_000_000)).toBe(6_400);
    expect(mergeBlockSize(10_000, 10_000)).toBe(SCORE_BLOCK_SIZE);
    expect(mergeBlockSize(1, 1)).toBe(SCORE_BLOCK_SIZE);
    expect(mergeBlockSize(1, 10 ** 9)).toBe(BLOCK_SIZES.at(-1));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10_000_000 }), (count, span) => {
        const size = mergeBlockSize(count, span);
        expect(BLOCK_SIZES).toContain(size);
        // Spread evenly, a block holds at most SCORE_BLOCK_SIZE of them, and twice the size would hold more.
        if (size > SCORE_BLOCK_SIZE) expect((count * size) / span).toBeLessThanOrEqual(SCORE_BLOCK_SIZE);
        if (size < BLOCK_SIZES.at(-1)!) expect((count * 2 * size) / span).toBeGreaterThan(SCORE_BLOCK_SIZE);
      }),
    );
  });

  it('groups scattered scores into blocks of the run’s size, locking the SCORE_BLOCK_SIZE units of their seqs', () => {
    const size = 64 * SCORE_BLOCK_SIZE;
    const seqs = [5, 7, SCORE_BLOCK_SIZE + 1, size - 1, size, 5 * size + 3];
    const blocks = mergeBlocks(seqs.map((seq) => score(seq)), size);
    expect(blocks.map((b) => [b.block, b.seqs, b.locks])).toEqual([
      [0, [5, 7, SCORE_BLOCK_SIZE + 1, size - 1], [0, 1, 63]],
      [1, [size], [64]],
      [5, [5 * size + 3], [5 * 64]],
    ]);
    // A range in a run of larger blocks: the range clipped to each block, every unit of it locked.
    const ranged = rangeBlocks(size - 2 * SCORE_BLOCK_SIZE, size + SCORE_BLOCK_SIZE, [score(size)], size);
    expect(ranged.map((b) => [b.block, b.fromSeq, b.toSeq, b.seqs, b.locks])).toEqual([
      [0, size - 2 * SCORE_BLOCK_SIZE, size, [], [62, 63]],
      [1, size, size + SCORE_BLOCK_SIZE, [size], [64]],
    ]);
  });

  it('reads an entry back as the score that was written', () => {
    const written = score(251);
    const [block] = mergeBlocks([written], SCORE_BLOCK_SIZE);
    expect(scoreOfRow({ runId: 'run-1', seq: 251, entry: block!.entries[0]! })).toEqual(written);
  });

  it('reads back any score exactly, reason codes without points included', () => {
    const number = fc.double({ noNaN: true, noDefaultInfinity: true });
    const text = fc.string({ maxLength: 30 });
    const reason = fc.record({ code: text, reason: text, pointsLost: fc.option(number, { nil: undefined }) }, { requiredKeys: ['code', 'reason'] });
    const scores = fc.record({
      runId: fc.constant('run-1'),
      personId: text,
      seq: fc.nat(10_000),
      score: number,
      band: text,
      dimensions: fc.record({ history: number, behaviour: number, capacity: number, identity: number, network: number }),
      reasonCodes: fc.array(reason, { maxLength: 6 }),
      modelVersion: text,
    });
    fc.assert(
      fc.property(scores, (written) => {
        const [block] = mergeBlocks([written], SCORE_BLOCK_SIZE);
        const entry = block!.entries[0]!;
        // Written out by hand, the entry is exactly JSON's text of the array.
        expect(entry).toBe(JSON.stringify(JSON.parse(entry)));
        // JSON has no −0: a stored −0 reads back as 0, as it did in the object form.
        expect(scoreOfRow({ runId: 'run-1', seq: written.seq, entry })).toEqual(JSON.parse(JSON.stringify(written)));
      }),
    );
  });

  it('stores an entry as an array, well under the object form’s size', () => {
    const written = score(7);
    const [block] = mergeBlocks([written], SCORE_BLOCK_SIZE);
    const { runId: _run, seq: _seq, ...objectForm } = written;
    expect(JSON.parse(block!.entries[0]!)).toEqual(['p7', 507, 'fair', [0.5, 0.25, 0.75, 1, 0.125], ['H_LATE', 'Late repayments on record', 12.5], 'm-1']);
    expect(block!.entries[0]!.length).toBeLessThan(0.6 * JSON.stringify(objectForm).length);
  });

  it('reads an entry in the object form blocks were first written in', () => {
    const written = score(9);
    const { runId: _run, seq: _seq, ...objectForm } = written;
    expect(scoreOfRow({ runId: 'run-1', seq: 9, entry: JSON.stringify(objectForm) })).toEqual(written);
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

  it('splits a merge write into transactions of at most MERGE_BLOCKS_PER_WRITE blocks and BATCH_SIZE entries, blocks in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(3_000_000), { maxLength: 30_000 }), (seqs) => {
        const blocks = mergeBlocks(seqs.map((seq) => score(seq)), SCORE_BLOCK_SIZE);
        const groups = mergeWriteGroups(blocks);
        expect(groups.flat()).toEqual(blocks);
        for (const group of groups) {
          expect(group.length).toBeGreaterThan(0);
          expect(group.length).toBeLessThanOrEqual(MERGE_BLOCKS_PER_WRITE);
          expect(group.reduce((sum, block) => sum + block.seqs.length, 0)).toBeLessThanOrEqual(BATCH_SIZE);
        }
      }),
      { numRuns: 30 },
    );
    // Scattered persons, one to a block: 6,000 blocks in 6 transactions (26 at 200 blocks each, before).
    expect(mergeWriteGroups(mergeBlocks(Array.from({ length: 6_000 }, (_, k) => score(k * SCORE_BLOCK_SIZE)), SCORE_BLOCK_SIZE))).toHaveLength(6);
    // Full blocks: 10,000 entries a transaction.
    expect(mergeWriteGroups(mergeBlocks(Array.from({ length: 25_000 }, (_, k) => score(k)), SCORE_BLOCK_SIZE)).map((group) => group.length)).toEqual([200, 200, 100]);
  });
});

describe('inFlight', () => {
  it('runs at most `limit` at a time and answers in the items’ order', async () => {
    let running = 0;
    let most = 0;
    const results = await inFlight([30, 5, 20, 1, 10], 2, async (ms) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20]);
    expect(most).toBe(2);
  });

  it('starts nothing after a failure and rejects with it', async () => {
    const started: number[] = [];
    const call = inFlight([1, 2, 3, 4, 5], 2, async (k) => {
      started.push(k);
      await new Promise((resolve) => setTimeout(resolve, k === 1 ? 1 : 20));
      if (k === 1) throw new Error('write 1 failed');
      return k;
    });
    await expect(call).rejects.toThrow('write 1 failed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(started).toEqual([1, 2]);
  });
});
