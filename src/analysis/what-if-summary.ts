/**
 * The totals of a what-if, as the analyst page's header shows them: points moved in all, persons
 * moved by at least one point, band changes and the same by hop distance. Computed over every
 * affected person the push reports (not one page), so the page's header equals the API's answer
 * whatever page the table shows. A band change compares the published score with the projected
 * one (the score plus the move, rounded and held within the scale, as the API projects it).
 */
import { bandOf, SCORE_MAX, SCORE_MIN } from '../score/index.js';

export interface WhatIfMove {
  deltaPoints: number;
  hops: number;
  /** Published score; NaN when the person has none in the run. */
  score: number;
}

export interface HopTotals {
  hops: number;
  persons: number;
  /** Σ deltaPoints of the persons at this distance (the affected ones: |move| ≥ threshold). */
  points: number;
  movedAtLeastOnePoint: number;
  bandChanges: number;
}

export interface WhatIfSummary {
  /** Σ deltaPoints over the affected persons (|move| ≥ threshold). */
  affectedPoints: number;
  movedAtLeastOnePoint: number;
  bandChanges: number;
  byHop: HopTotals[];
}

/** The score the API projects: the published score plus the move, rounded, within the scale. */
export function projectedScore(score: number, deltaPoints: number): number {
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(score + deltaPoints)));
}

/**
 * @example
 * summariseWhatIf([{ deltaPoints: -44.3, hops: 0, score: 612 }, { deltaPoints: -0.4, hops: 1, score: 700 }]);
 * // { affectedPoints: -44.7, movedAtLeastOnePoint: 1, bandChanges: 1, byHop: [...] }
 */
export function summariseWhatIf(moves: Iterable<WhatIfMove>): WhatIfSummary {
  const hops = new Map<number, HopTotals>();
  for (const move of moves) {
    const row = hops.get(move.hops) ?? { hops: move.hops, persons: 0, points: 0, movedAtLeastOnePoint: 0, bandChanges: 0 };
    row.persons++;
    row.points += move.deltaPoints;
    if (Math.abs(move.deltaPoints) >= 1) row.movedAtLeastOnePoint++;
    if (!Number.isNaN(move.score) && bandOf(move.score).id !== bandOf(projectedScore(move.score, move.deltaPoints)).id) row.bandChanges++;
    hops.set(move.hops, row);
  }
  const byHop = [...hops.values()].sort((a, b) => a.hops - b.hops);
  const sum = (pick: (row: HopTotals) => number) => byHop.reduce((total, row) => total + pick(row), 0);
  return { affectedPoints: sum((row) => row.points), movedAtLeastOnePoint: sum((row) => row.movedAtLeastOnePoint), bandChanges: sum((row) => row.bandChanges), byHop };
}
