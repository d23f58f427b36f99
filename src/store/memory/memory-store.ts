/**
 * The embedded store: everything in process memory, for `tiescore demo` and fast tests. Same
 * contract as the Neo4j adapter (test/contract/store-contract.ts), same semantics for seq
 * allocation, unchanged-row detection and the dirty set; like it, one part per aggregate over
 * shared state (`memory-state.ts`), composed into a `Store` by `ComposedStore`.
 */
import { ComposedStore, type StoreParts } from '../compose.js';
import { MemoryEdgeStore } from './edge-store.js';
import { MemoryEventStore } from './event-store.js';
import { MemoryState } from './memory-state.js';
import { MemoryPersonStore } from './person-store.js';
import { MemoryPrivacyStore } from './privacy-store.js';
import { MemoryReportStore } from './report-store.js';
import { MemoryRunStore } from './run-store.js';
import { MemorySafeguardStore } from './safeguard-store.js';
import { MemoryScoreExportStore } from './score-export-store.js';
import { MemoryScoreStore } from './score-store.js';

/**
 * @example
 * const store = new MemoryStore(); // or new MemoryStore(() => fixedInstant) in a test
 * await store.upsertPersons([person]);
 */
export class MemoryStore extends ComposedStore {
  /** @param now the clock stamping `updatedAt` (tests pass their own). */
  constructor(now?: () => string) {
    super(memoryParts(new MemoryState(now)));
  }
}

function memoryParts(state: MemoryState): StoreParts {
  const runs = new MemoryRunStore(state);
  const safeguards = new MemorySafeguardStore(state);
  const scores = new MemoryScoreStore(state, runs, safeguards);
  return {
    persons: new MemoryPersonStore(state),
    edges: new MemoryEdgeStore(state),
    events: new MemoryEventStore(state),
    runs,
    scores,
    reports: new MemoryReportStore(state),
    disputes: safeguards,
    consents: safeguards,
    accessLog: safeguards,
    apiKeys: safeguards,
    scoreExports: new MemoryScoreExportStore(state),
    privacy: new MemoryPrivacyStore(state, scores, safeguards),
    lifecycle: { close: async () => {} },
  };
}
