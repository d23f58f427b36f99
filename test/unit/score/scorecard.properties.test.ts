// Properties of scorePerson over random persons, events, network values and valid models:
// the scale holds, and the scorecard is monotone in the directions docs/design.md promises.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreditEvent, Person } from '../../../src/domain/records.js';
import { bandOf } from '../../../src/score/bands.js';
import type { Model } from '../../../src/score/model.js';
import { pointsPerUnit, scorePerson, type PersonScore } from '../../../src/score/scorecard.js';
import { AS_OF, anyModelArb, daysBefore, eventArb, eventsArb, networkArb, personArb } from './fixtures.js';

const RUNS = { numRuns: 300 };

interface Case {
  model: Model;
  person: Person;
  events: CreditEvent[];
  network: { network: number | undefined; networkPrior: number };
}
const caseArb: fc.Arbitrary<Case> = fc.record({ model: anyModelArb, person: personArb, events: eventsArb, network: networkArb });

function score(c: Case, changes: Partial<Pick<Case, 'person' | 'events'>> = {}): PersonScore {
  return scorePerson({
    person: changes.person ?? c.person,
    events: changes.events ?? c.events,
    ...c.network,
    asOf: AS_OF,
    model: c.model,
  });
}

/** `events` with `extra` inserted at `at` (insertion order matters to float sums). */
function insert(events: CreditEvent[], extra: CreditEvent, at: number): CreditEvent[] {
  const i = at % (events.length + 1);
  return [...events.slice(0, i), extra, ...events.slice(i)];
}

describe('scorePerson properties', () => {
  it('keeps every score within 350–950, in its band, with at most four reason codes by cost', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const result = score(c);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(350);
        expect(result.score).toBeLessThanOrEqual(950);
        expect(result.exact).toBeGreaterThanOrEqual(350);
        expect(result.exact).toBeLessThanOrEqual(950);
        expect(result.band).toBe(bandOf(result.score).id);
        for (const value of [...Object.values(result.dimensions), result.own]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(result.reasonCodes.length).toBeLessThanOrEqual(4);
        const costs = result.reasonCodes.map((r) => r.cost);
        expect(costs).toEqual([...costs].sort((a, b) => b - a));
        expect(new Set(result.reasonCodes.map((r) => r.code)).size).toBe(result.reasonCodes.length);
        const perUnit = pointsPerUnit(c.model);
        expect(result.exact).toBeCloseTo(350 + perUnit.own * result.own + perUnit.network * result.dimensions.network, 6);
      }),
      RUNS,
    );
  });

  it('never lowers a score for an added on-time repayment', () => {
    fc.assert(
      fc.property(caseArb, eventArb, fc.nat(), (c, extra, at) => {
        const added = insert(c.events, { ...extra, kind: 'repaid_on_time' }, at);
        expect(score(c, { events: added }).exact).toBeGreaterThanOrEqual(score(c).exact);
      }),
      RUNS,
    );
  });

  it('never raises a score for an added default', () => {
    fc.assert(
      fc.property(caseArb, eventArb, fc.nat(), (c, extra, at) => {
        const added = insert(c.events, { ...extra, kind: 'defaulted' }, at);
        expect(score(c, { events: added }).exact).toBeLessThanOrEqual(score(c).exact);
      }),
      RUNS,
    );
  });

  it('is unchanged by an event older than the retention window', () => {
    fc.assert(
      fc.property(caseArb, eventArb, fc.nat(3000), fc.nat(), (c, extra, beyond, at) => {
        const retentionDays = Math.ceil(c.model.history.retentionYears * 365.25);
        const old = { ...extra, at: daysBefore(retentionDays + 1 + beyond) };
        expect(score(c, { events: insert(c.events, old, at) })).toEqual(score(c));
      }),
      RUNS,
    );
  });

  it('is unchanged by birth year or sex', () => {
    fc.assert(
      fc.property(caseArb, personArb, (c, other) => {
        const changed = { ...c.person, birthYear: other.birthYear, sex: other.sex };
        expect(score(c, { person: changed })).toEqual(score(c));
      }),
      RUNS,
    );
  });

  it('never lowers a score for lower debt', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 0, max: 1, noNaN: true }), (c, share) => {
        const lower = { ...c.person, debtMonthly: c.person.debtMonthly! * share };
        expect(score(c, { person: lower }).exact).toBeGreaterThanOrEqual(score(c).exact);
      }),
      RUNS,
    );
  });

  it('never lowers a score for a higher network value', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (c, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const at = (network: number) => score({ ...c, network: { ...c.network, network } }).exact;
        expect(at(high)).toBeGreaterThanOrEqual(at(low));
      }),
      RUNS,
    );
  });
});
