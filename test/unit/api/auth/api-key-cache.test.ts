/** The API key cache: lookups reused for ttlMs, revocation effective within it, unknown ids kept apart; throttling before lookups. */
import { describe, expect, it } from 'vitest';
import { issueApiKey, verifyApiKey } from '../../../../src/api/auth/api-keys.js';
import { ApiKeyCache } from '../../../../src/api/auth/api-key-cache.js';
import { MemoryStore } from '../../../../src/store/memory/memory-store.js';
import { startHarness } from '../harness.js';

/** A memory store counting getApiKey calls. */
function countingStore() {
  const store = new MemoryStore();
  const counted = { store, lookups: 0 };
  const getApiKey = store.getApiKey.bind(store);
  store.getApiKey = (id) => {
    counted.lookups++;
    return getApiKey(id);
  };
  return counted;
}

describe('ApiKeyCache', () => {
  it('reads a key once per ttl and refuses a revoked key once the ttl has passed', async () => {
    const counted = countingStore();
    let now = 0;
    const cache = new ApiKeyCache(counted.store, { ttlMs: 5_000, now: () => now });
    const { key, record } = await issueApiKey(counted.store, { role: 'analyst' });
    for (let i = 0; i < 10; i++) expect((await verifyApiKey(cache, key)).ok).toBe(true);
    expect(counted.lookups).toBe(1);

    await counted.store.revokeApiKey(record.id, new Date().toISOString());
    now = 4_999;
    expect((await verifyApiKey(cache, key)).ok).toBe(true); // the documented window
    now = 5_000;
    expect(await verifyApiKey(cache, key)).toEqual({ ok: false, reason: 'revoked' });
    expect(counted.lookups).toBe(2);
  });

  it('still checks the secret on every request', async () => {
    const counted = countingStore();
    const cache = new ApiKeyCache(counted.store, { ttlMs: 60_000 });
    const { key } = await issueApiKey(counted.store, { role: 'analyst' });
    expect((await verifyApiKey(cache, key)).ok).toBe(true);
    const forged = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifyApiKey(cache, forged)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('keeps unknown ids for the ttl too (issue 19, item 5), apart from known keys; a new key works at once', async () => {
    const counted = countingStore();
    let now = 0;
    const cache = new ApiKeyCache(counted.store, { ttlMs: 5_000, maxEntries: 2, now: () => now });
    const known = (await issueApiKey(counted.store, { role: 'analyst' })).record;
    await cache.getApiKey(known.id);
    for (let i = 0; i < 10; i++) expect(await cache.getApiKey('0123456789ab')).toBeUndefined();
    expect(counted.lookups).toBe(2);
    // A flood of unknown ids pushes no known key out.
    for (let i = 0; i < 20; i++) await cache.getApiKey(`ffff${String(i).padStart(8, '0')}`);
    const before = counted.lookups;
    await cache.getApiKey(known.id);
    expect(counted.lookups).toBe(before);
    // Ids are random: a key made now was never looked up, so it works at once.
    const fresh = (await issueApiKey(counted.store, { role: 'admin' })).record;
    expect((await cache.getApiKey(fresh.id))?.role).toBe('admin');
    now = 5_000;
    await counted.store.createApiKey({ id: '0123456789ab', name: 'n', role: 'admin', secretHash: 'ab'.repeat(32), createdAt: '2026-07-01T00:00:00.000Z' });
    expect((await cache.getApiKey('0123456789ab'))?.role).toBe('admin');
  });

  it('over HTTP: throttled requests cost no key lookup, and a known key keeps its own budget', async () => {
    const h = await startHarness({ api: { rateLimitPerMinute: 50 } });
    try {
      let lookups = 0;
      const getApiKey = h.store.getApiKey.bind(h.store);
      h.store.getApiKey = (id) => {
        lookups++;
        return getApiKey(id);
      };
      // The analyst's key is known to the process before the flood.
      expect((await h.call('GET', '/v1/persons/p000/score', { key: h.keys.analyst })).status).toBe(200);
      lookups = 0;
      const statuses: number[] = [];
      for (let i = 0; i < 300; i++) {
        const id = i.toString(16).padStart(12, '0');
        statuses.push((await h.call('GET', '/v1/persons/p000/score', { key: `tsk_${id}_${'A'.repeat(43)}` })).status);
      }
      // 50 a minute for the address, one of them spent by the analyst's first request (its key
      // was not known yet, so it counted against the address).
      expect(statuses.filter((s) => s === 401).length).toBe(49);
      expect(statuses.filter((s) => s === 429).length).toBe(251);
      expect(lookups).toBe(49);
      // The address is throttled; the known key (right secret) is counted apart and still served,
      // and its id with a wrong secret is counted against the address, not against the key.
      const forged = `${h.keys.analyst.slice(0, -1)}${h.keys.analyst.endsWith('A') ? 'B' : 'A'}`;
      for (let i = 0; i < 20; i++) expect((await h.call('GET', '/v1/persons/p000/score', { key: forged })).status).toBe(429);
      expect((await h.call('GET', '/v1/persons/p000/score', { key: h.keys.analyst })).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('shares one lookup among concurrent requests, and reads on every request with ttl 0', async () => {
    const counted = countingStore();
    const { record } = await issueApiKey(counted.store, { role: 'analyst' });
    const cache = new ApiKeyCache(counted.store, { ttlMs: 1_000 });
    await Promise.all(Array.from({ length: 20 }, () => cache.getApiKey(record.id)));
    expect(counted.lookups).toBe(1);
    const uncached = new ApiKeyCache(counted.store, { ttlMs: 0 });
    for (let i = 0; i < 3; i++) await uncached.getApiKey(record.id);
    expect(counted.lookups).toBe(4);
  });

  it('forgets a failed lookup and holds at most maxEntries keys', async () => {
    const counted = countingStore();
    const cache = new ApiKeyCache(counted.store, { ttlMs: 60_000, maxEntries: 2 });
    const records = await Promise.all([0, 1, 2].map(async () => (await issueApiKey(counted.store, { role: 'analyst' })).record));
    for (const record of records) await cache.getApiKey(record.id);
    expect(counted.lookups).toBe(3);
    await cache.getApiKey(records[2]!.id);
    await cache.getApiKey(records[1]!.id);
    expect(counted.lookups).toBe(3);
    await cache.getApiKey(records[0]!.id); // evicted first
    expect(counted.lookups).toBe(4);

    const failing = new ApiKeyCache({ getApiKey: () => Promise.reject(new Error('down')) }, { ttlMs: 60_000 });
    await expect(failing.getApiKey(records[0]!.id)).rejects.toThrow('down');
    await expect(failing.getApiKey(records[0]!.id)).rejects.toThrow('down');
  });

  it('over HTTP: a key revoked in the store is refused within apiKeyCacheMs', async () => {
    const h = await startHarness({ api: { apiKeyCacheMs: 300 } });
    try {
      const { key, record } = await issueApiKey(h.store, { role: 'analyst' });
      expect((await h.call('GET', '/v1/persons/p000/score', { key })).status).toBe(200);
      await h.store.revokeApiKey(record.id, new Date().toISOString());
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await h.call('GET', '/v1/persons/p000/score', { key })).status).toBe(401);
    } finally {
      await h.close();
    }
  });
});
