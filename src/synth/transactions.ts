/**
 * Payments of the synthetic population (banner of population.ts, step 6), aggregated per
 * ordered pair: each payer pays a few counterparties — mostly friends, weighted by how much
 * they interact, some merchants (a small set of persons where a few take most of the
 * business) and the odd stranger. A payer's pairs are drawn together, so repeats are dropped
 * locally and the result comes out sorted by (payer, payee) with no global sort.
 */
import type { FriendPairs, TieArrays } from './friendships.js';
import { roundMoney } from './format.js';
import type { SynthParams } from './population.js';
import type { Prng } from '../prng.js';

export interface PaymentArrays {
  from: Int32Array;
  to: Int32Array;
  count: Int32Array;
  amount: Float64Array;
  lastDays: Int32Array;
}

/** Friend adjacency in CSR form (both directions) with each tie's interactions. */
interface FriendCsr {
  offsets: Int32Array;
  neighbours: Int32Array;
  interactions: Int32Array;
}

function friendCsr(n: number, pairs: FriendPairs, ties: TieArrays): FriendCsr {
  const { a, b } = pairs;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < a.length; e++) {
    offsets[a[e]! + 1]!++;
    offsets[b[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, n);
  const neighbours = new Int32Array(2 * a.length);
  const interactions = new Int32Array(2 * a.length);
  for (let e = 0; e < a.length; e++) {
    const x = a[e]!;
    const y = b[e]!;
    const k = ties.interactions[e]!;
    let slot = cursor[x]!++;
    neighbours[slot] = y;
    interactions[slot] = k;
    slot = cursor[y]!++;
    neighbours[slot] = x;
    interactions[slot] = k;
  }
  return { offsets, neighbours, interactions };
}

const PAYEE = { friend: 0, merchant: 1, stranger: 2 } as const;

export function samplePayments(
  n: number,
  pairs: FriendPairs,
  ties: TieArrays,
  accountAgeDays: Int32Array,
  incomeMonthly: Float64Array,
  params: SynthParams,
  rng: Prng,
): PaymentArrays {
  const p = params.transactions;
  const incomeMedian = params.persons.incomeMedian;
  const csr = friendCsr(n, pairs, ties);

  // Merchants: the first M persons of a random permutation (partial Fisher–Yates).
  const merchantCount = Math.max(1, Math.round(p.merchantPopulationShare * n));
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < merchantCount; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const merchants = perm.slice(0, merchantCount);

  let capacity = 4 * n + 16;
  let from = new Int32Array(capacity);
  let to = new Int32Array(capacity);
  let count = new Int32Array(capacity);
  let amount = new Float64Array(capacity);
  let lastDays = new Int32Array(capacity);
  let len = 0;

  const slotTo = new Int32Array(p.maxPayees);
  const slotCount = new Int32Array(p.maxPayees);
  const slotAmount = new Float64Array(p.maxPayees);
  const slotLast = new Int32Array(p.maxPayees);

  for (let i = 0; i < n; i++) {
    if (rng.bernoulli(p.noPayShare)) continue;
    const payees = Math.min(p.maxPayees, Math.floor(rng.pareto(p.payeeScale, p.payeeTail)));
    const lo = csr.offsets[i]!;
    const hi = csr.offsets[i + 1]!;
    let friendWeight = 0;
    for (let s = lo; s < hi; s++) friendWeight += csr.interactions[s]! + 1;
    const incomeFactor = Math.sqrt(incomeMonthly[i]! / incomeMedian);
    let m = 0;
    // A repeat (the same close friend drawn twice) costs a draw, with up to 2k draws for k payees.
    for (let attempt = 0; m < payees && attempt < 2 * payees; attempt++) {
      const r = rng.uniform();
      let kind: number;
      let payee: number;
      let tie = 0;
      if (r < p.friendShare && hi > lo) {
        kind = PAYEE.friend;
        let x = rng.uniform() * friendWeight;
        let s = lo;
        for (; s < hi - 1; s++) {
          x -= csr.interactions[s]! + 1;
          if (x < 0) break;
        }
        payee = csr.neighbours[s]!;
        tie = csr.interactions[s]!;
      } else if (r < p.friendShare + p.merchantShare) {
        kind = PAYEE.merchant;
        payee = merchants[Math.floor(merchantCount * Math.pow(rng.uniform(), p.merchantSkew))]!;
      } else {
        kind = PAYEE.stranger;
        payee = rng.int(n);
      }
      if (payee === i) continue;
      let seen = false;
      for (let q = 0; q < m; q++) {
        if (slotTo[q] === payee) {
          seen = true;
          break;
        }
      }
      if (seen) continue;

      let times: number;
      let ticket: number;
      if (kind === PAYEE.friend) {
        times = 1 + Math.floor(rng.logNormal(p.friendCountMedian * Math.sqrt(1 + tie / 12), p.friendCountSigma));
        ticket = rng.logNormal(p.friendTicket, p.friendTicketSigma);
      } else if (kind === PAYEE.merchant) {
        times = 1 + Math.floor(rng.logNormal(p.merchantCountMedian, p.merchantCountSigma));
        ticket = rng.logNormal(p.merchantTicket, p.merchantTicketSigma);
      } else {
        times = 1 + Math.floor(rng.exponential(p.strangerExtraCountMean));
        ticket = rng.logNormal(p.strangerTicket, p.strangerTicketSigma);
      }
      const life = Math.min(accountAgeDays[i]!, accountAgeDays[payee]!);
      // Insert keeping the payer's slots sorted by payee.
      let q = m++;
      while (q > 0 && slotTo[q - 1]! > payee) {
        slotTo[q] = slotTo[q - 1]!;
        slotCount[q] = slotCount[q - 1]!;
        slotAmount[q] = slotAmount[q - 1]!;
        slotLast[q] = slotLast[q - 1]!;
        q--;
      }
      slotTo[q] = payee;
      slotCount[q] = times;
      slotAmount[q] = Math.max(0.01, roundMoney(times * ticket * incomeFactor));
      slotLast[q] = Math.min(life, Math.floor(rng.exponential(p.lastPaymentSpanDays / times + p.lastPaymentFloorDays)));
    }
    if (len + m > capacity) {
      capacity = Math.ceil((len + m) * 1.5);
      from = grow(from, capacity);
      to = grow(to, capacity);
      count = grow(count, capacity);
      amount = grow(amount, capacity);
      lastDays = grow(lastDays, capacity);
    }
    for (let q = 0; q < m; q++) {
      from[len] = i;
      to[len] = slotTo[q]!;
      count[len] = slotCount[q]!;
      amount[len] = slotAmount[q]!;
      lastDays[len] = slotLast[q]!;
      len++;
    }
  }
  return {
    from: from.slice(0, len),
    to: to.slice(0, len),
    count: count.slice(0, len),
    amount: amount.slice(0, len),
    lastDays: lastDays.slice(0, len),
  };
}

function grow<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
