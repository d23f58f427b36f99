/**
 * The safeguards' records in Neo4j — disputes, consents, the access log and API keys — one
 * node each, whose properties are exactly the record's fields (absent optionals left out).
 */
import type { AccessLogEntry, ReportRead, ApiKeyRecord, Consent, Dispute, DisputeStatus } from '../../domain/safeguards.js';
import { NotFoundError } from '../errors.js';
import type { AccessLogPort } from '../ports/access-log.js';
import type { ApiKeyPort } from '../ports/api-keys.js';
import type { ConsentPort } from '../ports/consents.js';
import type { DisputePort } from '../ports/disputes.js';
import { definedOnly, patchProps } from './batches.js';
import { int, type Neo4jRunner } from './neo4j-runner.js';

export class SafeguardStore implements DisputePort, ConsentPort, AccessLogPort, ApiKeyPort {
  constructor(private readonly runner: Neo4jRunner) {}

  async createDispute(dispute: Dispute): Promise<void> {
    await this.runner.write('disputes/create', { dispute: definedOnly(dispute) });
  }

  async getDispute(id: string): Promise<Dispute | undefined> {
    const [row] = await this.runner.read<{ dispute: Dispute }>('disputes/get', { id });
    return row?.dispute;
  }

  async listDisputes(status?: DisputeStatus): Promise<Dispute[]> {
    const rows = await this.runner.read<{ dispute: Dispute }>('disputes/list', { status: status ?? null });
    return rows.map((row) => row.dispute);
  }

  async updateDispute(id: string, patch: Partial<Omit<Dispute, 'id' | 'personId' | 'eventId'>>): Promise<void> {
    const props = patchProps(patch, undefined, ['id', 'personId', 'eventId']);
    const rows = await this.runner.write('disputes/update', { id, patch: props });
    if (rows.length === 0) throw new NotFoundError(`dispute ${id} not found`);
  }

  async createConsent(consent: Consent): Promise<void> {
    await this.runner.write('consents/create', { consent: definedOnly(consent) });
  }

  async getConsent(id: string): Promise<Consent | undefined> {
    const [row] = await this.runner.read<{ consent: Consent }>('consents/get', { id });
    return row?.consent;
  }

  async consentsOf(personId: string): Promise<Consent[]> {
    const rows = await this.runner.read<{ consent: Consent }>('consents/of-person', { personId });
    return rows.map((row) => row.consent);
  }

  async revokeConsent(id: string, at: string): Promise<void> {
    const rows = await this.runner.write('consents/revoke', { id, at });
    if (rows.length === 0) throw new NotFoundError(`consent ${id} not found`);
  }

  async appendAccessLog(entry: AccessLogEntry): Promise<void> {
    await this.runner.write('access-log/append', { entry: definedOnly(entry) });
  }

  async appendAccessLogs(entries: readonly AccessLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.runner.write('access-log/append-batch', { entries: entries.map((entry) => definedOnly(entry)) });
  }

  async appendReportRead(entry: ReportRead): Promise<void> {
    await this.runner.write('report-reads/append', { entry: { ...entry, cutoff: int(entry.cutoff) } });
  }

  async reportReads(limit: number): Promise<ReportRead[]> {
    const rows = await this.runner.read<{ entry: ReportRead }>('report-reads/newest', { limit: int(limit) });
    return rows.map((row) => row.entry);
  }

  async accessLogOf(personId: string, limit: number): Promise<AccessLogEntry[]> {
    const rows = await this.runner.read<{ entry: AccessLogEntry }>('access-log/of-person', { personId, limit: int(limit) });
    return rows.map((row) => row.entry);
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    await this.runner.write('api-keys/create', { key: definedOnly(key) });
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.runner.read<{ key: ApiKeyRecord }>('api-keys/get', { id });
    return row?.key;
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    const rows = await this.runner.read<{ key: ApiKeyRecord }>('api-keys/list');
    return rows.map((row) => row.key);
  }

  async revokeApiKey(id: string, at: string): Promise<void> {
    const rows = await this.runner.write('api-keys/revoke', { id, at });
    if (rows.length === 0) throw new NotFoundError(`API key ${id} not found`);
  }
}
