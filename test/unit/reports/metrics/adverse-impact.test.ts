import { describe, expect, it } from 'vitest';
import { adverseImpact } from '../../../../src/reports/metrics/adverse-impact.js';

describe('adverseImpact', () => {
  it('divides each approval rate by the most-approved group\'s and flags ratios under 0.8', () => {
    const result = adverseImpact([
      { group: 'F', total: 100, approved: 60 },
      { group: 'M', total: 200, approved: 160 },
      { group: 'X', total: 50, approved: 35 },
    ]);
    expect(result.reference).toBe('M');
    const expected = [
      ['F', 0.6, 0.75, true],
      ['M', 0.8, 1, false],
      ['X', 0.7, 0.875, false],
    ] as const;
    result.groups.forEach((g, k) => {
      const [group, rate, ratio, flagged] = expected[k]!;
      expect(g.group).toBe(group);
      expect(g.approvalRate).toBeCloseTo(rate, 12);
      expect(g.ratio).toBeCloseTo(ratio, 12);
      expect(g.flagged).toBe(flagged);
    });
  });

  it('neither flags nor takes as reference a group below the minimum size', () => {
    const result = adverseImpact([
      { group: 'a', total: 100, approved: 50 },
      { group: 'b', total: 5, approved: 5 },
      { group: 'c', total: 10, approved: 0 },
    ]);
    expect(result.reference).toBe('a');
    expect(result.groups[1]).toMatchObject({ approvalRate: 1, flagged: false });
    expect(result.groups[1]!.ratio).toBeNaN();
    expect(result.groups[2]).toMatchObject({ flagged: false });
  });

  it('has no reference when no group is large enough or nobody is approved', () => {
    expect(adverseImpact([{ group: 'a', total: 3, approved: 1 }]).reference).toBeNull();
    const none = adverseImpact([{ group: 'a', total: 100, approved: 0 }]);
    expect(none.groups[0]!.flagged).toBe(false);
  });

  it('refuses impossible counts', () => {
    expect(() => adverseImpact([{ group: 'a', total: 3, approved: 4 }])).toThrow(/4 approved of 3/);
  });
});
