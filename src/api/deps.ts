/** What the API needs from the outside world; `createApp(deps)` takes exactly this. */
import type { Logger } from 'pino';
import type { Model } from '../score/index.js';
import type { Store } from '../store/store.js';
import type { AttestationKeys } from './attestation/signing-keys.js';
import type { NetworkViewProvider } from './network-view.js';
import type { Queue } from 'bullmq';
import type { RecomputeJobs } from './recompute-jobs.js';
import { DEFAULT_CACHED_PERSONS } from './published-scores.js';

export interface ApiOptions {
  /** Largest accepted JSON body in bytes (API_BODY_LIMIT); larger → 413. */
  bodyLimitBytes: number;
  /** Requests per minute per API key (or per address without a key); 0 turns limiting off. */
  rateLimitPerMinute: number;
  /** Origins allowed by CORS (CORS_ORIGINS); empty = no cross-origin access. */
  corsOrigins: readonly string[];
  /** Lifetime of a new attestation in seconds, at most 900 (ATTESTATION_TTL_SECONDS). */
  attestationTtlSeconds: number;
  /** Express "trust proxy" (TRUST_PROXY): which X-Forwarded-For hops give the client address. */
  trustProxy: number | string | false;
  /**
   * How long a stored API key record is reused before it is read again, in ms (auth/api-key-cache.ts):
   * a key revoked in the store is refused at most this long afterwards. 0 reads it on every request.
   */
  apiKeyCacheMs: number;
  /** API_SCORE_CACHE: persons whose served score each process keeps for their next score read (served-score-cache.ts); 0 keeps none. */
  scoreCachePersons: number;
  /** FAIRNESS_CUTOFFS: the only cut-offs the fairness report answers at, ascending. */
  fairnessCutoffs: readonly number[];
  /** ERASURE_SALT: salt of erasure-record hashes; unset = the one stored in the database (src/privacy/erasure-hasher.ts). */
  erasureSalt?: string | undefined;
}

export const DEFAULT_API_OPTIONS: ApiOptions = {
  bodyLimitBytes: 1024 * 1024,
  rateLimitPerMinute: 600,
  corsOrigins: [],
  attestationTtlSeconds: 900,
  trustProxy: false,
  apiKeyCacheMs: 5_000,
  scoreCachePersons: DEFAULT_CACHED_PERSONS,
  fairnessCutoffs: [550, 600, 650, 700],
};

export interface ApiDeps {
  store: Store;
  /** The scorecard model the API explains with and runs what-ifs with. */
  model: Model;
  /** The published run's network in memory, for the analyst endpoints and explanations. */
  networkViews: NetworkViewProvider;
  /** Recompute jobs; without it the job endpoints answer 503 and disputes enqueue nothing. */
  jobs?: RecomputeJobs | undefined;
  /** Queues shown by the admin dashboard at /admin/queues; none = no dashboard. */
  dashboardQueues?: readonly Queue[] | undefined;
  attestationKeys: AttestationKeys;
  /** The time (consents, access log, attestations); `() => new Date()` in production. */
  clock: () => Date;
  logger: Logger;
  options?: Partial<ApiOptions>;
}
