/** Sorting the what-if table: by any column, stable on ties, missing scores last. */
import { describe, expect, it } from 'vitest';
import type { AffectedPerson } from '../../../../src/web/api/types.js';
import { sortAffected } from '../../../../src/web/components/sort-affected.js';

const row = (personId: string, deltaPoints: number, hops: number, score: number | null): AffectedPerson => ({
  personId,
  deltaPoints,
  deltaOwn: 0,
  deltaNetwork: 0,
  hops,
  score,
  projectedScore: score === null ? null : Math.round(score + deltaPoints),
});

describe('sortAffected', () => {
  const rows = [row('p1', -40, 0, 700), row('p2', -0.5, 1, null), row('p3', -0.4, 2, 600), row('p4', -0.3, 1, 650)];

  it('orders by hops, keeping the API order (largest move first) within a hop', () => {
    expect(sortAffected(rows, 'hops', 'ascending').map((r) => r.personId)).toEqual(['p1', 'p2', 'p4', 'p3']);
    expect(sortAffected(rows, 'hops', 'descending').map((r) => r.personId)).toEqual(['p3', 'p2', 'p4', 'p1']);
  });

  it('orders by delta and by person id', () => {
    expect(sortAffected(rows, 'deltaPoints', 'descending').map((r) => r.personId)).toEqual(['p4', 'p3', 'p2', 'p1']);
    expect(sortAffected(rows, 'personId', 'descending').map((r) => r.personId)).toEqual(['p4', 'p3', 'p2', 'p1']);
  });

  it('puts a missing score last in both directions and leaves the input alone', () => {
    expect(sortAffected(rows, 'score', 'ascending').map((r) => r.personId)).toEqual(['p3', 'p4', 'p1', 'p2']);
    expect(sortAffected(rows, 'score', 'descending').map((r) => r.personId)).toEqual(['p1', 'p4', 'p3', 'p2']);
    expect(rows.map((r) => r.personId)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});
