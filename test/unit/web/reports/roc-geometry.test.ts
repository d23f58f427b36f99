/** ROC points → SVG coordinates for the Reports view's plot. */
import { describe, expect, it } from 'vitest';
import { rateTicks, rocPath, toX, toY } from '../../../../src/web/reports/roc-geometry.js';

const BOX = { left: 10, top: 5, width: 100, height: 200 };

describe('roc geometry', () => {
  it('maps rates into the box: fpr left to right, tpr bottom to top', () => {
    expect(toX(0, BOX)).toBe(10);
    expect(toX(1, BOX)).toBe(110);
    expect(toY(0, BOX)).toBe(205);
    expect(toY(1, BOX)).toBe(5);
    expect(toY(0.25, BOX)).toBe(155);
  });

  it('clamps rates outside 0–1 and treats non-finite ones as 0', () => {
    expect(toX(-0.5, BOX)).toBe(10);
    expect(toX(2, BOX)).toBe(110);
    expect(toY(Number.NaN, BOX)).toBe(205);
  });

  it('draws a polyline from (0, 0) to (1, 1) in order of fpr', () => {
    const box = { left: 0, top: 0, width: 100, height: 100 };
    expect(rocPath([{ fpr: 0, tpr: 0 }, { fpr: 0.5, tpr: 0.8 }, { fpr: 1, tpr: 1 }], box)).toBe('M0 100 L50 20 L100 0');
    expect(rocPath([{ fpr: 1, tpr: 1 }, { fpr: 0.5, tpr: 0.8 }, { fpr: 0, tpr: 0 }], box)).toBe('M0 100 L50 20 L100 0');
  });

  it('adds the end points when the curve lacks them, and keeps vertical steps in order', () => {
    const box = { left: 0, top: 0, width: 100, height: 100 };
    expect(rocPath([{ fpr: 0.2, tpr: 0.6 }, { fpr: 0.2, tpr: 0.3 }], box)).toBe('M0 100 L20 70 L20 40 L100 0');
  });

  it('rounds coordinates to two decimals and gives nothing for no points', () => {
    expect(rocPath([{ fpr: 1 / 3, tpr: 2 / 3 }], { left: 0, top: 0, width: 1, height: 1 })).toBe('M0 1 L0.33 0.33 L1 0');
    expect(rocPath([], BOX)).toBe('');
  });

  it('ticks 0 to 1 in equal steps', () => {
    expect(rateTicks(5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(rateTicks(4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
