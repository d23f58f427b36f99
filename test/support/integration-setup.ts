/**
 * Vitest global set-up of the integration project: makes sure the test Neo4j runs (started and
 * marked by this set-up, see test-neo4j.ts) and hands its URI to the test files, whose
 * `use-test-neo4j.ts` set-up file puts it in NEO4J_URI. Whatever NEO4J_URI the shell had is ignored:
 * the tests never run on a Neo4j they did not start.
 */
import type { TestProject } from 'vitest/node';
import { ensureTestNeo4j, testNeo4jOptions } from './test-neo4j.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testNeo4jUri: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('testNeo4jUri', await ensureTestNeo4j(testNeo4jOptions()));
}
