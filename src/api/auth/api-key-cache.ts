/**
 * A short-lived cache of stored API key records in front of the store, so that authenticating a
 * request does not cost a database round trip every time.
 *
 * A record read from the store is reused for `ttlMs` (5 s by default, `apiKeyCacheMs` in the
 * API options), then read again. So a key revoked with `tiescore keys revoke` — in another
 * process — is refused by every API process at most `ttlMs` after the revocation; with
 * `ttlMs: 0` every request reads the store, as before. An id the store does not know is
 * remembered as unknown for `ttlMs` too, in a map of its own, so a flood of made-up ids costs
 * one lookup per id and pushes no real key out (issue 19, item 5); ids are random, so a key made
 * a moment ago was never looked up and works at once. Only the lookup is cached: the presented
 * secret is still hashed and compared with the stored digest in constant time on every request
 * (`verifyApiKey`). Concurrent requests with the same uncached key share one lookup, and each map
 * holds at most `maxEntries` ids (the one read from the store longest ago goes first).
 *
 * `known(id)` answers from memory only — the last record read for the id, however old — so the
 * rate limiter can tell a real key from a made-up one before any store read (rate-limit.ts).
 */
import type { ApiKeyRecord } from '../../domain/safeguards.js';
import type { ApiKeyPort } from '../../store/store.js';

export interface ApiKeyCacheOptions {
  /** How long a record is reused (ms); 0 reads the store on every lookup. */
  ttlMs: number;
  /** Most keys kept at once (and, apart, most unknown ids). */
  maxEntries?: number;
  /** Monotonic clock in ms (tests pass their own). */
  now?: () => number;
}

const DEFAULTS = { maxEntries: 10_000, now: () => performance.now() };

interface Entry {
  readAt: number;
  record: Promise<ApiKeyRecord | undefined>;
  /** The last record this id's lookups found (kept across re-reads), for `known`. */
  settled?: ApiKeyRecord | undefined;
}

/**
 * @example
 * const keys = new ApiKeyCache(store, { ttlMs: 5_000 });
 * await verifyApiKey(keys, presented); // reads the store at most once per key every 5 s
 */
export class ApiKeyCache implements Pick<ApiKeyPort, 'getApiKey'> {
  private readonly entries = new Map<string, Entry>();
  /** Ids the store did not know, with when it said so. */
  private readonly unknown = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Pick<ApiKeyPort, 'getApiKey'>,
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
    const unknownAt = this.unknown.get(id);
    if (unknownAt !== undefined && now - unknownAt < this.options.ttlMs) return Promise.resolve(undefined);
    this.unknown.delete(id);
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const entry: Entry = { readAt: now, record: this.store.getApiKey(id), settled: cached?.settled };
    this.entries.set(id, entry);
    const forget = () => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    };
    entry.record.then((record) => {
      if (record) {
        entry.settled = record;
        return;
      }
      forget();
      if (this.unknown.size >= this.maxEntries) this.unknown.delete(this.unknown.keys().next().value!);
      this.unknown.set(id, now);
    }, forget);
    return entry.record;
  }

  /** The last record read for `id`, however long ago; undefined when none was. Never reads the store. */
  known(id: string): ApiKeyRecord | undefined {
    return this.entries.get(id)?.settled;
  }

  /** Forgets every record (the next lookup of each key reads the store). */
  clear(): void {
    this.entries.clear();
    this.unknown.clear();
  }
}
