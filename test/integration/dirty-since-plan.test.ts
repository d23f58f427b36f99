// The dirty set of an incremental run is found by index seeks, whatever the planner's statistics
// say: after a first load by neo4j-admin it chose to scan every person and expand every edge
// (21 s at 1M persons against 0.2 s, measured by hand on that database), so persons/dirty-since
// names its indexes by hint. A small test database does not reproduce those statistics: this test
// guards the plan's shape — every part a seek on its index, no person scanned — against a rewrite.
import { describe, expect, it } from 'vitest';
import { useQueryPlans, type PlanOperator } from '../support/query-plans.js';

describe('persons/dirty-since plan (neo4j)', () => {
  const planOf = useQueryPlans();

  it('seeks the updatedAt index of persons, events, FRIEND and PAID; scans no person', async () => {
    const plan = await planOf('persons/dirty-since', { at: '2026-01-01T00:00:00.000Z' });
    const named = (pattern: RegExp) => plan.filter((op) => pattern.test(op.operatorType));
    const details = (op: PlanOperator) => String(op.arguments['Details'] ?? '');
    expect(named(/^NodeIndexSeekByRange/).map(details).join(' ')).toMatch(/:Person\(updatedAt\).*:Event\(updatedAt\)|:Event\(updatedAt\).*:Person\(updatedAt\)/);
    const edgeSeeks = named(/RelationshipIndexSeekByRange/).map(details).join(' ');
    expect(edgeSeeks).toContain(':FRIEND(updatedAt)');
    expect(edgeSeeks).toContain(':PAID(updatedAt)');
    expect(named(/^NodeByLabelScan/).map(details).filter((d) => /:Person\b|:Event\b/.test(d))).toEqual([]);
    expect(named(/^AllNodesScan/)).toEqual([]);
  });
});
