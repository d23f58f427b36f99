/** `tiescore db migrate`: create Neo4j constraints and indexes (safe to run again). */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

export function register(program: Command): void {
  const db = program.command('db').description('Manage the Neo4j database');
  db.command('migrate')
    .description('Create the constraints and indexes of cypher/schema.cypher (idempotent)')
    .action(async () => {
      const [{ loadConfig }, { connectNeo4j }, { migrateSchema }, { StoreUnavailableError }] = await Promise.all([
        import('../../config.js'),
        import('../../store/neo4j/connection.js'),
        import('../../store/neo4j/migrate.js'),
        import('../../store/errors.js'),
      ]);
      const config = loadConfig();
      const connection = await connectNeo4j(config).catch((error: unknown) => {
        throw error instanceof StoreUnavailableError ? new CliError(error.message) : error;
      });
      try {
        const schema = await migrateSchema(connection.driver, connection.database);
        const constraints = schema.filter((item) => item.kind === 'constraint').length;
        console.log(`schema up to date on ${config.NEO4J_URI}: ${constraints} constraints, ${schema.length - constraints} indexes`);
      } finally {
        await connection.close();
      }
    });
}
