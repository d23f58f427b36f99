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

  it('copied for a patch: grown, the emptied seqs holding nobody, the others as they were, the original untouched', async () => {
    const model = await loadModel();
    const store = new MemoryStore();
    await loadSyntheticPopulation(store, 50, 3);
    const table = OwnPartsTable.empty(model, 50);
    for (const { person, events } of await store.personsWithEventsInSeqRange(0, 50)) {
      table.set(person.seq, ownPartOf(scoreOwnDimensions({ person, events, asOf: SYNTH_AS_OF, model }), model));
    }
    const copy = table.patchedCopy(53, [3, 7, 60]);
    expect(copy.toSeq).toBe(53);
    for (let seq = 0; seq < 53; seq++) {
      if (seq === 3 || seq === 7 || seq >= 50) expect(copy.get(seq)).toBeUndefined();
      else expect(copy.get(seq)).toEqual(table.get(seq));
    }
    expect(table.get(3)).toBeDefined();
    expect(table.patchedCopy(10, []).toSeq).toBe(50); // never shrinks
  });
});
