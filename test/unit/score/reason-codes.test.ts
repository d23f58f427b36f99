import { describe, expect, it } from 'vitest';
import type { DimensionScore, FeatureScore } from '../../../src/score/dimension.js';
import { MAX_REASON_CODES, pickReasonCodes } from '../../../src/score/reason-codes.js';
import { defaultModel as model } from './fixtures.js';

function dimension(features: [code: string, points: number, maxPoints: number][]): DimensionScore {
  const rows: FeatureScore[] = features.map(([code, points, maxPoints]) => ({
    code,
    measure: 'verified',
    value: 0,
    points,
    maxPoints,
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

  it('adds the network only when it is computed and below the prior', () => {
    const full = dimension([['X', 5, 5]]);
    const dims = { history: full, behaviour: full, capacity: full, identity: full };
    expect(pickReasonCodes(dims, { value: 0.2, prior: 0.5, isPrior: false }, model)).toEqual([
      {
        code: 'N_NETWORK',
        reason: model.networkReason.reason,
        dimension: 'network',
        cost: expect.closeTo(0.04, 12),
        pointsLost: expect.closeTo(24, 9),
      },
    ]);
    expect(pickReasonCodes(dims, { value: 0.6, prior: 0.5, isPrior: false }, model)).toEqual([]);
    expect(pickReasonCodes(dims, { value: 0.2, prior: 0.2, isPrior: true }, model)).toEqual([]);
  });
});
