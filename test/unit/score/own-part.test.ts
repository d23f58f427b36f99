import { describe, expect, it } from 'vitest';
import { OwnPartsTable } from '../../../src/jobs/recompute/own-parts.js';
import { loadModel, scoreOwnDimensions, scorePerson } from '../../../src/score/index.js';
import { ownPartOf, scoreFromOwnPart } from '../../../src/score/own-part.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

describe('own parts (a score in two halves)', () => {
  it('merged with a network value, equal scorePerson for everyone — also after a trip through the byte table, unknown attributes included', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, 600, 11);
    const persons = await store.personsWithEventsInSeqRange(0, 600);
    const table = OwnPartsTable.empty(model, 600);
    const viaBytes = new OwnPartsTable(model, table.bytes.subarray(100 * 72), 100);
    const mu = 0.55;
    let networkReasons = 0;
    let noInformation = 0;
    for (const [k, { person: stored, events }] of persons.entries()) {
      // Every third person with most attributes unknown, so "No information on …" reasons take the trip too.
      const person = k % 3 === 0 ? { id: stored.id, seq: stored.seq, verified: stored.verified } : stored;
      // Network values across [0, 1], below and above μ, so the network reason code competes.
      const network = (k * 0.6180339887) % 1;
      const part = ownPartOf(scoreOwnDimensions({ person, events, asOf: SYNTH_AS_OF, model }), model);
      table.set(person.seq, part);
      const want = scorePerson({ person, events, asOf: SYNTH_AS_OF, model, network, networkPrior: mu });
      const got = scoreFromOwnPart(part, network, mu, model);
      expect(got).toEqual({ score: want.score, exact: want.exact, band: want.band, dimensions: want.dimensions, reasonCodes: want.reasonCodes });
      if (person.seq >= 100) expect(scoreFromOwnPart(viaBytes.get(person.seq)!, network, mu, model)).toEqual(got);
      if (want.reasonCodes.some((r) => r.dimension === 'network')) networkReasons++;
      noInformation += want.reasonCodes.filter((r) => r.reason.startsWith('No information on ')).length;
    }
    expect(networkReasons).toBeGreaterThan(50);
    expect(noInformation).toBeGreaterThan(50);
    expect(viaBytes.get(99)).toBeUndefined();
    expect(OwnPartsTable.empty(model, 3).get(1)).toBeUndefined();
  });

  it('patched: grown, the emptied seqs holding nobody, the set ones their new parts, the others as they were, the table and earlier patches untouched', async () => {
    const model = await loadModel();
    const store = new MemoryStore();
    await loadSyntheticPopulation(store, 50, 3);
    const table = OwnPartsTable.empty(model, 50);
    for (const { person, events } of await store.personsWithEventsInSeqRange(0, 50)) {
      table.set(person.seq, ownPartOf(scoreOwnDimensions({ person, events, asOf: SYNTH_AS_OF, model }), model));
    }
    const before = Array.from({ length: 50 }, (_, seq) => table.get(seq));
    const patched = table.patched(53, [3, 7, 60]);
    expect(patched.toSeq).toBe(53);
    for (let seq = 0; seq < 53; seq++) {
      if (seq === 3 || seq === 7 || seq >= 50) expect(patched.get(seq)).toBeUndefined();
      else expect(patched.get(seq)).toEqual(table.get(seq));
    }
    patched.set(7, before[4]!);
    patched.set(52, before[5]!);
    expect(patched.get(7)).toEqual(before[4]);
    expect(patched.get(52)).toEqual(before[5]);
    expect(() => patched.set(53, before[5]!)).toThrow(RangeError);
    // Patched again (the next run of a lineage): the earlier patch's parts carried, its own object untouched.
    const again = patched.patched(54, [8]);
    expect([again.toSeq, again.get(7), again.get(52), again.get(3), again.get(8), again.patchedPersons]).toEqual([54, before[4], before[5], undefined, undefined, 5]);
    expect([patched.get(8), patched.patchedPersons]).toEqual([before[8], 4]);
    expect(Array.from({ length: 50 }, (_, seq) => table.get(seq))).toEqual(before);
    expect(table.patched(10, []).toSeq).toBe(50); // never shrinks
  });
});
