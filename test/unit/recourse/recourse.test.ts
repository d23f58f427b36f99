// Recourse on the default model, worked by hand: the plans, their points, the sentences, the
// not-actionable list (the past with the day a record stops counting, the network, protected
// attributes), and actionability as model data (validated; old model files without it load).
import { describe, expect, it } from 'vitest';
import type { CreditEvent, Person } from '../../../src/domain/records.js';
import { stopsCountingOn } from '../../../src/recourse/not-actionable.js';
import { nextBandScore, recourseOf } from '../../../src/recourse/recourse.js';
import { loadModel, parseModel, scoreOwnDimensions, type Model } from '../../../src/score/index.js';
import { defaultModelJson } from '../score/fixtures.js';

const AS_OF = '2026-11-01';
const person: Person = {
  id: 'x',
  verified: false,
  accountCreated: '2024-01-01',
  incomeMonthly: 3000,
  debtMonthly: 900,
  assets: 3000,
  billsOnTimeRatio: 0.91,
  activityRegularity: 0.7,
  addressChanges: 1,
};
const events: CreditEvent[] = [
  { id: 'e1', personId: 'x', kind: 'defaulted', at: '2023-05-01', amount: 100, source: 'bank', status: 'active' },
  { id: 'e2', personId: 'x', kind: 'repaid_on_time', at: '2022-05-01', amount: 100, source: 'bank', status: 'active' },
];

function answer(model: Model, target?: number, network = 0.5) {
  const own = scoreOwnDimensions({ person, events, asOf: AS_OF, model });
  const features = { history: own.history.features, behaviour: own.behaviour.features, capacity: own.capacity.features, identity: own.identity.features };
  return recourseOf({ personId: 'x', features, network, events, asOf: AS_OF, model, target });
}

describe('recourse on the default model', () => {
  it('aims at the next band and proposes the smallest change first, with its points and a plain sentence', async () => {
    const result = answer(await loadModel());
    expect(result).toMatchObject({ score: 528, band: 'poor', target: { score: 550, band: 'fair', from: 'next-band' }, reachable: true });
    // Bills 0.91 (10 points) → 0.951 (50): 600 · 0.225 · 40 / 190 = 28.42 points.
    expect(result.plans[0]).toMatchObject({ score: 556, exact: 556.2, points: 28.4, months: 6 });
    expect(result.plans[0]!.changes).toEqual([
      expect.objectContaining({
        code: 'B_BILLS',
        from: 0.91,
        to: 0.951,
        points: 28.4,
        text: 'Pay every utility and phone bill on time (within 6 months): Bills paid on time 91% → 95.1%, +28.4 points',
      }),
    ]);
    expect(result.plans.every((plan) => plan.score >= 550)).toBe(true);
    expect(result.plans.map((plan) => plan.changes.length)).toEqual([...result.plans.map((plan) => plan.changes.length)].sort());
    expect(result.plans).toHaveLength(5);
    expect(result.summary).toBe('6 ways to reach 550 from 528 (the 5 smallest are listed); the smallest changes 1 thing.');
  });

  it('says so when the target is out of reach, with the highest reachable score', async () => {
    const result = answer(await loadModel(), 700);
    expect(result.plans).toEqual([]);
    expect(result.reachable).toBe(false);
    expect(result.highestReachable).toBe(683);
    expect(result.summary).toBe('The target 700 cannot be reached with the changes you can make alone: the highest reachable score is 683.');
    expect(result.highest.changes.map((c) => c.code).sort()).toEqual(['B_BILLS', 'B_REGULARITY', 'C_ASSETS', 'C_DEBT_TO_INCOME', 'I_VERIFIED']);
    expect(answer(await loadModel(), 500).summary).toBe('Your score 528 is at or above the target 500 already.');
    const model = await loadModel();
    expect(() => answer(model, 1000)).toThrow('recourse: the target must be a whole score from 350 to 950, got 1000');
  });

  it('lists what is not actionable: the past with the day it stops counting, identity facts, the network, protected attributes', async () => {
    const result = answer(await loadModel());
    const kinds = result.notActionable.map((item) => `${item.kind}:${item.code ?? ''}`);
    expect(kinds).toEqual(['past:H_DEFAULTS', 'past:H_LATE_SHARE', 'past:H_TRACK_RECORD', 'past:H_BLACKLIST', 'identity:I_ACCOUNT_AGE', 'identity:I_ADDRESS_CHANGES', 'network:', 'protected:']);
    expect(result.notActionable[0]!.text).toContain('counts half as much every 24 months and stops counting 7 years after it happened');
    expect(result.notActionable[0]!.text).toContain('the one record stops counting by 2030-05-01');
    const network = result.notActionable.find((item) => item.kind === 'network')!;
    expect(network.points).toBe(43.5); // 600 · 0.145 · 0.5
    expect(network.text).toContain('not something you are asked to change');
    expect(network.text).toContain('POST /v1/disputes');
    expect(result.unknown).toEqual([]);
  });

  it('a record stops counting on the first day its age passes the retention', async () => {
    const model = await loadModel();
    expect(stopsCountingOn('2023-05-01', model)).toBe('2030-05-01');
    const older = scoreOwnDimensions({ person, events, asOf: '2030-05-01', model });
    const still = scoreOwnDimensions({ person, events, asOf: '2030-04-30', model });
    expect(older.history.features[0]!.value).toBe(0);
    expect(still.history.features[0]!.value).toBeGreaterThan(0);
  });

  it('the next band of a score, none in the top band', () => {
    expect(nextBandScore(528)).toBe(550);
    expect(nextBandScore(699)).toBe(700);
    expect(nextBandScore(700)).toBeUndefined();
  });
});

describe('actionability in the model file', () => {
  it('loads an old model file without it (nothing is actionable then) and rejects a direction against the measure', () => {
    const json = defaultModelJson() as { features: Record<string, Record<string, unknown>[]> };
    for (const features of Object.values(json.features)) for (const feature of features) delete feature.actionable;
    const old = parseModel(json);
    const result = answer(old);
    expect(result.plans).toEqual([]);
    expect(result.highestReachable).toBe(result.score);
    expect(result.notActionable.filter((item) => item.kind === 'fixed').map((item) => item.code)).toEqual(['B_BILLS', 'B_REGULARITY', 'C_DEBT_TO_INCOME', 'C_ASSETS']);

    json.features.behaviour![0]!.actionable = { direction: 'lower', months: 6, action: 'Pay bills late' };
    expect(() => parseModel(json)).toThrow('features.behaviour[0].actionable.direction: must be "higher": a higher billsOnTimeRatio is better');
    json.features.behaviour![0]!.actionable = { direction: 'higher', months: 0, action: '' };
    expect(() => parseModel(json)).toThrow(/features\.behaviour\[0\]\.actionable\.months/);
  });

  it('an unknown actionable value is named, not planned', async () => {
    const model = await loadModel();
    const own = scoreOwnDimensions({ person: { ...person, billsOnTimeRatio: undefined }, events, asOf: AS_OF, model });
    const features = { history: own.history.features, behaviour: own.behaviour.features, capacity: own.capacity.features, identity: own.identity.features };
    const result = recourseOf({ personId: 'x', features, network: 0.5, events, asOf: AS_OF, model });
    expect(result.unknown.map((item) => item.code)).toEqual(['B_BILLS']);
    expect(result.highest.changes.map((c) => c.code)).not.toContain('B_BILLS');
  });

  it('the model card shows which features are actionable', async () => {
    const { readFile } = await import('node:fs/promises');
    const card = await readFile(new URL('../../../models/default.md', import.meta.url), 'utf8');
    const model = await loadModel();
    for (const dimension of ['history', 'behaviour', 'capacity', 'identity'] as const) {
      for (const feature of model.features[dimension]) {
        if (feature.actionable) expect(card).toContain(`| \`${feature.code}\``);
        if (feature.actionable) expect(card).toContain(feature.actionable.action);
      }
    }
  });
});
