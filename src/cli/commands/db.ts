/**
 * `tiescore db migrate`: create Neo4j constraints and indexes, and move scores stored the old way
 * into score blocks (safe to run again).
 */
import type { Command } from 'commander';
import type { Progress } from '../progress.js';

export function register(program: Command): void {
  const db = program.command('db').description('Manage the Neo4j database');
  db.command('migrate')
    .description('Create the constraints and indexes of cypher/schema.cypher and move old-style scores into score blocks (idempotent)')
    .action(async () => {
      const [{ loadConfig }, { connectCliNeo4j }, { migrateSchema }, { createProgress }] = await Promise.all([
        import('../../config.js'),
        import('../open-store.js'),
        import('../../store/neo4j/migrate.js'),
        import('../progress.js'),
      ]);
      const config = loadConfig();
      const connection = await connectCliNeo4j(config);
      let progress: Progress | undefined;
      try {
        const { schema, scoresMoved } = await migrateSchema(connection.driver, connection.database, (moved, total) => {
          progress ??= createProgress({ label: 'moving scores into score blocks', total });
          progress.update(moved, `${moved} of ${total} scores`);
        });
        progress?.stop();
        if (scoresMoved > 0) console.log(`moved ${scoresMoved} scores stored a node per person into score blocks`);
        const constraints = schema.filter((item) => item.kind === 'constraint').length;
        console.log(`schema up to date on ${config.NEO4J_URI}: ${constraints} constraints, ${schema.length - constraints} indexes`);
      } finally {
        await connection.close();
      }
    });
}
