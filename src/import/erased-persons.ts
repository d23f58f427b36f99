/**
 * The importer's and the API ingestion's guard against bringing an erased person back silently:
 * a person row whose id has an erasure record — and who is not stored now, i.e. was not
 * deliberately re-imported since — is refused, and so is an edge or event naming such a person,
 * each with a reason that says so. `--allow-erased` (`allowErased=true` on the API) lifts it.
 */
import type { ErasureHasher } from '../privacy/erasure-hasher.js';
import type { Store } from '../store/store.js';

export const erasedReason = (id: string, flag = '--allow-erased') => `person "${id}" was erased; bringing them back needs ${flag}`;

export class ErasedPersons {
  constructor(
    private readonly store: Pick<Store, 'existingPersonIds'>,
    private readonly hasher: Pick<ErasureHasher, 'erasedAmong'>,
  ) {}

  /**
   * The ids among `ids` that were erased and are not stored now.
   *
   * @example
   * await erased.among(['p1', 'p2']); // Set { 'p2' } when p2 was erased
   */
  async among(ids: readonly string[]): Promise<Set<string>> {
    const erased = await this.hasher.erasedAmong(ids);
    if (erased.size === 0) return erased;
    const stored = await this.store.existingPersonIds([...erased]);
    return new Set([...erased].filter((id) => !stored.has(id)));
  }
}

/**
 * The guard for a target that holds no erasure record (a first load's empty database): nobody
 * is erased, so no id is hashed; the salt is still fixed at the first check, as a real check
 * fixes it, so both ways of loading leave the same database.
 */
export function noneErased(hasher: Pick<ErasureHasher, 'saltInUse'>): Pick<ErasedPersons, 'among'> {
  return {
    async among(ids) {
      if (ids.length > 0) await hasher.saltInUse();
      return new Set();
    },
  };
}
