/**
 * Applies `cypher/schema.cypher` (idempotent: every statement is IF NOT EXISTS), moves scores
 * stored the old way into score blocks (score-node-migration.ts), and reports the schema that
 * results.
 */
import type { Driver } from 'neo4j-driver';
import { cypher, cypherStatements } from './cypher.js';
import { migrateScoreNodes, type ScoreMoveProgress } from './score-node-migration.js';

export interface SchemaItem {
  kind: 'constraint' | 'index';
  name: string;
  definition: string;
}

export async function migrateSchema(driver: Driver, database?: string, onScoresMoved?: ScoreMoveProgress): Promise<SchemaItem[]> {
  for (const statement of cypherStatements('schema')) {
    await driver.executeQuery(statement, {}, { database });
  }
  await driver.executeQuery(cypher('schema-await'), {}, { database });
  await migrateScoreNodes(driver, database, onScoresMoved);
  return describeSchema(driver, database);
}

export async function describeSchema(driver: Driver, database?: string): Promise<SchemaItem[]> {
  const { records } = await driver.executeQuery(cypher('schema-describe'), {}, { database });
  return records.map((record) => record.toObject() as unknown as SchemaItem);
}
