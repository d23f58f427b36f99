/** The disputes port: a subject's challenges of their credit events (docs/design.md, "Contestable"). */
import type { Dispute, DisputeStatus } from '../../domain/safeguards.js';
import type { MethodSet } from './port-methods.js';

export interface DisputePort {
  createDispute(dispute: Dispute): Promise<void>;
  getDispute(id: string): Promise<Dispute | undefined>;
  /** Oldest first; every status unless one is given. */
  listDisputes(status?: DisputeStatus): Promise<Dispute[]>;
  /** Throws `NotFoundError` for an unknown dispute. */
  updateDispute(id: string, patch: Partial<Omit<Dispute, 'id' | 'personId' | 'eventId'>>): Promise<void>;
}

export const DISPUTE_METHODS: MethodSet<DisputePort> = {
  createDispute: true,
  getDispute: true,
  listDisputes: true,
  updateDispute: true,
};
