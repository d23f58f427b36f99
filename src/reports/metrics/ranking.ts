/**
 * The ranking every discrimination metric here walks: persons ordered by score (lowest, i.e.
 * riskiest, first) and cut into tie groups, with the count of bads (defaulted) and goods in
 * each group. AUC, KS and the ROC curve are all sums over these groups, so they are computed
 * from one sort; a bootstrap replicate only reweights the groups' members (bootstrap.ts).
 */

/** Persons sorted by score, grouped by equal score. */
export interface Ranking {
  /** Person indices (into the caller's arrays), by ascending score. */
  order: Uint32Array;
  /** Start of each tie group in `order`, plus `order.length` at the end. */
  groupStarts: Uint32Array;
  /** The score of each tie group, ascending. */
  groupScores: Float64Array;
}

/**
 * Sorts by score and finds the tie groups. Scores must be finite numbers.
 *
 * @throws RangeError when a score is not finite.
 * @example
 * rankByScore([3, 1, 3]).groupScores; // Float64Array [1, 3]
 */
export function rankByScore(score: ArrayLike<number>): Ranking {
  const n = score.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(score[i]!)) throw new RangeError(`metrics: score[${i}] is not a finite number (${score[i]})`);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Typed-array sort with a comparator is stable in V8; ties keep index order (deterministic).
  order.sort((a, b) => score[a]! - score[b]!);
  const starts: number[] = [];
  const scores: number[] = [];
  for (let k = 0; k < n; k++) {
    const s = score[order[k]!]!;
    if (k === 0 || s !== scores[scores.length - 1]) {
      starts.push(k);
      scores.push(s);
    }
  }
  starts.push(n);
  return { order, groupStarts: Uint32Array.from(starts), groupScores: Float64Array.from(scores) };
}

/** Per tie group: total weight of bads and of goods (weight 1 each unless `weight` is given). */
export interface GroupCounts {
  bads: Float64Array;
  goods: Float64Array;
  totalBads: number;
  totalGoods: number;
}

/**
 * Counts bads and goods per tie group; `weight[i]` (e.g. a bootstrap multiplicity) counts
 * person i that many times.
 */
export function countGroups(ranking: Ranking, bad: ArrayLike<number>, weight?: ArrayLike<number>): GroupCounts {
  const { order, groupStarts } = ranking;
  const groups = groupStarts.length - 1;
  const bads = new Float64Array(groups);
  const goods = new Float64Array(groups);
  let totalBads = 0;
  let totalGoods = 0;
  for (let g = 0; g < groups; g++) {
    let b = 0;
    let w = 0;
    for (let k = groupStarts[g]!; k < groupStarts[g + 1]!; k++) {
      const i = order[k]!;
      const m = weight ? weight[i]! : 1;
      if (m === 0) continue;
      if (bad[i]) b += m;
      else w += m;
    }
    bads[g] = b;
    goods[g] = w;
    totalBads += b;
    totalGoods += w;
  }
  return { bads, goods, totalBads, totalGoods };
}
