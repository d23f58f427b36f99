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

/** The schema after a migration, and how many old-style scores it moved into score blocks. */
export interface Migration {
  schema: SchemaItem[];
  scoresMoved: number;
}

export async function migrateSchema(driver: Driver, database?: string, onScoresMoved?: ScoreMoveProgress): Promise<Migration> {
  for (const statement of cypherStatements('schema')) {
    await driver.executeQuery(statement, {}, { database });
  }
  await driver.executeQuery(cypher('schema-await'), {}, { database });
  const scoresMoved = await migrateScoreNodes(driver, database, onScoresMoved);
  return { schema: await describeSchema(driver, database), scoresMoved };
}

export async function describeSchema(driver: Driver, database?: string): Promise<SchemaItem[]> {
  const { records } = await driver.executeQuery(cypher('schema-describe'), {}, { database });
  return records.map((record) => record.toObject() as unknown as SchemaItem);
}
