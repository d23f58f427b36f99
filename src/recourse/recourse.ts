/**
 * A person's recourse answer (README, "Recourse"): the smallest sets of changes to actionable
 * features that reach a target score — the next band when no target is given — each change with
 * the points it brings and a plain sentence; the highest score reachable with actionable changes
 * alone; and what the person is not asked to change (not-actionable.ts). Numbers are rounded
 * here, where they leave the service (points and scores to 0.1).
 */
import type { CreditEvent } from '../domain/records.js';
import { roundPoints } from '../domain/display-numbers.js';
import { BANDS, bandOf, formatMeasure, SCORE_MAX, scoreOwnDimensions, type BandId, type Model, type ScoringFeatures } from '../score/index.js';
import { notActionable, type NotActionable } from './not-actionable.js';
import { bestPlan, minimalPlans, scoreWithPoints, type Plan, type RecourseInput } from './plans.js';

/** One change as people read it. */
export interface ChangeView {
  code: string;
  dimension: string;
  label: string;
  /** The value now, to 3 places. */
  from: number;
  /** The proposed value, exact: the nearest to today's in a better bin within reach. */
  to: number;
  /** Score points the change brings, to 0.1. */
  points: number;
  months: number;
  /** "Pay every utility and phone bill on time (within 6 months): Bills paid on time 91% → 92.1%, +6.8 points". */
  text: string;
}

export interface PlanView {
  /** The displayed score with the plan applied. */
  score: number;
  /** The same, unrounded to 0.1 (what recomputing the score with the proposed values gives). */
  exact: number;
  /** Points the plan brings, to 0.1. */
  points: number;
  months: number;
  changes: ChangeView[];
}

export interface RecourseAnswer {
  personId: string;
  modelVersion: string;
  asOf: string;
  /** The displayed score the plans start from. */
  score: number;
  exact: number;
  band: BandId;
  target: { score: number; band: BandId; from: 'request' | 'next-band' } | null;
  /** True when the target is reached already or some plan reaches it. */
  reachable: boolean;
  /** The highest displayed score actionable changes alone reach. */
  highestReachable: number;
  /** One sentence that sums the answer up. */
  summary: string;
  /** How many minimal plans there are (`plans` lists the smallest MAX_PLANS). */
  minimalPlanCount: number;
  /** Minimal plans, smallest first, at most MAX_PLANS (empty when the target is reached already or cannot be). */
  plans: PlanView[];
  /** Every actionable change at its largest: the plan behind `highestReachable`. */
  highest: PlanView;
  /** Actionable features whose value is unknown: they earn their `missing` points until it is on record. */
  unknown: { code: string; label: string; text: string }[];
  notActionable: NotActionable[];
}

export interface RecourseRequest extends RecourseInput {
  personId: string;
  events: readonly CreditEvent[];
  asOf: string;
  /** The target displayed score (350–950); the next band's lowest score when omitted. */
  target?: number | undefined;
}

/** The most plans an answer lists; the smallest come first. */
export const MAX_PLANS = 5;

const round1 = (value: number) => Math.round(value * 10) / 10;

function changeText(model: Model, change: Plan['changes'][number], label: string, measure: Parameters<typeof formatMeasure>[0]): string {
  const action = model.features[change.dimension][change.index]!.actionable!;
  const within = change.months === 1 ? 'within a month' : `within ${change.months} months`;
  return `${action.action} (${within}): ${label} ${formatMeasure(measure, change.from)} → ${formatMeasure(measure, change.to)}, +${roundPoints(change.scorePoints).toFixed(1)} points`;
}

function planView(input: RecourseInput, plan: Plan, start: number): PlanView {
  return {
    score: plan.score,
    exact: round1(plan.exact),
    points: roundPoints(plan.exact - start),
    months: plan.months,
    changes: plan.changes.map((change) => {
      const feature = input.features[change.dimension][change.index]!;
      return {
        code: change.code,
        dimension: change.dimension,
        label: feature.label,
        // Today's value as people read it (3 places, as explanations show values); `to` stays exact,
        // since it is the value the promised score is computed from.
        from: Math.round(change.from * 1000) / 1000,
        to: change.to,
        points: roundPoints(change.scorePoints),
        months: change.months,
        text: changeText(input.model, change, feature.label, feature.measure),
      };
    }),
  };
}

/** The lowest score of the band above `score`'s, or undefined in the top band. */
export function nextBandScore(score: number): number | undefined {
  const band = bandOf(score);
  return BANDS.find((candidate) => candidate.min > band.max)?.min;
}

/**
 * The recourse answer of a scored person.
 *
 * @throws RangeError for a target outside 350–950 or not an integer.
 * @example
 * const own = scoreOwnDimensions({ person, events, asOf, model });
 * recourseOf({ personId, features: { history: own.history.features, … }, network: 0.55, events, asOf, model });
 */
export function recourseOf(request: RecourseRequest): RecourseAnswer {
  const { model } = request;
  if (request.target !== undefined && !(Number.isInteger(request.target) && request.target >= 350 && request.target <= SCORE_MAX)) {
    throw new RangeError(`recourse: the target must be a whole score from 350 to ${SCORE_MAX}, got ${request.target}`);
  }
  const exact = scoreWithPoints(request, new Map());
  const score = Math.round(exact);
  const targetScore = request.target ?? nextBandScore(score);
  const highest = bestPlan(request);
  const plans = targetScore === undefined || score >= targetScore ? [] : minimalPlans(request, targetScore);
  const reachable = targetScore === undefined || score >= targetScore || plans.length > 0;
  const target = targetScore === undefined ? null : { score: targetScore, band: bandOf(targetScore).id, from: request.target === undefined ? ('next-band' as const) : ('request' as const) };

  let summary: string;
  if (targetScore === undefined) summary = `Your score ${score} is in the highest band already; the highest score actionable changes reach is ${highest.score}.`;
  else if (score >= targetScore) summary = `Your score ${score} is at or above the target ${targetScore} already.`;
  else if (plans.length === 0) {
    summary =
      `The target ${targetScore} cannot be reached with the changes you can make alone: the highest reachable score is ${highest.score}` +
      (highest.changes.length === 0 ? ' (no actionable feature can improve).' : '.');
  } else {
    const fewest = plans[0]!.changes.length;
    const shown = plans.length > MAX_PLANS ? ` (the ${MAX_PLANS} smallest are listed)` : '';
    summary = `${plans.length === 1 ? 'One way' : `${plans.length} ways`} to reach ${targetScore} from ${score}${shown}; the smallest changes ${fewest} thing${fewest === 1 ? '' : 's'}.`;
  }

  const unknown = (['history', 'behaviour', 'capacity', 'identity'] as const).flatMap((dimension) =>
    model.features[dimension].flatMap((modelFeature, index) => {
      const feature = request.features[dimension][index]!;
      if (modelFeature.actionable === undefined || !feature.missing) return [];
      return [{ code: feature.code, label: feature.label, text: `${feature.label}: unknown — it earns the model's points for an unknown value until it is on record; then its value is scored.` }];
    }),
  );

  return {
    personId: request.personId,
    modelVersion: model.version,
    asOf: request.asOf,
    score,
    exact: round1(exact),
    band: bandOf(score).id,
    target,
    reachable,
    highestReachable: highest.score,
    summary,
    minimalPlanCount: plans.length,
    plans: plans.slice(0, MAX_PLANS).map((plan) => planView(request, plan, exact)),
    highest: planView(request, highest, exact),
    unknown,
    notActionable: notActionable(request).map((item) => (item.points === undefined ? item : { ...item, points: roundPoints(item.points) })),
  };
}

/** What `recourseOfRecords` needs: a person's records on a date and their network value. */
export interface RecordsRecourseRequest {
  person: ScoringFeatures;
  events: readonly CreditEvent[];
  /** Scoring date (the published run's), `YYYY-MM-DD`. */
  asOf: string;
  /** The network value n in [0, 1] (the published one); never changed by a plan. */
  network: number;
  model: Model;
  target?: number | undefined;
}

/**
 * The recourse answer of a person's records: their own dimensions scored on `asOf`, the network
 * value as given — what the API and the CLI answer with.
 *
 * @example
 * recourseOfRecords({ person, events, asOf: run.asOf, network: score.dimensions.network, model, target: 650 });
 */
export function recourseOfRecords(request: RecordsRecourseRequest): RecourseAnswer {
  const { person, events, asOf, network, model, target } = request;
  const own = scoreOwnDimensions({ person, events, asOf, model });
  const features = { history: own.history.features, behaviour: own.behaviour.features, capacity: own.capacity.features, identity: own.identity.features };
  return recourseOf({ personId: person.id, features, network, events, asOf, model, target });
}
