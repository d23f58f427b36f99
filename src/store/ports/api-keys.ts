/** The API keys port: key records (SHA-256 of the secret only), read on every authenticated request. */
import type { ApiKeyRecord } from '../../domain/safeguards.js';
import type { MethodSet } from './port-methods.js';

export interface ApiKeyPort {
  /** Throws when the id is taken. */
  createApiKey(key: ApiKeyRecord): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  /** Oldest first. */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Keeps the first revocation's instant; throws `NotFoundError` for an unknown key. */
  revokeApiKey(id: string, at: string): Promise<void>;
}

export const API_KEY_METHODS: MethodSet<ApiKeyPort> = {
  createApiKey: true,
  getApiKey: true,
  listApiKeys: true,
  revokeApiKey: true,
};
