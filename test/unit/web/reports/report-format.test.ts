/** How the Reports view writes AUCs, intervals, rates, ratios and the cut-off. */
import { describe, expect, it } from 'vitest';
import {
  attributeLabel,
  formatDifference,
  formatDifferenceWithInterval,
  formatInterval,
  formatMetric,
  formatRate,
  formatRatio,
  intervalExcludesZero,
  rocSummary,
} from '../../../../src/web/reports/report-format.js';

describe('report formats', () => {
  it('writes metrics with three decimals and a dash when undefined', () => {
    expect(formatMetric(0.71234)).toBe('0.712');
    expect(formatMetric(0.7125)).toBe((0.7125).toFixed(3));
    expect(formatMetric(-0.25)).toBe('\u22120.250');
    expect(formatMetric(-0.0001)).toBe('0.000');
    expect(formatMetric(null)).toBe('—');
    expect(formatMetric(Number.NaN)).toBe('—');
  });

  it('signs differences and writes the interval', () => {
    expect(formatDifference(0.0042)).toBe('+0.004');
    expect(formatDifference(-0.012)).toBe('\u22120.012');
    expect(formatDifference(0.0001)).toBe('0.000');
    expect(formatDifferenceWithInterval({ difference: 0.004, lower: 0.002, upper: 0.006 }, 0.95)).toBe('+0.004 (95% CI +0.002 to +0.006)');
    expect(formatDifferenceWithInterval({ difference: 0.004, lower: null, upper: null }, 0.95)).toBe('+0.004');
    expect(formatDifferenceWithInterval(null, 0.95)).toBe('—');
    expect(formatInterval({ lower: -0.004, upper: 0.011 })).toBe('\u22120.004 to +0.011');
    expect(formatInterval(null)).toBe('—');
    expect(formatDifferenceWithInterval({ difference: null, lower: null, upper: null }, 0.95)).toBe('—');
  });

  it('tells whether the interval excludes zero', () => {
    expect(intervalExcludesZero({ lower: 0.001, upper: 0.01 })).toBe(true);
    expect(intervalExcludesZero({ lower: -0.01, upper: -0.001 })).toBe(true);
    expect(intervalExcludesZero({ lower: -0.001, upper: 0.01 })).toBe(false);
    expect(intervalExcludesZero(null)).toBe(false);
  });

  it('writes rates as percentages and ratios with two decimals', () => {
    expect(formatRate(0.1234)).toBe('12.3%');
    expect(formatRate(null)).toBe('—');
    expect(formatRatio(0.7891)).toBe('0.79');
    expect(formatRatio(1)).toBe('1.00');
    expect(formatRatio(null)).toBe('—');
  });

  it('labels attributes and summarises the ROC plot', () => {
    expect(attributeLabel('ageBand')).toBe('Age band');
    expect(attributeLabel('sex')).toBe('Sex');
    expect(rocSummary(0.7123, 0.7001, 'overall')).toBe('ROC curves, overall: AUC 0.712 with the network dimension, 0.700 without it.');
  });
});
