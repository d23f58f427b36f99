/**
 * The internal node ids of persons, looked up by external id once and kept, so that bulk edge
 * upserts find both ends by a direct node-id seek instead of two index lookups per row. A kept
 * node id can go stale (the person erased, the database wiped, the id reused by another node);
 * the edge statements check that the node is still that person and count such rows as missing,
 * and the caller then forgets the cache and resolves again (see EdgeStore).
 */
import { chunks } from './batches.js';
import type { Neo4jRunner } from './neo4j-runner.js';

/** Node ids kept at most; past it the cache starts again (1M persons take about 100 MB). */
const MAX_KEPT = 2_000_000;

export class PersonRefs {
  private readonly refs = new Map<string, number>();

  constructor(
    private readonly runner: Neo4jRunner,
    private readonly maxKept = MAX_KEPT,
  ) {}

  /** The node ids of the stored persons among `ids`; ids of persons not stored are absent. */
  async resolve(ids: Iterable<string>): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const unknown = new Set<string>();
    for (const id of ids) {
      const node = this.refs.get(id);
      if (node !== undefined) found.set(id, node);
      else unknown.add(id);
    }
    if (unknown.size === 0) return found;
    if (this.refs.size + unknown.size > this.maxKept) this.refs.clear();
    for (const chunk of chunks([...unknown])) {
      for (const row of await this.runner.read<{ id: string; node: number }>('persons/refs', { ids: chunk })) {
        this.refs.set(row.id, row.node);
        found.set(row.id, row.node);
      }
    }
    return found;
  }

  /** Drops every kept node id (after a statement found one stale, or a wipe). */
  forget(): void {
    this.refs.clear();
  }
}
