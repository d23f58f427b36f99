/**
 * Loads named Cypher statements from `cypher/` — the only place Cypher text lives (like
 * BullMQ's `src/commands/*.lua`). A name is the file's path below `cypher/` without the
 * extension: `cypher('persons/upsert')` reads `cypher/persons/upsert.cypher`.
 *
 * Each file starts with a `//` header naming its parameters and what it returns; the header is
 * kept (Neo4j ignores comments). Files are read once and cached.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../package-root.js';

const CYPHER_DIR = join(PACKAGE_ROOT, 'cypher');
const NAME = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;
const cache = new Map<string, string>();

/**
 * The text of one named statement.
 *
 * @example
 * await session.run(cypher('persons/upsert'), { rows });
 */
export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    if (!NAME.test(name)) throw new Error(`cypher: invalid statement name "${name}"`);
    text = readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/**
 * The statements of a multi-statement file (such as `schema`), split on `;` at the end of a
 * line, with comment-only chunks dropped.
 */
export function cypherStatements(name: string): string[] {
  return cypher(name)
    .split(/;\s*$/m)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('//')));
}
