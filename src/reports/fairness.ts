/**
 * The fairness report of a published run (issue 8, `tiescore fairness`,
 * `GET /v1/reports/fairness`): per protected group (sex; age band at the as-of date), the
 * score distribution and the approval rate at a cut-off — approve when the displayed score is
 * at least the cut-off — and the adverse impact ratio against the most-approved group, for the
 * published score and for the score without the network dimension (`scoreWithoutNetwork`),
 * flagging ratios under 0.8 (metrics/adverse-impact.ts). It shows whether the network
 * dimension — guilt or credit by association — shifts approvals between groups.
 *
 * Pure: the rows come from `Store.reportRowsIn`.
 */
import { BANDS, bandOf, scoreWithoutNetwork, type Model } from '../score/index.js';
import type { ReportRow } from '../store/store.js';
import { adverseImpact } from './metrics/adverse-impact.js';
import { quantileOfSorted } from './metrics/bootstrap.js';
import { protectedAttributes } from './protected-groups.js';
import { rounded } from './report-numbers.js';
import { FAIRNESS_DEFAULTS } from './report-defaults.js';
import { SCORE_VARIANTS, type ScoreVariant } from './evaluation.js';

export { FAIRNESS_DEFAULTS };

export type FairnessOptions = Partial<typeof FAIRNESS_DEFAULTS>;

/** One group's scores under one variant. */
export interface GroupVariant {
  approved: number;
  approvalRate: number | null;
  /** Approval rate over the reference group's; null when undefined or the group is too small. */
  adverseImpactRatio: number | null;
  flagged: boolean;
  meanScore: number | null;
  /** Displayed-score percentiles p10, p25, p50, p75, p90. */
  percentiles: Record<'p10' | 'p25' | 'p50' | 'p75' | 'p90', number | null>;
  /** Share of the group in each band. */
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
        const stats = groups.map((group) => groupStats(members.get(group)!, scores[variant], o.cutoff));
        const impact = adverseImpact(
          groups.map((group, k) => ({ group, total: members.get(group)!.length, approved: stats[k]!.approved })),
          { threshold: o.threshold, minGroupSize: o.minGroupSize },
        );
        const variants = stats.map((s, k): GroupVariant => {
          const g = impact.groups[k]!;
          if (g.flagged) flags.push({ attribute: attribute.attribute, group: g.group, variant, adverseImpactRatio: rounded(g.ratio)! });
          return { approved: s.approved, approvalRate: rounded(g.approvalRate), adverseImpactRatio: rounded(g.ratio), flagged: g.flagged, ...s.distribution };
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

function groupStats(members: readonly number[], scores: Int32Array, cutoff: number) {
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
  return {
    approved,
    distribution: {
      meanScore: rounded(sum / n, 2),
      percentiles: Object.fromEntries(Object.entries(QUANTILES).map(([name, q]) => [name, rounded(quantileOfSorted(values, q), 1)])) as GroupVariant['percentiles'],
      bandShares: Object.fromEntries(BANDS.map((band) => [band.id, rounded(bandCounts.get(band.id)! / n)])),
    },
  };
}
