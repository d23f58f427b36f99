/**
 * The plans Neo4j makes for a stored statement (`EXPLAIN`, nothing run), for tests that check a
 * query seeks its indexes: registers a migrated test database and a connection for the suite.
 */
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectNeo4j, type Neo4jConnection } from '../../src/store/neo4j/connection.js';
import { cypher } from '../../src/store/neo4j/cypher.js';
import type { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { openMigratedStore } from './migrated-store.js';

export interface PlanOperator {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanOperator[];
}

const operators = (plan: PlanOperator): PlanOperator[] => [plan, ...plan.children.flatMap(operators)];

/**
 * In a `describe`: the operators of the plan of a statement of cypher/, flattened.
 *
 * @example
 * const planOf = useQueryPlans();
 * it('seeks', async () => expect((await planOf('persons/find', params)).map((op) => op.operatorType)).not.toContain('AllNodesScan'));
 */
export function useQueryPlans(): (name: string, params: Record<string, unknown>) => Promise<PlanOperator[]> {
  let store: Neo4jStore | undefined;
  let connection: Neo4jConnection | undefined;
  beforeAll(async () => {
    store = await openMigratedStore(loadConfig());
    connection = await connectNeo4j(loadConfig());
  });
  afterAll(async () => {
    await connection?.close();
    await store?.close();
  });
  return async (name, params) => {
    const session = connection!.driver.session({ database: connection!.database });
    try {
      const result = await session.run(`EXPLAIN ${cypher(name)}`, params);
      return operators(result.summary.plan as unknown as PlanOperator);
    } finally {
      await session.close();
    }
  };
}
