/**
 * The API's erasure hasher: one per store (so the salt is read from the database once per
 * process), with the configured ERASURE_SALT when there is one. Shared by the erasure route
 * and ingestion, which refuses items naming erased persons.
 */
import { ErasureHasher } from '../privacy/erasure-hasher.js';
import type { Store } from '../store/store.js';
import type { ApiDeps } from './deps.js';

const hashers = new WeakMap<Store, ErasureHasher>();

export function erasureHasherOf(deps: Pick<ApiDeps, 'store' | 'options'>): ErasureHasher {
  let hasher = hashers.get(deps.store);
  if (!hasher) hashers.set(deps.store, (hasher = new ErasureHasher(deps.store, deps.options?.erasureSalt)));
  return hasher;
}
