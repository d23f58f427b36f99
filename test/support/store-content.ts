/**
 * The whole content of a store as one canonical text and its SHA-256, for tests that must prove
 * a request wrote nothing. Both adapters are covered: everything a MemoryStore holds (persons,
 * edges, events, runs, scores, disputes, consents, access log, API keys, change stamps), and
 * every node and relationship of Neo4j with labels, type and properties
 * (cypher/test/store-content.cypher).
 */
import { createHash } from 'node:crypto';
import type { Neo4jConnection } from '../../src/store/neo4j/connection.js';
import { cypher } from '../../src/store/neo4j/cypher.js';
import type { MemoryStore } from '../../src/store/memory/memory-store.js';

/** JSON with object keys sorted, Maps and Sets as sorted entry lists, functions left out. */
export function canonical(value: unknown): string {
  const normalise = (v: unknown): unknown => {
    if (v instanceof Map) return [...v].map(([k, x]) => [canonical(k), normalise(x)]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    if (v instanceof Set) return [...v].map((x) => canonical(x)).sort();
    if (Array.isArray(v)) return v.map(normalise);
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[key];
        if (typeof x !== 'function') out[key] = normalise(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(normalise(value)) ?? 'undefined';
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Everything a MemoryStore holds (its own fields, read generically so a new field is covered too). */
export function memoryStoreContent(store: MemoryStore): string {
  return canonical(store);
}

/** Every node and relationship of the Neo4j database, one sorted line each. */
export async function neo4jStoreContent(connection: Pick<Neo4jConnection, 'driver' | 'database'>): Promise<string> {
  const { records } = await connection.driver.executeQuery(cypher('test/store-content'), {}, { database: connection.database, routing: 'READ' });
  const lines = records.map((record) =>
    canonical({ kind: record.get('kind'), id: record.get('id'), labels: record.get('labels'), props: record.get('props'), start: record.get('start'), end: record.get('end') }),
  );
  return lines.sort().join('\n');
}

/** Counts of what a store holds, from its content lines (Neo4j) — labels and relationship types. */
export function neo4jCounts(content: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of content.split('\n')) {
    if (!line) continue;
    const { kind, labels } = JSON.parse(line) as { kind: string; labels: string[] };
    const name = `${kind}:${labels.join(':')}`;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
