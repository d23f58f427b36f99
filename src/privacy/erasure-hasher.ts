/**
 * The salted hash an erasure record keeps instead of the person's id: HMAC-SHA256 keyed with
 * the erasure salt. The salt is `ERASURE_SALT` when set — kept apart from the database, so a
 * copy of the database alone cannot test guessed ids against the records — and otherwise a
 * random salt stored in the database on first use (`Store.erasureSalt`), so that every process
 * using the same database hashes alike without any setting. Changing the salt later orphans
 * the existing records: imports would no longer recognise those persons.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

/**
 * HMAC-SHA256 of an id, hex.
 *
 * @example
 * erasureHash('salt', 'p42'); // '5d0c…' (64 hex digits)
 */
export function erasureHash(salt: string, id: string): string {
  return createHmac('sha256', salt).update(id, 'utf8').digest('hex');
}

export class ErasureHasher {
  private salt: Promise<string> | undefined;

  constructor(
    private readonly store: Pick<Store, 'erasureSalt' | 'erasedHashes'>,
    private readonly configuredSalt?: string | undefined,
  ) {}

  /** The salt in use (read from the store, or stored there, once). */
  saltInUse(): Promise<string> {
    if (this.configuredSalt !== undefined) return Promise.resolve(this.configuredSalt);
    this.salt ??= this.store.erasureSalt(randomBytes(32).toString('base64url')).catch((error: unknown) => {
      this.salt = undefined; // a store that was away is asked again next time
      throw error;
    });
    return this.salt;
  }

  async hashOf(id: string): Promise<string> {
    return erasureHash(await this.saltInUse(), id);
  }

  /**
   * The ids among `ids` that have an erasure record.
   *
   * @example
   * await hasher.erasedAmong(['p1', 'p2']); // Set { 'p2' } after p2 was erased
   */
  async erasedAmong(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const salt = await this.saltInUse();
    const byHash = new Map([...new Set(ids)].map((id) => [erasureHash(salt, id), id]));
    const erased = await this.store.erasedHashes([...byHash.keys()]);
    return new Set([...erased].map((hash) => byHash.get(hash)!));
  }
}
