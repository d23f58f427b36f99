/**
 * AUC: the area under the ROC curve of a credit score against observed defaults, i.e. the
 * probability that a randomly chosen person who did not default scores higher than a randomly
 * chosen person who did, ties counted one half — the Mann–Whitney U statistic divided by
 * (goods · bads). 0.5 is chance, 1 a perfect ranking.
 *
 * References: D. J. Hand & R. J. Till, "A simple generalisation of the area under the ROC
 * curve", Machine Learning 45 (2001) §2; H. B. Mann & D. R. Whitney, Ann. Math. Stat. 18 (1947);
 * J. A. Hanley & B. J. McNeil, "The meaning and use of the area under a ROC curve",
 * Radiology 143 (1982). Gini = 2·AUC − 1 (accuracy ratio).
 */
import { countGroups, rankByScore, type GroupCounts, type Ranking } from './ranking.js';

/**
 * AUC from per-tie-group counts (ascending score): Σ_g goods_g · (bads below g + ½ bads_g),
 * over goods · bads. NaN when there are no goods or no bads.
 */
export function aucOfGroups(counts: GroupCounts): number {
  const { bads, goods, totalBads, totalGoods } = counts;
  if (!(totalBads > 0 && totalGoods > 0)) return NaN;
  let badsBelow = 0;
  let pairs = 0;
  for (let g = 0; g < bads.length; g++) {
    pairs += goods[g]! * (badsBelow + bads[g]! / 2);
    badsBelow += bads[g]!;
  }
  return pairs / (totalGoods * totalBads);
}

/**
 * AUC of `score` (higher = safer) against `bad` (1/true = defaulted), ties counted ½.
 * O(n log n); NaN when everybody or nobody defaulted.
 *
 * @example
 * auc([700, 600, 500], [0, 0, 1]); // 1 — both goods outscore the bad
 * auc([600, 600], [0, 1]);          // 0.5 — a tie
 */
export function auc(score: ArrayLike<number>, bad: ArrayLike<number | boolean>, ranking?: Ranking): number {
  if (score.length !== bad.length) throw new RangeError(`metrics: ${score.length} scores but ${bad.length} outcomes`);
  return aucOfGroups(countGroups(ranking ?? rankByScore(score), asNumbers(bad)));
}

/** Booleans as 0/1 without copying number arrays. */
export function asNumbers(bad: ArrayLike<number | boolean>): ArrayLike<number> {
  if (bad.length === 0 || typeof bad[0] === 'number') return bad as ArrayLike<number>;
  return Uint8Array.from({ length: bad.length }, (_, i) => (bad[i] ? 1 : 0));
}
