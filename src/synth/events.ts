/**
 * Credit events of one synthetic person (banner of population.ts, step 7), replayed on demand
 * from the person's own stream seeded by (seed, seq): a million persons' events never need to
 * be in memory at once, and any one person's list is the same on every call.
 */
import type { CreditEvent, EventKind } from '../domain/records.js';
import { roundMoney } from './format.js';
import type { SyntheticPopulation } from './population.js';
import { personId } from './ids.js';
import { Prng } from '../prng.js';
import { STREAMS } from './streams.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

interface Draft {
  daysAgo: number;
  kind: EventKind;
  amount: number;
  source: string;
  /** Days before asOf the blacklisting ends (negative: in the future); undefined: open-ended. */
  untilDaysAgo: number | undefined;
}

const pad2 = (k: number): string => (k < 10 ? `0${k}` : String(k));

export function eventsOf(pop: SyntheticPopulation, seq: number): CreditEvent[] {
  if (!Number.isInteger(seq) || seq < 0 || seq >= pop.persons) {
    throw new Error(`synth/events: seq must be in 0..${pop.persons - 1}, got ${seq}`);
  }
  const p = pop.params.events;
  const rng = new Prng(pop.seed, STREAMS.events, seq);
  const own = pop.ownRisk[seq]!;
  const income = pop.incomeMonthly[seq]!;
  const age = pop.dates.year - pop.birthYear[seq]!;

  const rate = rng.bernoulli(p.invisibleShare) ? p.invisibleRate : rng.logNormal(p.rateMedian, p.rateSigma);
  const years = Math.min(p.maxHistoryYears, Math.max(0, age - 18 + rng.uniform()));
  const historyDays = Math.floor(years * 365);
  const k = Math.min(p.maxEvents, rng.poisson(rate * years));
  if (k === 0) return [];

  const pDefault = sigmoid(p.defaultIntercept + p.defaultSlope * own);
  const pLate = sigmoid(p.lateIntercept + p.lateSlope * own);
  const drafts: Draft[] = [];
  for (let j = 0; j < k; j++) {
    const daysAgo = rng.int(historyDays + 1);
    const amount = Math.max(0.01, roundMoney(income * rng.logNormal(p.amountIncomeMultiple, p.amountSigma)));
    const source = `lender-${pad2(1 + rng.int(p.lenders))}`;
    const u = rng.uniform();
    const kind: EventKind = u < pDefault ? 'defaulted' : u < pDefault + (1 - pDefault) * pLate ? 'repaid_late' : 'repaid_on_time';
    drafts.push({ daysAgo, kind, amount, source, untilDaysAgo: undefined });
    if (kind === 'defaulted' && rng.bernoulli(p.blacklistShare)) {
      const listedAgo = daysAgo - (p.listingMinDelayDays + rng.int(p.listingMaxDelayDays - p.listingMinDelayDays + 1));
      const openEnded = rng.bernoulli(p.openEndedShare);
      const years = 1 + rng.int(p.listingMaxYears);
      const court = `court-${pad2(1 + rng.int(p.courts))}`;
      if (listedAgo >= 0) {
        drafts.push({
          daysAgo: listedAgo,
          kind: 'blacklisted',
          amount,
          source: court,
          untilDaysAgo: openEnded ? undefined : listedAgo - 365 * years,
        });
      }
    }
  }
  // Oldest first; the sort is stable, so same-day events keep their draw order.
  drafts.sort((x, y) => y.daysAgo - x.daysAgo);

  const id = personId(seq, pop.persons);
  const events: CreditEvent[] = new Array<CreditEvent>(drafts.length);
  for (let j = 0; j < drafts.length; j++) {
    const d = drafts[j]!;
    events[j] = {
      id: `e${seq}-${j}`,
      personId: id,
      kind: d.kind,
      at: pop.dates.label(d.daysAgo),
      amount: d.amount,
      source: d.source,
      until: d.untilDaysAgo === undefined ? undefined : pop.dates.label(d.untilDaysAgo),
      status: 'active',
    };
  }
  return events;
}
