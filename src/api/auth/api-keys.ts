/**
 * API keys: `tsk_<id>_<secret>`. The id is the public half (it names the stored record and
 * appears in access logs); the secret is shown once, when the key is made, and only its
 * SHA-256 is stored. A presented key is checked by hashing its secret and comparing the
 * digests with `crypto.timingSafeEqual`, so the time taken says nothing about how many bytes
 * matched; an unknown id is compared against a dummy digest for the same reason.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_ROLES, type ApiKeyRecord, type ApiRole } from '../../domain/safeguards.js';
import type { ApiKeyPort, PersonPort } from '../../store/store.js';

/** `tsk_` + 12 lowercase hex (the id) + `_` + 43 base64url characters (256 random bits). */
const KEY_PATTERN = /^tsk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** The caller a valid key speaks for. */
export interface Principal {
  keyId: string;
  role: ApiRole;
  name: string;
  /** For subject keys: the one person the key is bound to. */
  personId?: string | undefined;
}

/** Why a presented key was refused (the 401 detail). */
export type KeyRefusal = 'malformed' | 'unknown' | 'revoked';

export type KeyCheck = { ok: true; principal: Principal } | { ok: false; reason: KeyRefusal };

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

const DUMMY_HASH = hashSecret('tiescore: no such key');

/** Splits a presented key into id and secret; undefined when it is not shaped like a key. */
export function parseApiKey(key: string): { id: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

/** Constant-time equality of two hex SHA-256 digests. */
function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && timingSafeEqual(x, y);
}

/**
 * Checks a presented key against the store.
 *
 * @example
 * const check = await verifyApiKey(store, 'tsk_0a1b2c3d4e5f_…');
 * if (check.ok) check.principal.role; // 'analyst'
 */
export async function verifyApiKey(store: Pick<ApiKeyPort, 'getApiKey'>, presented: string): Promise<KeyCheck> {
  const parsed = parseApiKey(presented);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const record = await store.getApiKey(parsed.id);
  const matches = sameDigest(hashSecret(parsed.secret), record?.secretHash ?? DUMMY_HASH);
  if (!record || !matches) return { ok: false, reason: 'unknown' };
  if (record.revokedAt !== undefined) return { ok: false, reason: 'revoked' };
  return { ok: true, principal: { keyId: record.id, role: record.role, name: record.name, personId: record.personId } };
}

/**
 * Whether `presented` is the key of `record` (right id and secret, constant time), from memory:
 * for the rate limiter, which must count a request against its key before any store read.
 */
export function presentedKeyMatches(presented: string, record: ApiKeyRecord): boolean {
  const parsed = parseApiKey(presented);
  return parsed !== undefined && parsed.id === record.id && sameDigest(hashSecret(parsed.secret), record.secretHash);
}

export interface NewApiKey {
  role: ApiRole;
  /** Required for (and only for) `subject` keys. */
  personId?: string | undefined;
  /** A label; for consumers it is the name subjects grant consent to. Default `<role>-<id>`. */
  name?: string | undefined;
}

/** Why a key cannot be made (one line, for the CLI and tests). */
export class ApiKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyError';
  }
}

/** A key's name (consumers are named in consents): 1–64 letters, digits, spaces or `._@-`, any script. */
export const KEY_NAME = /^[\p{L}\p{N} ._@-]{1,64}$/u;

/**
 * Makes and stores a key; the returned `key` is the only time the secret exists in clear.
 *
 * @example
 * const { key, record } = await issueApiKey(store, { role: 'subject', personId: 'p42' });
 * key; // 'tsk_3f9a0c1d2e4b_…' — print it once
 */
export async function issueApiKey(
  store: Pick<ApiKeyPort, 'createApiKey' | 'listApiKeys'> & Pick<PersonPort, 'getPerson'>,
  request: NewApiKey,
  now: Date = new Date(),
): Promise<{ key: string; record: ApiKeyRecord }> {
  if (!(API_ROLES as readonly string[]).includes(request.role)) {
    throw new ApiKeyError(`role must be one of ${API_ROLES.join(', ')}, got "${request.role}"`);
  }
  if (request.role === 'subject') {
    if (!request.personId) throw new ApiKeyError('a subject key needs --person ID (the person it speaks for)');
    if (!(await store.getPerson(request.personId))) throw new ApiKeyError(`no person with id "${request.personId}"`);
  } else if (request.personId !== undefined) {
    throw new ApiKeyError(`only a subject key is bound to a person (--person is not allowed with role ${request.role})`);
  }
  const name = request.name?.trim();
  if (name !== undefined && !KEY_NAME.test(name)) {
    throw new ApiKeyError('--name must be 1–64 letters, digits, spaces or ._@-');
  }
  if (request.role === 'consumer' && name) {
    // Consents name a consumer: two keys of one name would share every consent. A revoked key's
    // name stays taken, so consents granted to its holder never pass to a newcomer.
    const taken = (await store.listApiKeys()).some((key) => key.role === 'consumer' && key.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new ApiKeyError(`a consumer key named "${name}" exists already (consents name consumers, so names are never reused)`);
  }
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const record: ApiKeyRecord = {
    id,
    name: name || `${request.role}-${id}`,
    role: request.role,
    ...(request.personId === undefined ? {} : { personId: request.personId }),
    secretHash: hashSecret(secret),
    createdAt: now.toISOString(),
  };
  await store.createApiKey(record);
  return { key: `tsk_${id}_${secret}`, record };
}
