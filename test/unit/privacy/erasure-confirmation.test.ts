import { describe, expect, it } from 'vitest';
import { checkConfirmation, CONFIRMATION_TTL_MS, issueConfirmation } from '../../../src/privacy/erasure-confirmation.js';
import { ErasureHasher, erasureHash } from '../../../src/privacy/erasure-hasher.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';

describe('erasure confirmation tokens', () => {
  const salt = 'a-salt-of-sixteen-chars';
  const now = new Date('2026-11-26T10:00:00.000Z');
  const { token, expiresAt } = issueConfirmation(salt, 'p42', 'key1', now);

  it('are good for ten minutes, for that person and that key only', () => {
    expect(expiresAt).toBe('2026-11-26T10:10:00.000Z');
    expect(checkConfirmation(salt, token, 'p42', 'key1', new Date(now.getTime() + CONFIRMATION_TTL_MS))).toBe('ok');
    expect(checkConfirmation(salt, token, 'p42', 'key1', new Date(now.getTime() + CONFIRMATION_TTL_MS + 1))).toBe('expired');
    expect(checkConfirmation(salt, token, 'p43', 'key1', now)).toBe('invalid');
    expect(checkConfirmation(salt, token, 'p42', 'key2', now)).toBe('invalid');
    expect(checkConfirmation('another-salt-entirely', token, 'p42', 'key1', now)).toBe('invalid');
  });

  it('refuse a forged expiry or a mangled token', () => {
    const [, signature] = token.split('.');
    const later = (now.getTime() + 86_400_000).toString(36);
    expect(checkConfirmation(salt, `${later}.${signature}`, 'p42', 'key1', now)).toBe('invalid');
    expect(checkConfirmation(salt, 'not-a-token', 'p42', 'key1', now)).toBe('invalid');
  });

  it('refuse every other last character, even one that decodes to the same bytes', () => {
    // 32 bytes in 43 base64url characters: the last carries 4 bits and 2 unused ones, so 4 spellings decode alike.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const others = [...alphabet].filter((last) => last !== token.at(-1)).map((last) => `${token.slice(0, -1)}${last}`);
    const signatureBytes = (t: string) => Buffer.from(t.split('.')[1]!, 'base64url');
    expect(others.filter((other) => signatureBytes(other).equals(signatureBytes(token)))).toHaveLength(3);
    expect(others.map((other) => checkConfirmation(salt, other, 'p42', 'key1', now))).toEqual(others.map(() => 'invalid'));
  });
});

describe('erasure hashes', () => {
  it('are HMAC-SHA256 of the id with the salt', () => {
    // RFC 4231-style check against an independent value: HMAC-SHA256(key "key", "The quick brown fox jumps over the lazy dog").
    expect(erasureHash('key', 'The quick brown fox jumps over the lazy dog')).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  it('use the configured salt, else one salt stored in the store on first use', async () => {
    const store = new MemoryStore();
    expect(await new ErasureHasher(store, 'configured-salt-123').hashOf('p1')).toBe(erasureHash('configured-salt-123', 'p1'));
    const first = new ErasureHasher(store);
    const second = new ErasureHasher(store);
    expect(await first.hashOf('p1')).toBe(await second.hashOf('p1'));
    expect(await first.saltInUse()).toBe(await store.erasureSalt('ignored'));
  });

  it('tell which ids were erased', async () => {
    const store = new MemoryStore();
    const hasher = new ErasureHasher(store);
    await store.erasePerson('nobody', { idHash: 'x', at: '2026-11-26T00:00:00.000Z', requestedBy: 'k', role: 'admin' });
    await store.upsertPersons([{ id: 'p2', verified: true, accountCreated: '2020-01-01', incomeMonthly: 1, debtMonthly: 0, assets: 0, billsOnTimeRatio: 1, activityRegularity: 1, addressChanges: 0 }]);
    await store.erasePerson('p2', { idHash: await hasher.hashOf('p2'), at: '2026-11-26T00:00:00.000Z', requestedBy: 'k', role: 'admin' });
    expect(await hasher.erasedAmong(['p1', 'p2', 'p2'])).toEqual(new Set(['p2']));
    expect(await hasher.erasedAmong([])).toEqual(new Set());
  });
});
