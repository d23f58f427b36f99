/**
 * Composes a `Store` from one part per port, so an adapter is its parts and nothing else: no
 * hand-written `upsertPersons(p) { return this.persons.upsertPersons(p); }`. A part may serve
 * several ports (the Neo4j `RunStore` serves runs and scores).
 *
 * Type-safe both ways: `StoreParts` needs a part of the right port for every port (a part that
 * lacks a method does not compile), and each port's `MethodSet` must name exactly its methods,
 * so the composed object has every method the `Store` type promises. Each method is bound to its
 * part, so `this` inside a part is the part.
 */
import { ACCESS_LOG_METHODS, type AccessLogPort } from './ports/access-log.js';
import { API_KEY_METHODS, type ApiKeyPort } from './ports/api-keys.js';
import { CONSENT_METHODS, type ConsentPort } from './ports/consents.js';
import { DISPUTE_METHODS, type DisputePort } from './ports/disputes.js';
import { EDGE_METHODS, type EdgePort } from './ports/edges.js';
import { EVENT_METHODS, type EventPort } from './ports/events.js';
import { LIFECYCLE_METHODS, type LifecyclePort } from './ports/lifecycle.js';
import { PERSON_METHODS, type PersonPort } from './ports/persons.js';
import type { MethodSet } from './ports/port-methods.js';
import { PRIVACY_METHODS, type PrivacyPort } from './ports/privacy.js';
import { REPORT_METHODS, type ReportPort } from './ports/reports.js';
import { RUN_METHODS, type RunPort } from './ports/runs.js';
import { SCORE_EXPORT_METHODS, type ScoreExportPort } from './ports/score-exports.js';
import { SCORE_METHODS, type ScorePort } from './ports/scores.js';
import type { Store } from './store.js';

/** One part per port of `Store`. */
export interface StoreParts {
  persons: PersonPort;
  edges: EdgePort;
  events: EventPort;
  runs: RunPort;
  scores: ScorePort;
  reports: ReportPort;
  disputes: DisputePort;
  consents: ConsentPort;
  accessLog: AccessLogPort;
  apiKeys: ApiKeyPort;
  scoreExports: ScoreExportPort;
  privacy: PrivacyPort;
  lifecycle: LifecyclePort;
}

const PORT_METHODS: { readonly [Port in keyof StoreParts]: MethodSet<StoreParts[Port]> } = {
  persons: PERSON_METHODS,
  edges: EDGE_METHODS,
  events: EVENT_METHODS,
  runs: RUN_METHODS,
  scores: SCORE_METHODS,
  reports: REPORT_METHODS,
  disputes: DISPUTE_METHODS,
  consents: CONSENT_METHODS,
  accessLog: ACCESS_LOG_METHODS,
  apiKeys: API_KEY_METHODS,
  scoreExports: SCORE_EXPORT_METHODS,
  privacy: PRIVACY_METHODS,
  lifecycle: LIFECYCLE_METHODS,
};

type Method = (...args: unknown[]) => unknown;

/**
 * The base class of both adapters: its instances carry every `Store` method, each a bound method
 * of the part that serves its port. Methods are own, writable properties, so a test may replace
 * one on an instance (`store.getApiKey = …`). A subclass adds what is its own (`Neo4jStore.open`).
 *
 * @example
 * export class MemoryStore extends ComposedStore {
 *   constructor(now?: () => string) { super(memoryParts(new MemoryState(now))); }
 * }
 */
export const ComposedStore = class ComposedStore {
  constructor(parts: StoreParts) {
    for (const port of Object.keys(PORT_METHODS) as (keyof StoreParts)[]) {
      const part = parts[port] as unknown as Record<string, Method>;
      for (const name of Object.keys(PORT_METHODS[port])) {
        const method = part[name];
        if (typeof method !== 'function') throw new TypeError(`store: the ${port} part has no method ${name}`);
        if (Object.hasOwn(this, name)) throw new TypeError(`store: two ports name the method ${name}`);
        Object.defineProperty(this, name, { value: method.bind(part), writable: true, configurable: true, enumerable: false });
      }
    }
  }
} as new (parts: StoreParts) => Store;
