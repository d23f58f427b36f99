/** `tiescore db migrate`: create Neo4j constraints and indexes (safe to run again). */
import type { Command } from 'commander';

export function register(program: Command): void {
  const db = program.command('db').description('Manage the Neo4j database');
  db.command('migrate')
    .description('Create the constraints and indexes of cypher/schema.cypher (idempotent)')
    .action(async () => {
      const [{ loadConfig }, { connectCliNeo4j }, { migrateSchema }] = await Promise.all([
        import('../../config.js'),
        import('../open-store.js'),
        import('../../store/neo4j/migrate.js'),
      ]);
      const config = loadConfig();
      const connection = await connectCliNeo4j(config);
      try {
        const schema = await migrateSchema(connection.driver, connection.database);
        const constraints = schema.filter((item) => item.kind === 'constraint').length;
        console.log(`schema up to date on ${config.NEO4J_URI}: ${constraints} constraints, ${schema.length - constraints} indexes`);
      } finally {
        await connection.close();
      }
    });
}
