// Properties of unknown person attributes (issue 17) over random persons, events, network values
// and valid models: an unknown value scores between the worst and the best bin, and filling it in
// with a value that earns at least the missing points never lowers the score (nor raises it with
// one that earns less).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreditEvent, Person } from '../../../src/domain/records.js';
import { maxPointsOf, minPointsOf, missingPointsOf, type Model } from '../../../src/score/model.js';
import { PERSONAL_DIMENSIONS } from '../../../src/score/measures.js';
import { scorePerson, type PersonScore } from '../../../src/score/scorecard.js';
import { AS_OF, anyModelArb, eventsArb, networkArb, personArb } from './fixtures.js';

const RUNS = { numRuns: 300 };
const ATTRIBUTES = ['verified', 'accountCreated', 'incomeMonthly', 'debtMonthly', 'assets', 'billsOnTimeRatio', 'activityRegularity', 'addressChanges'] as const;
type Attribute = (typeof ATTRIBUTES)[number];

interface Case {
  model: Model;
  person: Person;
  events: CreditEvent[];
  network: { network: number | undefined; networkPrior: number };
  unknown: Attribute[];
}
const caseArb: fc.Arbitrary<Case> = fc.record({
  model: anyModelArb,
  person: personArb,
  events: eventsArb,
  network: networkArb,
  unknown: fc.subarray([...ATTRIBUTES], { minLength: 1 }),
});

function without(person: Person, unknown: readonly Attribute[]): Person {
  const copy: Person = { ...person };
  for (const attribute of unknown) delete copy[attribute];
  return copy;
}

function score(c: Case, person: Person): PersonScore {
  return scorePerson({ person, events: c.events, ...c.network, asOf: AS_OF, model: c.model });
}

/** The worst and the best value of each attribute whose feature reads it alone. */
const EXTREMES: Partial<Record<Attribute, [worst: unknown, best: unknown]>> = {
  verified: [false, true],
  accountCreated: [AS_OF, '1900-01-01'],
  billsOnTimeRatio: [0, 1],
  activityRegularity: [0, 1],
  addressChanges: [1_000_000, 0],
};

describe('unknown attributes', () => {
  it('earn each affected feature its missing points, between the worst and the best bin', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const scored = score(c, without(c.person, c.unknown));
        for (const dimension of PERSONAL_DIMENSIONS) {
          c.model.features[dimension].forEach((feature, i) => {
            const row = scored.features[dimension][i]!;
            if (!row.missing) return;
            expect(row.value).toBeUndefined();
            expect(row.points).toBe(missingPointsOf(feature));
            expect(row.points).toBeGreaterThanOrEqual(minPointsOf(feature));
            expect(row.points).toBeLessThanOrEqual(maxPointsOf(feature));
            expect(row.reason).toMatch(/^No information on /);
          });
        }
      }),
      RUNS,
    );
  });

  it('score an unknown value between the score of the worst and of the best value', () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...(Object.keys(EXTREMES) as Attribute[])), (c, attribute) => {
        const [worst, best] = EXTREMES[attribute]!;
        const unknown = score(c, without(c.person, [attribute])).exact;
        const low = score(c, { ...c.person, [attribute]: worst }).exact;
        const high = score(c, { ...c.person, [attribute]: best }).exact;
        expect(unknown).toBeGreaterThanOrEqual(low - 1e-9);
        expect(unknown).toBeLessThanOrEqual(high + 1e-9);
      }),
      RUNS,
    );
  });

  it('filling unknown values with ones that earn at least the missing points never lowers the score', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const missing = score(c, without(c.person, c.unknown));
        const filled = score(c, c.person);
        let better = true;
        let worse = true;
        for (const dimension of PERSONAL_DIMENSIONS) {
          filled.features[dimension].forEach((row, i) => {
            const before = missing.features[dimension][i]!.points;
            if (row.points < before) better = false;
            if (row.points > before) worse = false;
          });
        }
        if (better) expect(filled.exact).toBeGreaterThanOrEqual(missing.exact - 1e-9);
        if (worse) expect(filled.exact).toBeLessThanOrEqual(missing.exact + 1e-9);
        // Only the features whose inputs were unknown may differ.
        if (!c.unknown.some((a) => ['incomeMonthly', 'debtMonthly', 'assets'].includes(a))) {
          expect(filled.dimensions.capacity).toBe(missing.dimensions.capacity);
        }
      }),
      RUNS,
    );
  });

  it('with every attribute unknown, the score depends only on the records and the network', () => {
    fc.assert(
      fc.property(caseArb, personArb, (c, other) => {
        const a = score(c, without(c.person, ATTRIBUTES));
        const b = score(c, without({ ...other, id: c.person.id }, ATTRIBUTES));
        expect(b.exact).toBe(a.exact);
        expect(b.reasonCodes).toEqual(a.reasonCodes);
      }),
      RUNS,
    );
  });
});
