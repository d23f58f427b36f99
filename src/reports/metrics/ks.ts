/**
 * The Kolmogorov–Smirnov statistic of a credit score: the largest distance between the
 * cumulative score distributions of bads (defaulted) and goods,
 *
 *     KS = max_t | F_bad(t) − F_good(t) |,   F(t) = share scoring ≤ t,
 *
 * taken over every observed score t (the distributions only jump there). 0 = no separation,
 * 1 = complete. The score where it is reached is the cut-off that best separates the two.
 *
 * Reference: L. C. Thomas, D. B. Edelman & J. N. Crook, "Credit Scoring and Its Applications"
 * (SIAM, 2002), §7.4; N. Smirnov, Ann. Math. Stat. 19 (1948).
 */
import { asNumbers } from './auc.js';
import { countGroups, rankByScore, type GroupCounts, type Ranking } from './ranking.js';

export interface KsResult {
  /** max |F_bad − F_good|, NaN without goods or bads. */
  ks: number;
  /** The score t where it is reached (the first such, lowest score); NaN when undefined. */
  atScore: number;
}

/** KS from per-tie-group counts and the groups' scores (ascending). */
export function ksOfGroups(counts: GroupCounts, groupScores: ArrayLike<number>): KsResult {
  const { bads, goods, totalBads, totalGoods } = counts;
  if (!(totalBads > 0 && totalGoods > 0)) return { ks: NaN, atScore: NaN };
  let cumBads = 0;
  let cumGoods = 0;
  let best = 0;
  let atScore = NaN;
  for (let g = 0; g < bads.length; g++) {
    cumBads += bads[g]!;
    cumGoods += goods[g]!;
    const gap = Math.abs(cumBads / totalBads - cumGoods / totalGoods);
    if (gap > best) {
      best = gap;
      atScore = groupScores[g]!;
    }
  }
  return { ks: best, atScore };
}

/**
 * @example
 * ks([500, 600, 700, 800], [1, 1, 0, 0]); // { ks: 1, atScore: 600 }
 */
export function ks(score: ArrayLike<number>, bad: ArrayLike<number | boolean>, ranking?: Ranking): KsResult {
  if (score.length !== bad.length) throw new RangeError(`metrics: ${score.length} scores but ${bad.length} outcomes`);
  const r = ranking ?? rankByScore(score);
  return ksOfGroups(countGroups(r, asNumbers(bad)), r.groupScores);
}
