/** The evaluation and fairness reports as plain-text tables for the terminal. */
import type { EvaluationReport, SegmentEvaluation } from '../reports/evaluation.js';
import type { FairnessReport, GroupVariant } from '../reports/fairness.js';

/** A figure to `digits` places, or – when there is none. */
export const num = (value: number | null, digits = 4): string => (value === null ? '–' : value.toFixed(digits));
const pct = (value: number | null): string => (value === null ? '–' : `${(100 * value).toFixed(1)}%`);

function segmentLines(name: string, s: SegmentEvaluation): string[] {
  const d = s.aucDifference;
  return [
    `${name}: ${s.persons} persons, ${s.defaults} defaults (${pct(s.defaultRate)})`,
    `                      AUC     Gini    KS`,
    `  with network        ${num(s.full.auc)}  ${num(s.full.gini)}  ${num(s.full.ks)}`,
    `  without network     ${num(s.withoutNetwork.auc)}  ${num(s.withoutNetwork.gini)}  ${num(s.withoutNetwork.ks)}`,
    `  AUC difference      ${d ? `${num(d.difference)}  [${num(d.lower)}, ${num(d.upper)}]` : '– (needs defaults and non-defaults)'}`,
    `  default rate by band (with / without network):`,
    ...s.full.bands.map((band, k) => {
      const other = s.withoutNetwork.bands[k]!;
      return `    ${band.band.padEnd(10)} ${pct(band.defaultRate).padStart(6)} of ${String(band.persons).padStart(7)}   ${pct(other.defaultRate).padStart(6)} of ${String(other.persons).padStart(7)}`;
    }),
  ];
}

export function describeEvaluation(report: EvaluationReport): string {
  const { outcomes, bootstrap } = report;
  return [
    `evaluation of run ${report.runId} (model ${report.modelVersion}, as of ${report.asOf}, network weight ${report.networkWeight})`,
    `outcomes: ${outcomes.matched} scored persons with an outcome, ${outcomes.scoredWithoutOutcome} without (left out)` +
      (outcomes.unmatched > 0 ? `, ${outcomes.unmatched} outcomes naming nobody the run scored (left out)` : ''),
    `AUC difference = with − without the network dimension; ${Math.round(bootstrap.confidence * 100)}% paired bootstrap interval, ${bootstrap.replicates} replicates`,
    '',
    ...segmentLines('all persons', report.segments.all),
    '',
    ...segmentLines(`thin file (${report.thinFile.definition})`, report.segments.thinFile),
  ].join('\n');
}

const variantCells = (v: GroupVariant): string =>
  `${pct(v.approvalRate).padStart(6)}  ${num(v.adverseImpactRatio, 3).padStart(5)}${v.flagged ? ' !' : '  '}  ${num(v.meanScore, 1).padStart(6)}  ${num(v.percentiles.p50, 0).padStart(4)}`;

export function describeFairness(report: FairnessReport): string {
  const lines = [
    `fairness of run ${report.runId} (model ${report.modelVersion}, as of ${report.asOf}, network weight ${report.networkWeight}): ${report.persons} persons`,
    `approved: displayed score ≥ ${report.cutoff}; AIR = approval rate / the most-approved group's (groups of ≥ ${report.minGroupSize}); "!" = under ${report.threshold}`,
    `"–": withheld, fewer than ${report.minGroupSize} persons in the group or on either side of the cut-off`,
  ];
  for (const attribute of report.attributes) {
    lines.push(
      '',
      `${attribute.attribute === 'sex' ? 'sex' : 'age band'} (reference: ${attribute.reference.full ?? '–'} with network, ${attribute.reference.withoutNetwork ?? '–'} without)`,
      `  group        persons |  with network: approved  AIR     mean  median |  without network: approved  AIR     mean  median`,
      ...attribute.groups.map(
        (g) => `  ${g.group.padEnd(10)} ${String(g.persons).padStart(9)} |               ${variantCells(g.full)} |                  ${variantCells(g.withoutNetwork)}`,
      ),
    );
  }
  lines.push(
    '',
    report.flags.length === 0
      ? `no adverse impact ratio under ${report.threshold}`
      : `adverse impact ratios under ${report.threshold}: ${report.flags.map((f) => `${f.attribute} ${f.group} ${f.variant === 'full' ? 'with' : 'without'} network (${f.adverseImpactRatio})`).join('; ')}`,
  );
  return lines.join('\n');
}
