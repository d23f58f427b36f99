/**
 * Erasure of one person (the right to erasure): everything tiescore holds about them goes in
 * one store transaction, an erasure record with a salted hash of their id stays, and their
 * former contacts are marked changed so the next incremental run rescores them. The caller —
 * the API or `tiescore persons erase` — then enqueues that run.
 */
import type { ErasureCounts, ErasureRecord } from '../domain/privacy.js';
import type { Store } from '../store/store.js';
import type { ErasureHasher } from './erasure-hasher.js';

export interface ErasureOutcome {
  record: ErasureRecord;
  counts: ErasureCounts;
}

/**
 * Erases `personId`; undefined when there is no such person (nothing is written).
 *
 * @example
 * const outcome = await erasePerson(store, hasher, 'p42', { requestedBy: keyId, role: 'admin' }, new Date());
 * outcome?.counts.contactsMarked; // former contacts to rescore
 */
export async function erasePerson(
  store: Store,
  hasher: ErasureHasher,
  personId: string,
  requester: Pick<ErasureRecord, 'requestedBy' | 'role'>,
  now: Date,
): Promise<ErasureOutcome | undefined> {
  const record: ErasureRecord = { idHash: await hasher.hashOf(personId), at: now.toISOString(), ...requester };
  const counts = await store.erasePerson(personId, record);
  return counts && { record, counts };
}

/**
 * Why a recompute follows an erasure, as recorded with the job: it names the erasure record's
 * hash prefix, never the person's id (job data and logs live in Redis, outside the erasure).
 */
export const erasureRecomputeReason = (record: ErasureRecord) => `erasure ${record.idHash.slice(0, 12)} (former contacts rescored)`;
