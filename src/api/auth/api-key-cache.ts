/**
 * A short-lived cache of stored API key records in front of the store, so that authenticating a
 * request does not cost a database round trip every time.
 *
 * A record read from the store is reused for `ttlMs` (5 s by default, `apiKeyCacheMs` in the
 * API options), then read again. So a key revoked with `tiescore keys revoke` — in another
 * process — is refused by every API process at most `ttlMs` after the revocation; with
 * `ttlMs: 0` every request reads the store, as before. Ids the store does not know are never
 * kept, so a key made a moment ago works at once. Only the lookup is cached: the presented
 * secret is still hashed and compared with the stored digest in constant time on every request
 * (`verifyApiKey`). Concurrent requests with the same uncached key share one lookup, and the
 * cache holds at most `maxEntries` keys (the one read from the store longest ago goes first).
 */
import type { ApiKeyRecord } from '../../domain/safeguards.js';
import type { Store } from '../../store/store.js';

export interface ApiKeyCacheOptions {
  /** How long a record is reused (ms); 0 reads the store on every lookup. */
  ttlMs: number;
  /** Most keys kept at once. */
  maxEntries?: number;
  /** Monotonic clock in ms (tests pass their own). */
  now?: () => number;
}

const DEFAULTS = { maxEntries: 10_000, now: () => performance.now() };

interface Entry {
  readAt: number;
  record: Promise<ApiKeyRecord | undefined>;
}

/**
 * @example
 * const keys = new ApiKeyCache(store, { ttlMs: 5_000 });
 * await verifyApiKey(keys, presented); // reads the store at most once per key every 5 s
 */
export class ApiKeyCache implements Pick<Store, 'getApiKey'> {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Pick<Store, 'getApiKey'>,
    private readonly options: ApiKeyCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? DEFAULTS.maxEntries;
    this.now = options.now ?? DEFAULTS.now;
  }

  getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    if (this.options.ttlMs <= 0) return this.store.getApiKey(id);
    const now = this.now();
    const cached = this.entries.get(id);
    if (cached && now - cached.readAt < this.options.ttlMs) return cached.record;
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const entry: Entry = { readAt: now, record: this.store.getApiKey(id) };
    this.entries.set(id, entry);
    const forget = () => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    };
    entry.record.then((record) => record ?? forget(), forget);
    return entry.record;
  }

  /** Forgets every record (the next lookup of each key reads the store). */
  clear(): void {
    this.entries.clear();
  }
}
