/**
 * The safeguards' records in the embedded store — disputes, consents, the access log (and the
 * report reads) and API keys — as the Neo4j adapter's `SafeguardStore` keeps them.
 */
import type { AccessLogEntry, ApiKeyRecord, Consent, Dispute, DisputeStatus, ReportRead } from '../../domain/safeguards.js';
import { NotFoundError } from '../errors.js';
import type { AccessLogPort } from '../ports/access-log.js';
import type { ApiKeyPort } from '../ports/api-keys.js';
import type { ConsentPort } from '../ports/consents.js';
import type { DisputePort } from '../ports/disputes.js';
import { clone, type MemoryState } from './memory-state.js';

export class MemorySafeguardStore implements DisputePort, ConsentPort, AccessLogPort, ApiKeyPort {
  constructor(private readonly state: MemoryState) {}

  async createDispute(dispute: Dispute): Promise<void> {
    this.state.disputes.set(dispute.id, clone(dispute));
  }

  async getDispute(id: string): Promise<Dispute | undefined> {
    const dispute = this.state.disputes.get(id);
    return dispute && clone(dispute);
  }

  async listDisputes(status?: DisputeStatus): Promise<Dispute[]> {
    return [...this.state.disputes.values()]
      .filter((dispute) => status === undefined || dispute.status === status)
      .sort((x, y) => x.openedAt.localeCompare(y.openedAt) || x.id.localeCompare(y.id))
      .map(clone);
  }

  async updateDispute(id: string, patch: Partial<Omit<Dispute, 'id' | 'personId' | 'eventId'>>): Promise<void> {
    const dispute = this.state.disputes.get(id);
    if (!dispute) throw new NotFoundError(`store: no dispute "${id}"`);
    Object.assign(dispute, clone(patch));
  }

  async createConsent(consent: Consent): Promise<void> {
    this.state.consents.set(consent.id, clone(consent));
  }

  async getConsent(id: string): Promise<Consent | undefined> {
    const consent = this.state.consents.get(id);
    return consent && clone(consent);
  }

  async consentsOf(personId: string): Promise<Consent[]> {
    return [...this.state.consents.values()]
      .filter((consent) => consent.personId === personId)
      .sort((x, y) => x.grantedAt.localeCompare(y.grantedAt) || x.id.localeCompare(y.id))
      .map(clone);
  }

  async revokeConsent(id: string, at: string): Promise<void> {
    const consent = this.state.consents.get(id);
    if (!consent) throw new NotFoundError(`store: no consent "${id}"`);
    consent.revokedAt ??= at;
  }

  async appendAccessLog(entry: AccessLogEntry): Promise<void> {
    this.state.accessLog.push(clone(entry));
  }

  async appendAccessLogs(entries: readonly AccessLogEntry[]): Promise<void> {
    this.state.accessLog.push(...entries.map(clone));
  }

  async accessLogOf(personId: string, limit: number): Promise<AccessLogEntry[]> {
    return this.state.accessLog
      .filter((entry) => entry.personId === personId)
      .reverse()
      .slice(0, limit)
      .map(clone);
  }

  async appendReportRead(entry: ReportRead): Promise<void> {
    this.state.reportReads.push(clone(entry));
  }

  async reportReads(limit: number): Promise<ReportRead[]> {
    return this.state.reportReads.slice(-limit).reverse().map(clone);
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    if (this.state.apiKeys.has(key.id)) throw new Error(`store: API key "${key.id}" exists already`);
    this.state.apiKeys.set(key.id, clone(key));
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const key = this.state.apiKeys.get(id);
    return key && clone(key);
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return [...this.state.apiKeys.values()].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id)).map(clone);
  }

  async revokeApiKey(id: string, at: string): Promise<void> {
    const key = this.state.apiKeys.get(id);
    if (!key) throw new NotFoundError(`store: no API key "${id}"`);
    key.revokedAt ??= at;
  }
}
