/**
 * The fairness report of a published run (issue 8, `tiescore fairness`,
 * `GET /v1/reports/fairness`): per protected group (sex; age band at the as-of date), the
 * score distribution and the approval rate at a cut-off — approve when the displayed score is
 * at least the cut-off — and the adverse impact ratio against the most-approved group, for the
 * published score and for the score without the network dimension (`scoreWithoutNetwork`),
 * flagging ratios under 0.8 (metrics/adverse-impact.ts). It shows whether the network
 * dimension — guilt or credit by association — shifts approvals between groups.
 *
 * Disclosure control (README, "The fairness report's threat model"): no count of fewer than
 * `minGroupSize` persons of one group can be read off the report, not even as the difference of
 * two numbers it shows at the same or at different configured cut-offs (across groups, see the
 * README's "What is left"). Every count it shows is the number of a
 * group's persons scoring from one boundary to another: the approved count at a cut-off c (c to
 * the top), a band's share (band edge to band edge), the group's size (bottom to top). So per
 * group and variant it picks the boundaries it may show (`shownBoundaries`): the configured
 * cut-offs first, ascending, then the band edges, each taken only if every interval between the
 * boundaries taken stays at least `minGroupSize` persons. Whatever it shows is then a sum of
 * whole intervals, and so is any difference of two of them. An approved count (with its rate and
 * ratio) shows only when the cut-off is a boundary taken — else `suppressed`, and the group is not
 * the reference (every ratio would give its rate away); a band share only when both its edges are.
 * A group under `minGroupSize` shows its size only. Percentiles are rounded to 10 points, so none
 * is a member's exact score (which, if unique, would place that person in the group).
 *
 * Pure: the rows come from `Store.reportRowsIn`.
 */
import { BANDS, scoreWithoutNetwork, type Model } from '../score/index.js';
import type { ReportRow } from '../store/store.js';
import { adverseImpact } from './metrics/adverse-impact.js';
import { quantileOfSorted } from './metrics/bootstrap.js';
import { protectedAttributes } from './protected-groups.js';
import { rounded } from './report-numbers.js';
import { FAIRNESS_DEFAULTS } from './report-defaults.js';
import { SCORE_VARIANTS, type ScoreVariant } from './evaluation.js';

export { FAIRNESS_DEFAULTS };

/** Points percentiles are rounded to. */
const PERCENTILE_STEP = 10;

export type FairnessOptions = Partial<typeof FAIRNESS_DEFAULTS> & {
  /** Every cut-off the report may be asked at (the API's FAIRNESS_CUTOFFS); default just `cutoff`. */
  cutoffs?: readonly number[];
};

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
  const cutoffs = [...new Set([...(options.cutoffs ?? []), o.cutoff])].sort((a, b) => a - b);
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
        const stats = groups.map((group) => groupStats(members.get(group)!, scores[variant], o.cutoff, cutoffs, o.minGroupSize));
        const releasable = stats.map((s) => s.shown.has(o.cutoff));
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

function groupStats(members: readonly number[], scores: Int32Array, cutoff: number, cutoffs: readonly number[], minGroupSize: number) {
  const values = Int32Array.from(members, (i) => scores[i]!).sort();
  const n = values.length;
  const approved = n - below(values, cutoff);
  const shown = shownBoundaries([values], cutoffs, BAND_EDGES, minGroupSize);
  if (n < minGroupSize) {
    return {
      n,
      approved,
      shown,
      distribution: {
        meanScore: null,
        percentiles: { p10: null, p25: null, p50: null, p75: null, p90: null },
        bandShares: Object.fromEntries(BANDS.map((band) => [band.id, null])),
      },
    };
  }
  let sum = 0;
  for (const score of values) sum += score;
  const edgeShown = (edge: number | undefined) => edge === undefined || shown.has(edge);
  return {
    n,
    approved,
    shown,
    distribution: {
      meanScore: rounded(sum / n, 2),
      percentiles: Object.fromEntries(
        Object.entries(QUANTILES).map(([name, q]) => [name, Math.round(quantileOfSorted(values, q) / PERCENTILE_STEP) * PERCENTILE_STEP]),
      ) as GroupVariant['percentiles'],
      bandShares: Object.fromEntries(
        BANDS.map((band, k) => [
          band.id,
          edgeShown(k === 0 ? undefined : band.min) && edgeShown(BANDS[k + 1]?.min) ? rounded((below(values, band.max + 1) - below(values, band.min)) / n) : null,
        ]),
      ),
    },
  };
}

/** The band edges inside the scale (550, 600, 650, 700). */
const BAND_EDGES = BANDS.slice(1).map((band) => band.min);

/** How many of `sorted` are below `score`. */
function below(sorted: Int32Array, score: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < score) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The boundaries whose counts may be shown for every one of `cells` (each a sorted score list; the
 * report passes one group at a time):
 * `preferred` ones first (the configured cut-offs), then `others` (band edges), each ascending,
 * each taken only if, in every cell, every interval between consecutive boundaries taken — from
 * the bottom of the scale to the top — still holds at least `minGroupSize` persons.
 */
export function shownBoundaries(cells: readonly Int32Array[], preferred: readonly number[], others: readonly number[], minGroupSize: number): Set<number> {
  const taken: number[] = [];
  const fits = (sorted: Int32Array, boundaries: readonly number[]) => {
    let previous = 0;
    for (const boundary of boundaries) {
      const count = below(sorted, boundary);
      if (count - previous < minGroupSize) return false;
      previous = count;
    }
    return sorted.length - previous >= minGroupSize;
  };
  for (const boundary of [...new Set([...preferred].sort((a, b) => a - b)), ...[...others].sort((a, b) => a - b)]) {
    if (taken.includes(boundary)) continue;
    const candidate = [...taken, boundary].sort((a, b) => a - b);
    if (cells.every((cell) => fits(cell, candidate))) taken.push(boundary);
  }
  return new Set(taken);
}
