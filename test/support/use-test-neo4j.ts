// Vitest set-up file of the integration project: every test file (and every `tiescore` child
// process it starts, which inherits the environment) talks to the test Neo4j the global set-up
// started (integration-setup.ts), never to the NEO4J_URI of the shell.
import { inject } from 'vitest';

process.env.NEO4J_URI = inject('testNeo4jUri');
