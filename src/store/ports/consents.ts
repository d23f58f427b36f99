/** The consents port: a subject's permission for one consumer key to read their score. */
import type { Consent } from '../../domain/safeguards.js';
import type { MethodSet } from './port-methods.js';

export interface ConsentPort {
  createConsent(consent: Consent): Promise<void>;
  getConsent(id: string): Promise<Consent | undefined>;
  /** Oldest first. */
  consentsOf(personId: string): Promise<Consent[]>;
  /** Keeps the first revocation's instant; throws `NotFoundError` for an unknown consent. */
  revokeConsent(id: string, at: string): Promise<void>;
}

export const CONSENT_METHODS: MethodSet<ConsentPort> = {
  createConsent: true,
  getConsent: true,
  consentsOf: true,
  revokeConsent: true,
};
