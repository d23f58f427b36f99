/**
 * Adverse impact ratio (the "four-fifths rule"): each group's approval rate divided by the
 * approval rate of the most-approved group. A ratio under 0.8 is the conventional sign of
 * adverse (disparate) impact worth investigating — a screening rule, not a legal finding.
 *
 *     AIR_g = rate_g / max_h rate_h,   rate_g = approved_g / total_g
 *
 * Groups smaller than `minGroupSize` are reported but neither serve as the reference nor are
 * flagged: their rates are too noisy for the rule.
 *
 * Reference: U.S. Uniform Guidelines on Employee Selection Procedures, 29 CFR § 1607.4(D)
 * (1978), applied to credit decisions in fair-lending disparate-impact analysis (e.g. CFPB,
 * "ECOA Baseline Review Procedures", 2019).
 */

const DEFAULTS = {
  /** Ratios under this are flagged. */
  threshold: 0.8,
  /** Groups with fewer persons are neither the reference nor flagged. */
  minGroupSize: 30,
};

export interface GroupApprovals {
  group: string;
  /** Persons in the group. */
  total: number;
  /** Of them, approved (score at or above the cut-off). */
  approved: number;
}

export interface AdverseImpact extends GroupApprovals {
  /** approved / total; NaN for an empty group. */
  approvalRate: number;
  /** approvalRate / the reference group's; NaN when there is no reference or the group is too small. */
  ratio: number;
  /** ratio < threshold (for groups large enough). */
  flagged: boolean;
}

export interface AdverseImpactResult {
  /** The most-approved group of at least minGroupSize persons; null when none is. */
  reference: string | null;
  threshold: number;
  minGroupSize: number;
  groups: AdverseImpact[];
}

/**
 * @example
 * adverseImpact([{ group: 'F', total: 100, approved: 60 }, { group: 'M', total: 100, approved: 80 }]);
 * // reference 'M'; F: rate 0.6, ratio 0.75, flagged
 */
export function adverseImpact(
  groups: readonly GroupApprovals[],
  options: { threshold?: number; minGroupSize?: number } = {},
): AdverseImpactResult {
  const threshold = options.threshold ?? DEFAULTS.threshold;
  const minGroupSize = options.minGroupSize ?? DEFAULTS.minGroupSize;
  for (const g of groups) {
    if (!(g.approved >= 0 && g.approved <= g.total)) throw new RangeError(`adverse-impact: group ${g.group} has ${g.approved} approved of ${g.total}`);
  }
  const rateOf = (g: GroupApprovals) => (g.total > 0 ? g.approved / g.total : NaN);
  let reference: GroupApprovals | undefined;
  for (const g of groups) {
    if (g.total >= minGroupSize && (reference === undefined || rateOf(g) > rateOf(reference))) reference = g;
  }
  const referenceRate = reference ? rateOf(reference) : NaN;
  return {
    reference: reference?.group ?? null,
    threshold,
    minGroupSize,
    groups: groups.map((g) => {
      const approvalRate = rateOf(g);
      const large = g.total >= minGroupSize;
      const ratio = large && referenceRate > 0 ? approvalRate / referenceRate : NaN;
      return { ...g, approvalRate, ratio, flagged: large && ratio < threshold };
    }),
  };
}
