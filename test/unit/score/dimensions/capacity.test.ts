import { describe, expect, it } from 'vitest';
import { capacityMeasures, scoreCapacity } from '../../../../src/score/dimensions/capacity.js';
import { defaultModel, person } from '../fixtures.js';

describe('capacity', () => {
  it('measures debt service and assets against monthly income', () => {
    expect(capacityMeasures(person({ incomeMonthly: 3000, debtMonthly: 450, assets: 12_000 }))).toEqual({
      debtToIncome: 0.15,
      assetMonths: 4,
    });
  });

  it('handles zero income: no debt is 0, any debt or asset is the cap', () => {
    expect(capacityMeasures(person({ incomeMonthly: 0, debtMonthly: 0, assets: 0 }))).toEqual({
      debtToIncome: 0,
      assetMonths: 0,
    });
    expect(capacityMeasures(person({ incomeMonthly: 0, debtMonthly: 1, assets: 1 }))).toEqual({
      debtToIncome: 10,
      assetMonths: 120,
    });
  });

  it('caps the ratios so they stay finite', () => {
    expect(capacityMeasures(person({ incomeMonthly: 1, debtMonthly: 1e6, assets: 1e6 }))).toEqual({
      debtToIncome: 10,
      assetMonths: 120,
    });
  });

  it('scores debt 15% of income and 4 months of assets as (35 + 8) / 160', () => {
    // debt 0.15 → bin (0.1, 0.2] → 35 of 50; assets 4 months → bin (2, 6] → 8 of 110
    expect(scoreCapacity(person({ incomeMonthly: 3000, debtMonthly: 450, assets: 12_000 }), defaultModel).value).toBe(
      43 / 160,
    );
  });
});
