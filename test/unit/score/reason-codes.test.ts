import { describe, expect, it } from 'vitest';
import type { DimensionScore, FeatureScore } from '../../../src/score/dimension.js';
import { MAX_REASON_CODES, networkPointsVsPrior, networkReasonCode, pickReasonCodes } from '../../../src/score/reason-codes.js';
import { defaultModel as model } from './fixtures.js';

/** Features [code, points, maxPoints, referencePoints (default: maxPoints)]. */
function dimension(features: [code: string, points: number, maxPoints: number, reference?: number][]): DimensionScore {
  const rows: FeatureScore[] = features.map(([code, points, maxPoints, reference]) => ({
    code,
    measure: 'verified',
    value: 0,
    missing: false,
    points,
    maxPoints,
    referencePoints: reference ?? maxPoints,
    label: `label ${code}`,
    reason: `reason ${code}`,
  }));
  return { value: 0, features: rows };
}

const noNetwork = { value: 0.5, prior: 0.5, isPrior: true };

describe('pickReasonCodes', () => {
  it('ranks features by w_k · (max − points) / Σ max_k, costliest first, at most four', () => {
    const codes = pickReasonCodes(
      {
        history: dimension([['H1', 0, 100], ['H2', 50, 100]]), // 0.175, 0.0875
        behaviour: dimension([['B1', 0, 50], ['B2', 40, 50]]), // 0.125, 0.025
        capacity: dimension([['C1', 0, 10]]), // 0.2
        identity: dimension([['I1', 10, 10], ['I2', 0, 0]]), // 0, 0
      },
      noNetwork,
      model,
    );
    expect(MAX_REASON_CODES).toBe(4);
    expect(codes.map((c) => c.code)).toEqual(['C1', 'H1', 'B1', 'H2']);
    expect(codes.map((c) => c.cost)).toEqual([0.2, 0.175, 0.125, 0.0875].map((x) => expect.closeTo(x, 12)));
    expect(codes[0]).toMatchObject({ reason: 'reason C1', dimension: 'capacity', pointsLost: expect.closeTo(120, 9) });
  });

  it('keeps the model\u2019s order for equal costs', () => {
    // H_B and H_A both cost 0.35·50/100 = 0.175: listed as the model lists them, not by name.
    const codes = pickReasonCodes(
      {
        history: dimension([['H_B', 0, 50], ['H_A', 0, 50]]),
        behaviour: dimension([['B1', 90, 100]]), // 0.025
        capacity: dimension([['C1', 10, 10]]),
        identity: dimension([['I1', 10, 10]]),
      },
      noNetwork,
      model,
    );
    expect(codes.map((c) => c.code)).toEqual(['H_B', 'H_A', 'B1']);
    expect(codes[0]?.cost).toBe(codes[1]?.cost);
  });

  it('reports nothing for a perfect file', () => {
    const full = dimension([['X', 5, 5]]);
    expect(pickReasonCodes({ history: full, behaviour: full, capacity: full, identity: full }, noNetwork, model)).toEqual([]);
  });

  it('measures features against their reference (typical) points: at or above it is no reason', () => {
    // H1: 60 of 100 against a typical 70 costs 0.35·10/200; H2 at 80 is above its typical 70.
    const codes = pickReasonCodes(
      {
        history: dimension([['H1', 60, 100, 70], ['H2', 80, 100, 70]]),
        behaviour: dimension([['B1', 20, 50, 20]]),
        capacity: dimension([['C1', 10, 10, 10]]),
        identity: dimension([['I1', 0, 10, 9.5]]),
      },
      noNetwork,
      model,
    );
    expect(codes.map((c) => c.code)).toEqual(['I1', 'H1']);
    expect(codes[0]!.pointsLost).toBeCloseTo((600 * 0.15 * 9.5) / 10, 9);
    expect(codes[1]!.pointsLost).toBeCloseTo((600 * 0.35 * 10) / 200, 9);
  });

  it('costs the network w · (prior − value): what having no contacts would give back, never against a value of 1', () => {
    const full = dimension([['X', 5, 5]]);
    const dims = { history: full, behaviour: full, capacity: full, identity: full };
    expect(pickReasonCodes(dims, { value: 0.2, prior: 0.5, isPrior: false }, model)).toEqual([
      {
        code: 'N_NETWORK',
        reason: model.networkReason.reason,
        dimension: 'network',
        cost: expect.closeTo(0.05 * 0.3, 12),
        pointsLost: expect.closeTo(600 * 0.05 * 0.3, 9),
      },
    ]);
    // The p0213: 0.4937 against a prior of 0.4968 costs about 0.1 points at weight 0.05.
    expect(pickReasonCodes(dims, { value: 0.4937, prior: 0.4968, isPrior: false }, model)[0]!.pointsLost).toBeCloseTo(600 * 0.05 * 0.0031, 9);
    expect(pickReasonCodes(dims, { value: 0.6, prior: 0.5, isPrior: false }, model)).toEqual([]);
    expect(pickReasonCodes(dims, { value: 0.5, prior: 0.5, isPrior: false }, model)).toEqual([]);
    // Below 0.05 points a cost would read −0.0 points: not a reason (0.05 points = a network 1/600 below the prior at w 0.05).
    expect(pickReasonCodes(dims, { value: 0.5 - 0.99 / 600, prior: 0.5, isPrior: false }, model)).toEqual([]);
    expect(pickReasonCodes(dims, { value: 0.5 - 1.01 / 600, prior: 0.5, isPrior: false }, model).map((r) => r.code)).toEqual(['N_NETWORK']);
    expect(pickReasonCodes(dims, { value: 0.2, prior: 0.2, isPrior: true }, model)).toEqual([]);
  });

  it('agrees with networkPointsVsPrior: the points lost are minus the points the contacts account for', () => {
    for (const [value, prior] of [[0.1, 0.6], [0.45, 0.5], [0.7, 0.5]] as const) {
      const full = dimension([['X', 5, 5]]);
      const picked = pickReasonCodes({ history: full, behaviour: full, capacity: full, identity: full }, { value, prior, isPrior: false }, model);
      const fromContacts = networkPointsVsPrior(value, prior, model);
      expect(picked[0]?.pointsLost ?? 0).toBeCloseTo(Math.max(0, -fromContacts), 9);
      expect(networkReasonCode(value, prior, model)?.pointsLost ?? 0).toBeCloseTo(Math.max(0, -fromContacts), 9);
    }
  });
});
