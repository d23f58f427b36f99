/**
 * Gaming (docs/design.md, "Hard to game"), end to end: a synthetic population is scored by the
 * recompute pipeline; then an attacker opens K new, unverified accounts with perfect records
 * ("sybils") that befriend and pay a target and each other, and the pipeline runs again. For
 * K = 10, 100 and 1,000 the target's score must move no more than the model allows.
 *
 * The bound (README, "The network dimension", "Gaming resistance"), from src/graph/propagate.ts:
 * with D the target's real contact weight (nominal, before trust), S the sybils' nominal contact
 * weight, t the sybils' trust (unverifiedTrust · age / newAccountDays for new accounts) and
 * s' ≤ 1 the target's credibility, after the attack
 *
 *     n' − μ' = Σ_real s'P'_j (x'_j − μ') + Σ_sybil s'P'_j (x'_j − μ'),
 *     s'·P'_j ≤ s'·w_j/D' = s'·w_j/(D + S),  Σ_real w_j ≤ D,  Σ_sybil w_j ≤ t·S,
 *
 * so n' ∈ [μ' − μ'·B, μ' + (1 − μ')·B] with B = s'·(D + t·S)/(D + S): the attack can only pull
 * the target's network value towards the prior μ' (diluting its real contacts), plus the sybils'
 * own pull, which is at most t ≤ unverifiedTrust. The target's own dimensions do not move, so its
 * score moves by at most 600·w_network·|n' − n| (± 1 for rounding). μ' is the mean own score of
 * the verified persons, so the unverified sybils leave it where it was (checked).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Friendship, Person, Transaction } from '../../../src/domain/records.js';
import type { PersonScore, ScoreRun } from '../../../src/domain/scores.js';
import { explainNetwork } from '../../../src/graph/explain.js';
import { recomputeInline, type InlineRecomputeResult } from '../../../src/jobs/recompute/inline-runner.js';
import { loadModel, type Model } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

const PERSONS = 1000;
const SYBIL_AGE_DAYS = 30;
const SYBIL_CREATED = new Date(Date.parse(`${SYNTH_AS_OF}T00:00:00Z`) - SYBIL_AGE_DAYS * 86_400_000).toISOString().slice(0, 10);
/** Each sybil befriends and pays this many other sybils of its farm (a ring), besides the target. */
const RING = 5;

interface Target {
  id: string;
  seq: number;
  /** Real contact weight D before the attack. */
  degree: number;
  network: number;
  score: PersonScore;
}

/** A farm of sybils for one target, named after it, numbered from `from` to `to − 1`. */
function sybilFarm(target: string, from: number, to: number): { persons: Person[]; friendships: Friendship[]; transactions: Transaction[] } {
  const id = (k: number) => `sybil-${target}-${k}`;
  const persons: Person[] = [];
  const friendships: Friendship[] = [];
  const transactions: Transaction[] = [];
  for (let k = from; k < to; k++) {
    // The best record an attacker can type in; only verification and account age are out of reach.
    persons.push({ id: id(k), verified: false, accountCreated: SYBIL_CREATED, incomeMonthly: 50_000, debtMonthly: 0, assets: 5_000_000, billsOnTimeRatio: 1, activityRegularity: 1, addressChanges: 0 });
    friendships.push({ a: id(k), b: target, since: SYBIL_CREATED, interactions: 365 });
    transactions.push({ from: id(k), to: target, count: 200, amount: 100_000, lastAt: SYNTH_AS_OF });
    for (let r = 1; r <= RING && r < to; r++) {
      const other = (k + r) % to;
      if (other === k) continue;
      friendships.push({ a: id(k), b: id(other), since: SYBIL_CREATED, interactions: 365 });
      transactions.push({ from: id(k), to: id(other), count: 200, amount: 100_000, lastAt: SYNTH_AS_OF });
    }
  }
  return { persons, friendships, transactions };
}

describe('a sybil attack moves the target no more than the model allows', () => {
  let store: MemoryStore;
  let model: Model;
  let baseline: InlineRecomputeResult;
  /** The verified person with contacts whose network value is lowest (an attacker lifts them) and highest (one drags them down). */
  let targets: { low: Target; high: Target };
  let farmSize = 0;

  const scoreOf = async (run: ScoreRun, id: string) => (await store.scoreIn(run, id))!;

  beforeAll(async () => {
    store = new MemoryStore();
    model = await loadModel();
    await loadSyntheticPopulation(store, PERSONS, 7);
    baseline = await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
    const { snapshot, network } = baseline;
    const candidates: { seq: number; network: number }[] = [];
    const persons = await store.personsInSeqRange(0, PERSONS);
    for (const person of persons) {
      const contacts = snapshot.csr.offsets[person.seq + 1]! - snapshot.csr.offsets[person.seq]!;
      if (person.verified && contacts >= 2) candidates.push({ seq: person.seq, network: network.network[person.seq]! });
    }
    candidates.sort((a, b) => a.network - b.network);
    const target = async (seq: number): Promise<Target> => {
      const id = snapshot.ids[seq]!;
      return { id, seq, degree: network.transition.degree[seq]!, network: network.network[seq]!, score: await scoreOf(baseline.run, id) };
    };
    targets = { low: await target(candidates[0]!.seq), high: await target(candidates.at(-1)!.seq) };
    // The two targets sit on either side of the prior, so both directions of the attack are tried.
    expect(targets.low.network).toBeLessThan(network.mu - 0.05);
    expect(targets.high.network).toBeGreaterThan(network.mu + 0.05);
  });

  async function attack(k: number) {
    for (const target of [targets.low, targets.high]) {
      // Farms grow: the accounts of the smaller attack stay, the ring closes over all k.
      const farm = sybilFarm(target.id, 0, k);
      await store.upsertPersons(farm.persons.slice(farmSize));
      await store.upsertFriendships(farm.friendships);
      await store.upsertTransactions(farm.transactions);
    }
    farmSize = k;
    return recomputeInline(store, model, { asOf: SYNTH_AS_OF });
  }

  for (const k of [10, 100, 1000]) {
    it(`K = ${k} sybils per target`, async () => {
      const after = await attack(k);
      const { network, snapshot } = after;
      const params = model.network;
      // The trust the model states for a new unverified account (README), not the code's own trustOf.
      const t = params.unverifiedTrust * Math.min(1, SYBIL_AGE_DAYS / params.newAccountDays);
      const perPoint = 600 * model.weights.network; // 30 points per unit of network value
      const isSybil = (seq: number) => (snapshot.ids[seq] ?? '').startsWith('sybil-');
      for (const target of [targets.low, targets.high]) {
        const before = target.score;
        const now = await scoreOf(after.run, target.id);
        // Befriending and paying touch only the network dimension.
        for (const dimension of ['history', 'behaviour', 'capacity', 'identity'] as const) {
          expect(now.dimensions[dimension]).toBe(before.dimensions[dimension]);
        }
        const seq = target.seq;
        const nAfter = network.network[seq]!;
        const dAfter = network.transition.degree[seq]!;
        const sybilWeight = dAfter - target.degree; // S: the real contacts' weights did not change
        expect(sybilWeight).toBeGreaterThan(0);
        const muAfter = network.mu;
        // The prior counts verified persons only: a farm of unverified accounts cannot move it.
        expect(muAfter).toBeCloseTo(baseline.network.mu, 12);
        // B = s·(D + t·S)/(D + S): the contact average's believed share, times its credibility.
        const reach = (network.transition.shrink[seq]! * (target.degree + t * sybilWeight)) / dAfter;
        expect(nAfter).toBeGreaterThanOrEqual(muAfter - muAfter * reach - 1e-9);
        expect(nAfter).toBeLessThanOrEqual(muAfter + (1 - muAfter) * reach + 1e-9);

        // The sybils between them hold at most t of the contact average, and none more than the cap.
        const why = explainNetwork(snapshot.csr, network, seq, { limit: Infinity });
        const sybils = why.contributions.filter((c) => isSybil(c.contact));
        expect(sybils.length).toBe(k);
        expect(sybils.reduce((sum, c) => sum + c.share, 0)).toBeLessThanOrEqual(t * sybilWeight / dAfter + 1e-12);
        expect(Math.max(...sybils.map((c) => c.share))).toBeLessThanOrEqual(params.perContactCap);

        // The score: 600·w_network·(n' − n), never more than 30 points; ±1 for rounding.
        const largestMove = Math.max(Math.abs(muAfter - muAfter * reach - target.network), Math.abs(muAfter + (1 - muAfter) * reach - target.network));
        const moved = now.score - before.score;
        expect(Math.abs(moved)).toBeLessThanOrEqual(perPoint * largestMove + 1);
        expect(Math.abs(moved)).toBeLessThanOrEqual(perPoint + 1);
        expect(Math.abs(perPoint * (nAfter - target.network))).toBeLessThanOrEqual(perPoint);
      }
    });
  }
});
