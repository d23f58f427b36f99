/** Consent checks: may a named consumer read a person's score now? */
import type { Consent } from '../../domain/safeguards.js';
import type { ConsentPort } from '../../store/store.js';

export type ConsentState = 'live' | 'expired' | 'revoked' | 'pending';

/** Where a consent stands at `now`. */
export function consentState(consent: Consent, now: Date): ConsentState {
  const at = now.toISOString();
  if (consent.revokedAt !== undefined) return 'revoked';
  if (consent.expiresAt <= at) return 'expired';
  if (consent.grantedAt > at) return 'pending';
  return 'live';
}

/**
 * The person's live consent for `consumer` (the consumer key's name), the one that runs
 * longest when there are several; undefined when there is none.
 */
export async function liveConsent(store: Pick<ConsentPort, 'consentsOf'>, personId: string, consumer: string, now: Date): Promise<Consent | undefined> {
  const live = (await store.consentsOf(personId)).filter((c) => c.consumer === consumer && consentState(c, now) === 'live');
  live.sort((x, y) => (x.expiresAt < y.expiresAt ? 1 : x.expiresAt > y.expiresAt ? -1 : 0));
  return live[0];
}
