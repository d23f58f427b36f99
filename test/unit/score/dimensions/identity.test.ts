import { describe, expect, it } from 'vitest';
import { identityMeasures, scoreIdentity } from '../../../../src/score/dimensions/identity.js';
import { AS_OF, daysBefore, defaultModel, person } from '../fixtures.js';

describe('identity', () => {
  it('measures verification, account age in months and address changes', () => {
    expect(identityMeasures(person({ verified: false, accountCreated: daysBefore(1461), addressChanges: 3 }), AS_OF)).toEqual({
      verified: 0,
      accountAgeMonths: 48,
      addressChanges: 3,
    });
  });

  it('gives an account opened after the scoring date age 0', () => {
    expect(identityMeasures(person({ accountCreated: daysBefore(-10) }), AS_OF).accountAgeMonths).toBe(0);
  });

  it('gives address changes no points in the default model', () => {
    const settled = scoreIdentity(person({ addressChanges: 0 }), AS_OF, defaultModel);
    const moved = scoreIdentity(person({ addressChanges: 9 }), AS_OF, defaultModel);
    expect(moved.value).toBe(settled.value);
    expect(moved.features.find((f) => f.code === 'I_ADDRESS_CHANGES')).toMatchObject({ value: 9, points: 0, maxPoints: 0 });
  });

  it('scores an unverified one-year-old account as 8 / 90', () => {
    // unverified → 0 of 10; 365 days = 11.99 months → bin (3, 12] → 8 of 80
    expect(scoreIdentity(person({ verified: false, accountCreated: daysBefore(365) }), AS_OF, defaultModel).value).toBe(8 / 90);
  });
});
