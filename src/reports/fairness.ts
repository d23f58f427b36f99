/**
 * The fairness report of a published run (issue 8, `tiescore fairness`,
 * `GET /v1/reports/fairness`): per protected group (sex; age band at the as-of date), the
 * score distribution and the approval rate at a cut-off — approve when the displayed score is
 * at least the cut-off — and the adverse impact ratio against the most-approved group, for the
 * published score and for the score without the network dimension (`scoreWithoutNetwork`),
 * flagging ratios under 0.8 (metrics/adverse-impact.ts). It shows whether the network
 * dimension — guilt or credit by association — shifts approvals between groups.
 *
 * Disclosure control (README, "The fairness report's threat model"): a count of fewer than
 * `minGroupSize` persons is never shown. A group that small shows only its size; a group whose
 * approved or declined side is that small shows neither side (either gives the other away), nor a
 * rate or ratio, and cannot be the reference; a band cell that small is withheld, and so is the
 * next smallest when it would be the only one withheld (the shares sum to 1).
 *
 * Pure: the rows come from `Store.reportRowsIn`.
 */
import { BANDS, bandOf, scoreWithoutNetwork, type Model } from '../score/index.js';
import type { ReportRow } from '../store/store.js';
import { adverseImpact } from './metrics/adverse-impact.js';
import { quantileOfSorted } from './metrics/bootstrap.js';
import { protectedAttributes } from './protected-groups.js';
import { rounded } from './report-numbers.js';
import { SCORE_VARIANTS, type ScoreVariant } from './evaluation.js';

export const FAIRNESS_DEFAULTS = {
  /** Approve at or above this score: the lowest score of the "good" band. */
  cutoff: 600,
  /** Adverse impact ratios under this are flagged (the four-fifths rule). */
  threshold: 0.8,
  /** Counts smaller than this are withheld; such groups are neither flagged nor the reference. */
  minGroupSize: 30,
};

export type FairnessOptions = Partial<typeof FAIRNESS_DEFAULTS>;

/** One group's scores under one variant. */
export interface GroupVariant {
  /** Null (with the rate and ratio) when the group or either side of the cut-off is under minGroupSize. */
  approved: number | null;
  approvalRate: number | null;
  /** Approval rate over the reference group's; null when undefined or the group is too small. */
  adverseImpactRatio: number | null;
  flagged: boolean;
  /** True when the approval counts are withheld (see `approved`). */
  suppressed: boolean;
  meanScore: number | null;
  /** Displayed-score percentiles p10, p25, p50, p75, p90. */
  percentiles: Record<'p10' | 'p25' | 'p50' | 'p75' | 'p90', number | null>;
  /** Share of the group in each band; null for a withheld cell. */
  bandShares: Record<string, number | null>;
}

export interface GroupFairness {
  group: string;
  persons: number;
  full: GroupVariant;
  withoutNetwork: GroupVariant;
}

export interface AttributeFairness {
  attribute: 'sex' | 'ageBand';
  /** The most-approved group (of at least minGroupSize persons) per variant. */
  reference: Record<ScoreVariant, string | null>;
  groups: GroupFairness[];
}

export interface FairnessReport {
  runId: string;
  modelVersion: string;
  asOf: string;
  networkWeight: number;
  cutoff: number;
  threshold: number;
  minGroupSize: number;
  persons: number;
  attributes: AttributeFairness[];
  /** Every ratio under the threshold: which attribute, group and variant. */
  flags: { attribute: string; group: string; variant: ScoreVariant; adverseImpactRatio: number }[];
}

export interface FairnessInput {
  run: { id: string; modelVersion: string; asOf: string };
  rows: readonly ReportRow[];
  model: Model;
}

const QUANTILES = { p10: 0.1, p25: 0.25, p50: 0.5, p75: 0.75, p90: 0.9 } as const;

/**
 * @example
 * const report = fairnessReport({ run, rows: await store.reportRowsIn(run), model }, { cutoff: 620 });
 * report.flags; // [] when every group's approval rate is at least 0.8 of the best group's
 */
export function fairnessReport(input: FairnessInput, options: FairnessOptions = {}): FairnessReport {
  const o = { ...FAIRNESS_DEFAULTS, ...options };
  const { rows, model, run } = input;
  // Displayed scores of both variants, once.
  const scores: Record<ScoreVariant, Int32Array> = {
    full: Int32Array.from(rows, (row) => row.score),
    withoutNetwork: Int32Array.from(rows, (row) => Math.round(scoreWithoutNetwork(row.dimensions, model))),
  };
  const flags: FairnessReport['flags'] = [];
  const attributes = protectedAttributes(run.asOf).map((attribute): AttributeFairness => {
    const members = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const group = attribute.groupOf(row);
      let list = members.get(group);
      if (!list) members.set(group, (list = []));
      list.push(i);
    });
    const groups = attribute.order.filter((group) => members.has(group));
    const perVariant = Object.fromEntries(
      SCORE_VARIANTS.map((variant) => {
        const stats = groups.map((group) => groupStats(members.get(group)!, scores[variant], o.cutoff, o.minGroupSize));
        const releasable = stats.map((s) => s.approved >= o.minGroupSize && s.n - s.approved >= o.minGroupSize);
        // Only releasable groups enter the rule: a withheld group's rate must not be the reference
        // (every ratio would give it away) nor come back as a ratio.
        const shown = groups.flatMap((group, k) => (releasable[k] ? [{ group, total: stats[k]!.n, approved: stats[k]!.approved }] : []));
        const impact = adverseImpact(shown, { threshold: o.threshold, minGroupSize: o.minGroupSize });
        const variants = stats.map((s, k): GroupVariant => {
          const g = impact.groups.find((candidate) => candidate.group === groups[k]);
          if (!g) return { approved: null, approvalRate: null, adverseImpactRatio: null, flagged: false, suppressed: true, ...s.distribution };
          if (g.flagged) flags.push({ attribute: attribute.attribute, group: g.group, variant, adverseImpactRatio: rounded(g.ratio)! });
          return { approved: s.approved, approvalRate: rounded(g.approvalRate), adverseImpactRatio: rounded(g.ratio), flagged: g.flagged, suppressed: false, ...s.distribution };
        });
        return [variant, { reference: impact.reference, variants }];
      }),
    ) as Record<ScoreVariant, { reference: string | null; variants: GroupVariant[] }>;
    return {
      attribute: attribute.attribute,
      reference: { full: perVariant.full.reference, withoutNetwork: perVariant.withoutNetwork.reference },
      groups: groups.map((group, k) => ({
        group,
        persons: members.get(group)!.length,
        full: perVariant.full.variants[k]!,
        withoutNetwork: perVariant.withoutNetwork.variants[k]!,
      })),
    };
  });
  return {
    runId: run.id,
    modelVersion: run.modelVersion,
    asOf: run.asOf,
    networkWeight: model.weights.network,
    cutoff: o.cutoff,
    threshold: o.threshold,
    minGroupSize: o.minGroupSize,
    persons: rows.length,
    attributes,
    flags,
  };
}

function groupStats(members: readonly number[], scores: Int32Array, cutoff: number, minGroupSize: number) {
  const values = Int32Array.from(members, (i) => scores[i]!).sort();
  let approved = 0;
  let sum = 0;
  const bandCounts = new Map<string, number>(BANDS.map((band) => [band.id, 0]));
  for (const score of values) {
    if (score >= cutoff) approved++;
    sum += score;
    const band = bandOf(score).id;
    bandCounts.set(band, bandCounts.get(band)! + 1);
  }
  const n = values.length;
  if (n < minGroupSize) {
    return {
      n,
      approved,
      distribution: {
        meanScore: null,
        percentiles: { p10: null, p25: null, p50: null, p75: null, p90: null },
        bandShares: Object.fromEntries(BANDS.map((band) => [band.id, null])),
      },
    };
  }
  const hidden = withheldCells(bandCounts, minGroupSize);
  return {
    n,
    approved,
    distribution: {
      meanScore: rounded(sum / n, 2),
      percentiles: Object.fromEntries(Object.entries(QUANTILES).map(([name, q]) => [name, rounded(quantileOfSorted(values, q), 1)])) as GroupVariant['percentiles'],
      bandShares: Object.fromEntries(BANDS.map((band) => [band.id, hidden.has(band.id) ? null : rounded(bandCounts.get(band.id)! / n)])),
    },
  };
}

/**
 * The cells to withhold: every count under `minGroupSize`, plus the smallest other one when only
 * one would be withheld — the cells sum to the group's size, so a lone gap is no gap.
 */
function withheldCells(counts: ReadonlyMap<string, number>, minGroupSize: number): Set<string> {
  const hidden = new Set([...counts].filter(([, count]) => count < minGroupSize).map(([cell]) => cell));
  if (hidden.size === 1) {
    const next = [...counts].filter(([cell]) => !hidden.has(cell)).sort((a, b) => a[1] - b[1])[0];
    if (next) hidden.add(next[0]);
  }
  return hidden;
}
