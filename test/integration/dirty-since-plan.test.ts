// The dirty set of an incremental run is found by index seeks, whatever the planner's statistics
// say: after a first load by neo4j-admin it chose to scan every person and expand every edge
// (21 s at 1M persons against 0.2 s, measured by hand on that database), so persons/dirty-since
// names its indexes by hint. A small test database does not reproduce those statistics: this test
// guards the plan's shape — every part a seek on its index, no person scanned — against a rewrite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectNeo4j, type Neo4jConnection } from '../../src/store/neo4j/connection.js';
import { cypher } from '../../src/store/neo4j/cypher.js';
import type { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { openMigratedStore } from '../support/migrated-store.js';

interface Plan {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: Plan[];
}

const operators = (plan: Plan): Plan[] => [plan, ...plan.children.flatMap(operators)];

describe('persons/dirty-since plan (neo4j)', () => {
  let store: Neo4jStore;
  let connection: Neo4jConnection;
  beforeAll(async () => {
    store = await openMigratedStore(loadConfig());
    connection = await connectNeo4j(loadConfig());
  });
  afterAll(async () => {
    await connection?.close();
    await store?.close();
  });

  it('seeks the updatedAt index of persons, events, FRIEND and PAID; scans no person', async () => {
    const session = connection.driver.session({ database: connection.database });
    const result = await session.run(`EXPLAIN ${cypher('persons/dirty-since')}`, { at: '2026-01-01T00:00:00.000Z' }).finally(() => session.close());
    const plan = operators(result.summary.plan as unknown as Plan);
    const named = (pattern: RegExp) => plan.filter((op) => pattern.test(op.operatorType));
    const details = (op: Plan) => String(op.arguments['Details'] ?? '');
    expect(named(/^NodeIndexSeekByRange/).map(details).join(' ')).toMatch(/:Person\(updatedAt\).*:Event\(updatedAt\)|:Event\(updatedAt\).*:Person\(updatedAt\)/);
    const edgeSeeks = named(/RelationshipIndexSeekByRange/).map(details).join(' ');
    expect(edgeSeeks).toContain(':FRIEND(updatedAt)');
    expect(edgeSeeks).toContain(':PAID(updatedAt)');
    expect(named(/^NodeByLabelScan/).map(details).filter((d) => /:Person\b|:Event\b/.test(d))).toEqual([]);
    expect(named(/^AllNodesScan/)).toEqual([]);
  });
});
