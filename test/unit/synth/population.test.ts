import { describe, expect, it } from 'vitest';
import { SEXES } from '../../../src/domain/records.js';
import { DEFAULTS, generatePopulation, personId, personIds } from '../../../src/synth/population.js';
import { correlation, degrees, partialCorrelation, population } from './fixtures.js';

const N = 20_000;
const pop = population(N, 11);
const strong = DEFAULTS.risk.strongTieInteractions;

describe('generatePopulation: shape and determinism', () => {
  it('names persons p + seq padded to the digits of N', () => {
    expect(personId(42, 1_000_000)).toBe('p0000042');
    expect(personId(0, 9)).toBe('p0');
    expect(personId(9, 10)).toBe('p09');
    expect(personIds(3)).toEqual(['p0', 'p1', 'p2']);
  });

  it('holds every per-person array at length N', () => {
    for (const key of [
      'community', 'risk', 'ownRisk', 'networkRisk', 'verified', 'accountAgeDays', 'incomeMonthly', 'debtMonthly',
      'assets', 'billsOnTimeRatio', 'activityRegularity', 'addressChanges', 'birthYear', 'sex', 'defaulted',
    ] as const) {
      expect(pop[key].length, key).toBe(N);
    }
  });

  it('gives the same arrays for the same seed and different ones for another seed', () => {
    const a = generatePopulation({ persons: 3000, seed: 5 });
    const b = generatePopulation({ persons: 3000, seed: 5 });
    const c = generatePopulation({ persons: 3000, seed: 6 });
    for (const key of ['friendA', 'friendB', 'friendInteractions', 'paidTo', 'paidAmount', 'incomeMonthly', 'risk', 'defaulted'] as const) {
      expect(b[key], key).toEqual(a[key]);
    }
    expect(c.incomeMonthly).not.toEqual(a.incomeMonthly);
    expect(c.friendA).not.toEqual(a.friendA);
  });

  it('handles tiny populations', () => {
    const one = generatePopulation({ persons: 1, seed: 1 });
    expect(one.friendA.length).toBe(0);
    expect(one.paidFrom.length).toBe(0);
    const two = generatePopulation({ persons: 2, seed: 1 });
    expect(two.friendA.length).toBeLessThanOrEqual(1);
  });

  it('rejects bad arguments with a message naming the module', () => {
    expect(() => generatePopulation({ persons: 0, seed: 1 })).toThrow(/synth\/population: persons/);
    expect(() => generatePopulation({ persons: 1.5, seed: 1 })).toThrow(/persons/);
    expect(() => generatePopulation({ persons: 10, seed: 0.5 })).toThrow(/seed/);
    expect(() => generatePopulation({ persons: 10, seed: 1, asOf: '2026-02-30' })).toThrow(/asOf/);
  });
});

describe('friendships', () => {
  const deg = degrees(pop);
  const sorted = Array.from(deg).sort((x, y) => x - y);
  const mean = (2 * pop.friendA.length) / N;

  it('lists each undirected pair once, a < b, sorted, between existing persons', () => {
    for (let e = 0; e < pop.friendA.length; e++) {
      const a = pop.friendA[e]!;
      const b = pop.friendB[e]!;
      if (!(a >= 0 && a < b && b < N)) throw new Error(`edge ${e}: ${a}-${b}`);
      if (e > 0) {
        const pa = pop.friendA[e - 1]!;
        const pb = pop.friendB[e - 1]!;
        if (!(pa < a || (pa === a && pb < b))) throw new Error(`edge ${e} out of order or repeated`);
      }
    }
  });

  it('averages about 10 friends with a heavy tail', () => {
    expect(mean).toBeGreaterThan(7);
    expect(mean).toBeLessThan(13);
    const max = sorted[N - 1]!;
    expect(max).toBeGreaterThan(10 * mean);
    expect(sorted[Math.floor(0.99 * N)]!).toBeGreaterThan(3 * sorted[Math.floor(0.5 * N)]!);
    // a few people with no friends at all, mostly new accounts
    const isolated = sorted.filter((d) => d === 0).length;
    expect(isolated).toBeGreaterThan(0);
    expect(isolated / N).toBeLessThan(0.05);
  });

  it('keeps most friendships inside a community (homophily) without splitting the graph', () => {
    let intra = 0;
    for (let e = 0; e < pop.friendA.length; e++) if (pop.community[pop.friendA[e]!] === pop.community[pop.friendB[e]!]) intra++;
    const share = intra / pop.friendA.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.95);
  });

  it('has heavy-tailed community sizes', () => {
    const sizes = new Array<number>(pop.communityCount).fill(0);
    for (const c of pop.community) sizes[c]!++;
    sizes.sort((x, y) => x - y);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(DEFAULTS.communities.minSize);
    expect(sizes[sizes.length - 1]!).toBeGreaterThan(5 * sizes[Math.floor(sizes.length / 2)]!);
  });

  it('dates friendships within both accounts and has a strong-tie core', () => {
    let strongTies = 0;
    for (let e = 0; e < pop.friendA.length; e++) {
      const life = Math.min(pop.accountAgeDays[pop.friendA[e]!]!, pop.accountAgeDays[pop.friendB[e]!]!);
      const since = pop.friendSinceDays[e]!;
      if (since < 0 || since > life) throw new Error(`edge ${e}: since ${since} outside 0..${life}`);
      if (pop.friendInteractions[e]! < 0) throw new Error(`edge ${e}: negative interactions`);
      if (pop.friendInteractions[e]! >= strong) strongTies++;
    }
    const share = strongTies / pop.friendA.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.5);
  });
});

describe('transactions', () => {
  const friends = new Set<number>();
  for (let e = 0; e < pop.friendA.length; e++) friends.add(pop.friendA[e]! * N + pop.friendB[e]!);

  it('lists each ordered pair once, sorted, with a positive count and amount', () => {
    for (let e = 0; e < pop.paidFrom.length; e++) {
      const from = pop.paidFrom[e]!;
      const to = pop.paidTo[e]!;
      if (from === to || from < 0 || to < 0 || from >= N || to >= N) throw new Error(`payment ${e}: ${from}->${to}`);
      if (e > 0) {
        const pf = pop.paidFrom[e - 1]!;
        const pt = pop.paidTo[e - 1]!;
        if (!(pf < from || (pf === from && pt < to))) throw new Error(`payment ${e} out of order or repeated`);
      }
      if (pop.paidCount[e]! < 1 || !(pop.paidAmount[e]! > 0)) throw new Error(`payment ${e}: count/amount`);
      const life = Math.min(pop.accountAgeDays[from]!, pop.accountAgeDays[to]!);
      if (pop.paidLastDays[e]! < 0 || pop.paidLastDays[e]! > life) throw new Error(`payment ${e}: last ${pop.paidLastDays[e]}`);
    }
  });

  it('goes mostly to friends, on a few counterparties each, with heavy-tailed counts', () => {
    let toFriends = 0;
    const payees = new Map<number, number>();
    for (let e = 0; e < pop.paidFrom.length; e++) {
      const a = pop.paidFrom[e]!;
      const b = pop.paidTo[e]!;
      if (friends.has(Math.min(a, b) * N + Math.max(a, b))) toFriends++;
      payees.set(a, (payees.get(a) ?? 0) + 1);
    }
    expect(toFriends / pop.paidFrom.length).toBeGreaterThan(0.5);
    const perPayer = pop.paidFrom.length / payees.size;
    expect(perPayer).toBeGreaterThan(1.5);
    expect(perPayer).toBeLessThan(6);
    const counts = Array.from(pop.paidCount).sort((x, y) => x - y);
    expect(counts[counts.length - 1]!).toBeGreaterThan(20 * counts[Math.floor(counts.length / 2)]!);
    // merchants: a handful of payees receive from many payers
    const inDegree = new Map<number, number>();
    for (const b of pop.paidTo) inDegree.set(b, (inDegree.get(b) ?? 0) + 1);
    expect(Math.max(...inDegree.values())).toBeGreaterThan(100);
  });
});

describe('persons', () => {
  it('has 5–10% unverified and some very new accounts', () => {
    let unverified = 0;
    let under90 = 0;
    let under30 = 0;
    for (let i = 0; i < N; i++) {
      if (!pop.verified[i]) unverified++;
      if (pop.accountAgeDays[i]! < 90) under90++;
      if (pop.accountAgeDays[i]! < 30) under30++;
    }
    expect(unverified / N).toBeGreaterThan(0.05);
    expect(unverified / N).toBeLessThan(0.1);
    expect(under90 / N).toBeGreaterThan(0.02);
    expect(under30).toBeGreaterThan(0);
  });

  it('keeps features in their ranges and adults only', () => {
    const year = 2026;
    for (let i = 0; i < N; i++) {
      const ok =
        pop.incomeMonthly[i]! > 0 &&
        pop.debtMonthly[i]! >= 0 &&
        pop.assets[i]! >= 0 &&
        pop.billsOnTimeRatio[i]! >= 0 &&
        pop.billsOnTimeRatio[i]! <= 1 &&
        pop.activityRegularity[i]! >= 0 &&
        pop.activityRegularity[i]! <= 1 &&
        pop.addressChanges[i]! >= 0 &&
        pop.birthYear[i]! <= year - 18 &&
        pop.birthYear[i]! >= year - 90 &&
        pop.sex[i]! < SEXES.length &&
        pop.accountAgeDays[i]! >= 0 &&
        pop.accountAgeDays[i]! <= 365 * (year - pop.birthYear[i]! - 17);
      if (!ok) throw new Error(`person ${i} out of range`);
    }
  });

  it('makes own features read the own latent risk but not the network term', () => {
    expect(correlation(pop.billsOnTimeRatio, pop.ownRisk)).toBeLessThan(-0.4);
    const debtRatio = Array.from(pop.debtMonthly, (d, i) => d / pop.incomeMonthly[i]!);
    expect(correlation(debtRatio, pop.ownRisk)).toBeGreaterThan(0.2);
    // n_i enters no own feature: no link once the own latent risk is accounted for
    expect(Math.abs(partialCorrelation(pop.billsOnTimeRatio, pop.networkRisk, pop.ownRisk))).toBeLessThan(0.03);
    expect(Math.abs(partialCorrelation(debtRatio, pop.networkRisk, pop.ownRisk))).toBeLessThan(0.03);
  });

  it('leaves sex out of risk', () => {
    const rate = (s: number): number => {
      let d = 0;
      let c = 0;
      for (let i = 0; i < N; i++) {
        if (pop.sex[i] !== s) continue;
        c++;
        d += pop.defaulted[i]!;
      }
      return d / c;
    };
    expect(Math.abs(rate(0) - rate(1))).toBeLessThan(0.015);
  });
});

describe('risk and outcomes', () => {
  it('has a default rate near the base rate', () => {
    let d = 0;
    for (const x of pop.defaulted) d += x;
    expect(d / N).toBeGreaterThan(0.05);
    expect(d / N).toBeLessThan(0.08);
  });

  it('is contagious: a defaulted strong tie raises the default rate', () => {
    const exposed = new Uint8Array(N);
    for (let e = 0; e < pop.friendA.length; e++) {
      if (pop.friendInteractions[e]! < strong) continue;
      const a = pop.friendA[e]!;
      const b = pop.friendB[e]!;
      if (pop.defaulted[b]) exposed[a] = 1;
      if (pop.defaulted[a]) exposed[b] = 1;
    }
    let dWith = 0;
    let nWith = 0;
    let dWithout = 0;
    let nWithout = 0;
    for (let i = 0; i < N; i++) {
      if (exposed[i]) {
        nWith++;
        dWith += pop.defaulted[i]!;
      } else {
        nWithout++;
        dWithout += pop.defaulted[i]!;
      }
    }
    expect(nWith).toBeGreaterThan(500);
    expect(dWith / nWith).toBeGreaterThan(1.5 * (dWithout / nWithout));
  });

  it('carries a default signal visible only through the network', () => {
    // Beyond the own latent risk (the most any own-feature score could know), the strong-tie
    // term still predicts the outcome...
    expect(partialCorrelation(pop.defaulted, pop.networkRisk, pop.ownRisk)).toBeGreaterThan(0.05);
    // ...and it is recoverable from contacts' visible features: their bills-on-time ratio.
    const num = new Float64Array(N);
    const den = new Float64Array(N);
    for (let e = 0; e < pop.friendA.length; e++) {
      const a = pop.friendA[e]!;
      const b = pop.friendB[e]!;
      const w = Math.log1p(pop.friendInteractions[e]!);
      num[a]! += w * pop.billsOnTimeRatio[b]!;
      den[a]! += w;
      num[b]! += w * pop.billsOnTimeRatio[a]!;
      den[b]! += w;
    }
    const contactsBills = Array.from(num, (x, i) => (den[i]! > 0 ? x / den[i]! : 0.95));
    expect(correlation(contactsBills, pop.networkRisk)).toBeLessThan(-0.3);
    expect(partialCorrelation(pop.defaulted, contactsBills, pop.billsOnTimeRatio)).toBeLessThan(-0.03);
  });
});
