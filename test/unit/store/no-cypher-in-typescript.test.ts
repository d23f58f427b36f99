/**
 * Cypher text lives only in cypher/ (docs/design.md): no TypeScript file under src/ may hold a Cypher
 * statement or fragment in a string, a template literal or a `+` concatenation. The one file that
 * handles Cypher text, the loader src/store/neo4j/cypher.ts, only reads files by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeCypher, scanSource } from '../../support/cypher-text-scanner.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const LOADER = 'src/store/neo4j/cypher.ts';

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('no Cypher built in TypeScript', () => {
  it('no file under src/ except the loader holds Cypher text', () => {
    const files = typescriptFiles(join(ROOT, 'src')).map((path) => relative(ROOT, path).split('\\').join('/'));
    expect(files.length).toBeGreaterThan(100); // the walk found the tree
    expect(files).toContain(LOADER);
    const findings = files.filter((file) => file !== LOADER).flatMap((file) => scanSource(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(findings.map((f) => `${f.file}:${f.line} (${f.kind}) ${f.text}`)).toEqual([]);
  });

  it('the loader itself holds no statement, only the way to read one', () => {
    expect(scanSource(LOADER, readFileSync(join(ROOT, LOADER), 'utf8'))).toEqual([]);
  });

  it('catches planted Cypher: template literals, concatenation and plain strings', () => {
    const planted = [
      'export async function personById(session: Session, id: string) {',
      '  return session.run(`MATCH (p:Person {id: "${id}"}) RETURN p`);',
      '}',
      "const wipe = 'MATCH (n) ' + 'DETACH DELETE n';",
      "const byLabel = (label: string) => 'MATCH (n:' + label + ') RETURN count(n)';",
      "const filter = ' WHERE p.id = \"' + id + '\"';",
      "const rows = `UNWIND $rows AS row MERGE (p:Person {id: row.id})`;",
      "const edge = '(a)-[:PAID]->(b)';",
      'const sub = `CALL () { MATCH (p) RETURN p }`;',
      "const lower = 'match (n) return n';",
    ].join('\n');
    const findings = scanSource('planted.ts', planted);
    expect(findings.map((f) => [f.line, f.kind])).toEqual([
      [2, 'template'],
      [4, 'concatenation'],
      [5, 'concatenation'],
      [6, 'concatenation'],
      [7, 'template'],
      [8, 'string'],
      [9, 'template'],
      [10, 'string'],
    ]);
    expect(findings[0]!.text).toBe('MATCH (p:Person {id: "${…}"}) RETURN p');
  });

  it('leaves prose, comments, paths and the loader call alone', () => {
    const clean = [
      '// MATCH (p:Person) RETURN p — a comment may quote Cypher',
      "import { cypher } from './cypher.js';",
      "await session.run(cypher('persons/upsert'), { rows });",
      "throw new Error(`match the run ${id} with its score, then return it (optional)`);",
      "const help = 'Set the model with --model FILE; where it is missing, create one';",
      "const reason = 'a person cannot befriend themselves (a: ' + a + ')';",
    ].join('\n');
    expect(scanSource('clean.ts', clean)).toEqual([]);
    for (const prose of ['Return to the store', 'WITH care', 'port (default: PORT)', 'x - [1] - y', 'could not create (file exists)']) {
      expect(looksLikeCypher(prose), prose).toBe(false);
    }
  });
});
