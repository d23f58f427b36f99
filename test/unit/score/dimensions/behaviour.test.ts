import { describe, expect, it } from 'vitest';
import { behaviourMeasures, scoreBehaviour } from '../../../../src/score/dimensions/behaviour.js';
import { defaultModel, person } from '../fixtures.js';

describe('behaviour', () => {
  it('reads bills paid on time and activity regularity, nothing else', () => {
    expect(behaviourMeasures(person({ billsOnTimeRatio: 0.9, activityRegularity: 0.4 }))).toEqual({
      billsOnTimeRatio: 0.9,
      activityRegularity: 0.4,
    });
  });

  it('scores 0.9 of bills and 0.4 regularity as (10 + 0) / 190', () => {
    // bills 0.9 → bin (0.85, 0.92] → 10 of 160; regularity 0.4 → bin ≤ 0.6 → 0 of 30
    expect(scoreBehaviour(person({ billsOnTimeRatio: 0.9, activityRegularity: 0.4 }), defaultModel).value).toBe(10 / 190);
  });

  it('spans 0 to 1', () => {
    expect(scoreBehaviour(person({ billsOnTimeRatio: 0, activityRegularity: 0 }), defaultModel).value).toBe(0);
    expect(scoreBehaviour(person({ billsOnTimeRatio: 1, activityRegularity: 1 }), defaultModel).value).toBe(1);
  });
});
