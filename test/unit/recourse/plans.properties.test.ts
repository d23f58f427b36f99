// Properties of the recourse solver over random persons, events, network values, valid models
// and random actionability: a plan's promised score is what the scorecard gives the proposed
// values; no plan touches a feature the model does not mark actionable (nor the network); every
// plan is minimal; and an unreachable target is reported with the true highest reachable score.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreditEvent, Person } from '../../../src/domain/records.js';
import { movesOf } from '../../../src/recourse/moves.js';
import { recourseOf } from '../../../src/recourse/recourse.js';
import { scoreDimension, type FeatureScore } from '../../../src/score/dimension.js';
import { PERSONAL_DIMENSIONS, type MeasureName, type PersonalDimension } from '../../../src/score/measures.js';
import { MEASURES } from '../../../src/score/measures.js';
import { parseModel, type Model, type ModelFeature } from '../../../src/score/model.js';
import { scoreOfDimensions, scoreOwnDimensions } from '../../../src/score/scorecard.js';
import { AS_OF, anyModelArb, eventsArb, personArb } from '../score/fixtures.js';

const RUNS = { numRuns: 250 };

/**
 * Per feature (11): actionable or not, a reach as a share of the span of its bins' edges (or none:
 * as far as the measure goes) — short reaches make plans of several changes common — and months.
 */
const actionabilityArb = fc.array(
  fc.record({ on: fc.boolean(), by: fc.option(fc.double({ min: 0.02, max: 1.2, noNaN: true }), { nil: undefined }), months: fc.integer({ min: 1, max: 24 }) }),
  { minLength: 11, maxLength: 11 },
);

function withActionability(model: Model, flags: { on: boolean; by: number | undefined; months: number }[]): Model {
  const json = structuredClone(model) as Model;
  let row = 0;
  for (const dimension of PERSONAL_DIMENSIONS) {
    for (const feature of json.features[dimension]) {
      const flag = flags[row++]!;
      delete feature.actionable;
      if (flag.on) {
        const edges = feature.bins.flatMap((bin) => (bin.upTo === undefined ? [] : [bin.upTo]));
        const span = Math.max(...edges) - Math.min(...edges) || 1;
        feature.actionable = { direction: MEASURES[feature.measure].better, months: flag.months, action: `Change ${feature.code}`, ...(flag.by === undefined ? {} : { by: flag.by * span }) };
      }
    }
  }
  return parseModel(json);
}

interface Case {
  model: Model;
  person: Person;
  events: CreditEvent[];
  network: number;
  target: number | undefined;
  aim: number | undefined;
}
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    model: anyModelArb,
    flags: fc.option(actionabilityArb, { nil: undefined }),
    person: personArb,
    events: eventsArb,
    network: fc.double({ min: 0, max: 1, noNaN: true }),
    target: fc.option(fc.integer({ min: 350, max: 950 }), { nil: undefined }),
    // Most of the time, a target between the score and one above the highest reachable score,
    // where the plans of several changes are.
    aim: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  })
  .map(({ model, flags, aim, ...rest }) => ({ ...rest, aim, model: flags ? withActionability(model, flags) : model }));

type Features = ReturnType<typeof featuresOf>;
function featuresOf(c: Case) {
  const own = scoreOwnDimensions({ person: c.person, events: c.events, asOf: AS_OF, model: c.model });
  return { history: own.history.features, behaviour: own.behaviour.features, capacity: own.capacity.features, identity: own.identity.features };
}

/** The score the scorecard itself gives when the measures of `changes` take new values. */
function rescore(c: Case, features: Features, changes: { code: string; to: number }[]): number {
  const dimensions = { network: c.network } as Record<PersonalDimension | 'network', number>;
  for (const dimension of PERSONAL_DIMENSIONS) {
    const values: Partial<Record<MeasureName, number | undefined>> = {};
    for (const feature of features[dimension]) values[feature.measure] = changes.find((change) => change.code === feature.code)?.to ?? feature.value;
    dimensions[dimension] = scoreDimension(dimension, values as never, c.model).value;
  }
  return scoreOfDimensions(dimensions, c.model);
}

const actionableCodes = (model: Model) =>
  new Map(PERSONAL_DIMENSIONS.flatMap((d) => model.features[d].filter((f) => f.actionable).map((f) => [f.code, f] as const)));

function answer(c: Case) {
  const features = featuresOf(c);
  const ask = (target: number | undefined) => recourseOf({ personId: 'p1', features, network: c.network, events: c.events, asOf: AS_OF, model: c.model, target });
  if (c.aim === undefined) return { features, result: ask(c.target) };
  const { score, highestReachable } = ask(undefined);
  return { features, result: ask(Math.min(950, score + 1 + Math.floor(c.aim * (highestReachable - score)))) };
}

describe('recourse plans (properties)', () => {
  it('applying a plan gives the promised score, to the last bit, and reaches the target', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { features, result } = answer(c);
        expect(result.exact).toBe(Math.round(rescore(c, features, []) * 10) / 10);
        for (const plan of [...result.plans, result.highest]) {
          const recomputed = rescore(c, features, plan.changes);
          expect(Math.round(recomputed * 10) / 10).toBe(plan.exact);
          expect(Math.round(recomputed)).toBe(plan.score);
        }
        for (const plan of result.plans) expect(plan.score).toBeGreaterThanOrEqual(result.target!.score);
      }),
      RUNS,
    );
  });

  it('never touches a feature the model does not mark actionable, and keeps each change within its reach and direction', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { features, result } = answer(c);
        const actionable = actionableCodes(c.model);
        const now = (code: string) => PERSONAL_DIMENSIONS.flatMap((d): FeatureScore[] => features[d]).find((f) => f.code === code)!.value!;
        for (const plan of [...result.plans, result.highest]) {
          expect(new Set(plan.changes.map((change) => change.code)).size).toBe(plan.changes.length);
          for (const change of plan.changes) {
            const feature = actionable.get(change.code);
            expect(feature, change.code).toBeDefined();
            expect(change.dimension).not.toBe('network');
            expect(change.from).toBe(Math.round(now(change.code) * 1000) / 1000);
            const moved = feature!.actionable!.direction === 'higher' ? change.to - now(change.code) : now(change.code) - change.to;
            expect(moved).toBeGreaterThan(0);
            expect(moved).toBeLessThanOrEqual((feature!.actionable!.by ?? Infinity) + 1e-9);
            expect(change.points).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('plans are minimal: no proper subset of a plan\'s features reaches the target, even at their largest moves', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { features, result } = answer(c);
        const modelFeature = (code: string) => PERSONAL_DIMENSIONS.flatMap((d): ModelFeature[] => c.model.features[d]).find((f) => f.code === code)!;
        const scored = (code: string) => PERSONAL_DIMENSIONS.flatMap((d): FeatureScore[] => features[d]).find((f) => f.code === code)!;
        for (const plan of result.plans) {
          const largest = plan.changes.map((change) => ({ code: change.code, to: movesOf(modelFeature(change.code), scored(change.code)).at(-1)!.to }));
          for (let mask = 0; mask < (1 << largest.length) - 1; mask++) {
            const subset = largest.filter((_, i) => mask & (1 << i));
            expect(Math.round(rescore(c, features, subset))).toBeLessThan(result.target!.score);
          }
        }
      }),
      RUNS,
    );
  });

  it('finds every minimal plan (checked against brute force over the feature sets) and lists the smallest first', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { features, result } = answer(c);
        const sizes = result.plans.map((plan) => plan.changes.length);
        expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
        expect(result.plans.length).toBe(Math.min(5, result.minimalPlanCount));
        if (result.target === null || result.score >= result.target.score) {
          expect(result.minimalPlanCount).toBe(0);
          return;
        }
        const largest = PERSONAL_DIMENSIONS.flatMap((d) =>
          c.model.features[d].flatMap((feature: ModelFeature, i) => {
            const moves = movesOf(feature, features[d][i]!);
            return moves.length ? [{ code: feature.code, to: moves.at(-1)!.to }] : [];
          }),
        );
        const reaches = (mask: number) => Math.round(rescore(c, features, largest.filter((_, i) => mask & (1 << i)))) >= result.target!.score;
        let minimal = 0;
        for (let mask = 1; mask < 1 << largest.length; mask++) {
          if (reaches(mask) && largest.every((_, i) => !(mask & (1 << i)) || !reaches(mask & ~(1 << i)))) minimal++;
        }
        expect(result.minimalPlanCount).toBe(minimal);
      }),
      { numRuns: 400 },
    );
  });

  it('is honest when the target is out of reach: no plan, and the highest reachable score is what every largest move gives', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { features, result } = answer(c);
        expect(result.highestReachable).toBe(Math.round(rescore(c, features, result.highest.changes)));
        expect(result.highestReachable).toBeGreaterThanOrEqual(result.score);
        if (result.target === null) return;
        const reachable = result.highestReachable >= result.target.score;
        expect(result.reachable).toBe(reachable);
        if (result.score < result.target.score) expect(result.plans.length > 0).toBe(reachable);
        if (!reachable) expect(result.summary).toContain(`the highest reachable score is ${result.highestReachable}`);
      }),
      RUNS,
    );
  });
});
