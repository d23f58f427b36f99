// ComposedStore: an adapter built from one part per port has every Store method, each bound to
// the part that serves it, replaceable on an instance, and refuses a part that lacks a method.
import { describe, expect, it } from 'vitest';
import { ComposedStore, type StoreParts } from '../../../src/store/compose.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { person } from '../../contract/store-contract.js';

describe('ComposedStore', () => {
  it('binds each method to its part: a method taken off the store still works', async () => {
    const store = new MemoryStore();
    const { upsertPersons, getPerson, friendshipBatches } = store;
    await upsertPersons([person('a'), person('b')]);
    expect((await getPerson('b'))?.seq).toBe(1);
    const batches: unknown[] = [];
    for await (const batch of friendshipBatches(10)) batches.push(batch);
    expect(batches).toEqual([]);
  });

  it('gives each instance its own parts', async () => {
    const one = new MemoryStore();
    const two = new MemoryStore();
    await one.upsertPersons([person('a')]);
    expect(await one.seqBound()).toBe(1);
    expect(await two.seqBound()).toBe(0);
  });

  it('lets a test replace one method on one instance', async () => {
    const store = new MemoryStore();
    store.getApiKey = async () => undefined;
    await expect(store.getApiKey('k')).resolves.toBeUndefined();
    expect(new MemoryStore().getApiKey).not.toBe(store.getApiKey);
  });

  it('refuses a part without a method of its port (a part the compiler did not check)', () => {
    const store = new MemoryStore();
    const parts = Object.fromEntries(
      ['persons', 'edges', 'events', 'runs', 'scores', 'reports', 'disputes', 'consents', 'accessLog', 'apiKeys', 'scoreExports', 'privacy', 'lifecycle'].map((port) => [port, store]),
    ) as unknown as StoreParts;
    expect(() => new ComposedStore(parts)).not.toThrow();
    const persons = { upsertPersons: store.upsertPersons } as unknown as StoreParts['persons'];
    expect(() => new ComposedStore({ ...parts, persons })).toThrow('store: the persons part has no method getPerson');
  });
});
