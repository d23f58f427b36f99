import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, type CreditEvent } from '../../../src/domain/records.js';
import { eventsOf, generatePopulation, personId } from '../../../src/synth/population.js';
import { population } from './fixtures.js';

const N = 20_000;
const pop = population(N, 11);
const all: CreditEvent[][] = Array.from({ length: N }, (_, seq) => eventsOf(pop, seq));

describe('eventsOf', () => {
  it('replays the same list for a person, also from a freshly generated population', () => {
    const again = generatePopulation({ persons: N, seed: 11 });
    for (const seq of [0, 1, 17, 4242, N - 1]) {
      expect(eventsOf(pop, seq)).toEqual(all[seq]);
      expect(eventsOf(again, seq)).toEqual(all[seq]);
    }
  });

  it('numbers events e<seq>-<k> in date order, all active, dated on or before asOf', () => {
    const ids = new Set<string>();
    for (let seq = 0; seq < N; seq++) {
      const events = all[seq]!;
      events.forEach((ev, k) => {
        if (ev.id !== `e${seq}-${k}`) throw new Error(`event ${k} of ${seq}: id ${ev.id}`);
        ids.add(ev.id);
        if (ev.personId !== personId(seq, N)) throw new Error(`${ev.id}: person ${ev.personId}`);
        if (!EVENT_KINDS.includes(ev.kind)) throw new Error(`${ev.id}: kind ${ev.kind}`);
        if (ev.status !== 'active') throw new Error(`${ev.id}: status ${ev.status}`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(ev.at) || ev.at > pop.asOf) throw new Error(`${ev.id}: at ${ev.at}`);
        if (!(ev.amount > 0)) throw new Error(`${ev.id}: amount ${ev.amount}`);
        if (ev.source.length === 0) throw new Error(`${ev.id}: no source`);
        if (ev.until !== undefined && (ev.kind !== 'blacklisted' || ev.until < ev.at)) throw new Error(`${ev.id}: until ${ev.until}`);
        if (k > 0 && events[k - 1]!.at > ev.at) throw new Error(`${ev.id}: out of date order`);
      });
    }
    expect(ids.size).toBe(all.reduce((sum, list) => sum + list.length, 0));
  });

  it('spans several years with every kind, and court listings that end, run on, or never end', () => {
    const kinds = new Map<string, number>();
    let earliest = pop.asOf;
    let expired = 0;
    let running = 0;
    let openEnded = 0;
    for (const ev of all.flat()) {
      kinds.set(ev.kind, (kinds.get(ev.kind) ?? 0) + 1);
      if (ev.at < earliest) earliest = ev.at;
      if (ev.kind !== 'blacklisted') continue;
      if (ev.until === undefined) openEnded++;
      else if (ev.until < pop.asOf) expired++;
      else running++;
      expect(ev.source).toMatch(/^court-\d\d$/);
    }
    for (const kind of EVENT_KINDS) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);
    expect(Number(earliest.slice(0, 4))).toBeLessThanOrEqual(2019);
    expect(kinds.get('repaid_on_time')!).toBeGreaterThan(kinds.get('repaid_late')!);
    expect(kinds.get('repaid_late')!).toBeGreaterThan(kinds.get('defaulted')!);
    expect(kinds.get('defaulted')!).toBeGreaterThan(kinds.get('blacklisted')!);
    expect(expired).toBeGreaterThan(0);
    expect(running).toBeGreaterThan(0);
    expect(openEnded).toBeGreaterThan(0);
  });

  it('leaves 15–25% of persons with a thin file (0 or 1 events)', () => {
    const thin = all.filter((list) => list.length <= 1).length / N;
    expect(thin).toBeGreaterThan(0.15);
    expect(thin).toBeLessThan(0.25);
  });

  it('reads the own latent risk: riskier persons have more late payments and defaults', () => {
    const order = Array.from({ length: N }, (_, i) => i).sort((a, b) => pop.ownRisk[a]! - pop.ownRisk[b]!);
    const badShare = (seqs: number[]): number => {
      let bad = 0;
      let total = 0;
      for (const seq of seqs) {
        for (const ev of all[seq]!) {
          if (ev.kind === 'blacklisted') continue;
          total++;
          if (ev.kind !== 'repaid_on_time') bad++;
        }
      }
      return bad / total;
    };
    const decile = N / 10;
    expect(badShare(order.slice(N - decile))).toBeGreaterThan(2 * badShare(order.slice(0, decile)));
  });

  it('rejects a seq outside the population', () => {
    expect(() => eventsOf(pop, N)).toThrow(/synth\/events: seq/);
    expect(() => eventsOf(pop, -1)).toThrow(/seq/);
  });
});
