/**
 * The deterministic synthetic population: persons, friendships, payments, credit events and
 * next-year default outcomes, for demos, tests and benchmarks of the network dimension.
 * Everything lives in typed arrays indexed by person seq 0..N−1 (no per-person objects), so a
 * million persons fit in a few hundred MB. Same (persons, seed, asOf, params) → same arrays,
 * on every run and platform (one PRNG, src/prng.ts; no clock, no Math.random).
 *
 * Generative model (every constant is in DEFAULTS below; σ(x) = 1/(1+e^−x), ε ~ N(0,1) fresh
 * for each use):
 *
 * 1. Communities — planted partition with heavy-tailed sizes: s_c ~ Pareto(sMin = 40,
 *    tail 1.5), capped at 10% of N, drawn until they cover N; members by a random
 *    permutation. Community effect c_k ~ N(0, 1).
 * 2. Persons. Age A = 18 + Gamma(2, 11) years (≤ 90); birth year = year(asOf) − ⌊A⌋; sex
 *    F/M/X with 49.5/49.5/1% — both independent of risk. Account age: 5% new (< 90 days),
 *    else 90 + (D − 90)·u^1.6 days, D = min(4000, 365·(A − 18)).
 *    Own latent risk  o_i = √(1−ω)·z_i + √ω·c_k(i),  z_i ~ N(0,1), ω = 0.25  (unit variance).
 *    Features read o_i through noise:
 *      income   = 2800·exp(0.55ε − 0.12·o + 0.15 − 0.00035·(A−50)²)
 *      debt     = income·σ(−1.5 + 0.55·o + 0.6ε), none with p 0.22
 *      assets   = income·exp(ln 4 + 0.03·(A−18) + ε − 0.35·o), none with p σ(−1.8 + 0.5·o)
 *      bills on time = 1 − σ(−3.2 + 0.9·o + 0.7ε)
 *      activity regularity = min(σ(1.6 − 0.45·o + 0.9ε), months active / 12)
 *      address changes ~ Poisson(0.25 + 1.2·e^{−(A−18)/10})   (age only: no risk signal)
 *      unverified with p (4% + 30%·[account < 90 days])·e^{0.25·o}
 * 3. Friendships — degree-corrected planted partition sampled Chung–Lu style (F. Chung &
 *    L. Lu, "Connected components in random graphs with given expected degree sequences",
 *    2002; B. Karrer & M. Newman, "Stochastic blockmodels and community structure in
 *    networks", 2011). Expected degree w_i = Pareto(1, 2.5)·(0.15 + 0.85·min(1, age/365))
 *    (×0.6 if unverified), capped at 2500 and rescaled to mean d̄ = 10. Split
 *    w_i = win_i + wout_i with win_i = min(μ·w_i, φ·(s_c − 1)), μ = 0.8, φ = 0.5. Draw ΣW/2
 *    pairs: with probability ΣWin/ΣW an intra pair (community ∝ Win_c, both ends ∝ win inside
 *    it), else both ends ∝ wout over everybody. Self-pairs and duplicates are dropped and the
 *    deficit topped up by more draws of the same mixture.
 *    Tie: interactions = ⌊LogNormal(m·h, 1.0)⌋ per year, m = 8 within a community and 3
 *    across, h = (15 / max(15, deg_a, deg_b))^0.4 (hubs spread their attention thin);
 *    since = min(age_a, age_b)·u^0.8 days ago. A strong tie has ≥ 12 interactions a year.
 * 4. Hidden risk. Contagion along strong ties, with s_ij = ln(1 + interactions_ij):
 *        n_i = Σ_j s_ij·o_j / (Σ_j s_ij + κ),   κ = 2.5
 *        r_i = standardise(o_i + γ·n_i + λ·η_i),   γ = 1.0, λ = 0.35, η_i ~ N(0,1)
 *    n_i enters none of i's own features or events: it is visible only through i's contacts,
 *    whose features read o_j. A network dimension that averages contacts' own scores can
 *    recover it; one that ignores the graph cannot. η is luck nobody can see.
 * 5. Outcome in the year after asOf: defaulted_i ~ Bernoulli(σ(β0 + β1·r_i)), β1 = 1.4 and β0
 *    solved by bisection so that the expected rate is the base rate, 6.5%.
 * 6. Payments. Payee count k = ⌊Pareto(1.5, 1.7)⌋ ≤ 60 (8% pay nobody). Each payee is a
 *    friend (∝ interactions + 1) with p 0.75, a merchant (0.2% of persons, picked
 *    ⌊M·u³⌋ so a few take most) with p 0.18, else a stranger; a repeat is redrawn. Count
 *    1 + ⌊LogNormal⌋ (friends: median 2·√(1 + interactions/12); merchants 3, σ 1.3; strangers
 *    1 + ⌊Exp(0.4)⌋); amount = count × LogNormal ticket × √(income/2800); last payment
 *    Exp(365/count + 7) days ago, within both accounts' lives.
 * 7. Credit events, per person from a stream seeded by (seed, seq), so `eventsOf` replays one
 *    person alone: history Y = min(8, A − 18 + u) years, activity ρ ~ LogNormal(0.7/yr, 0.7)
 *    (10% nearly credit-invisible: 0.03/yr), K ~ Poisson(ρ·Y) ≤ 60 events at uniform dates.
 *    Each is `defaulted` with p σ(−4.3 + 1.2·o), else `repaid_late` with σ(−2.1 + 0.9·o),
 *    else `repaid_on_time`; amount = income·LogNormal(1.2, 0.9). A default brings a court
 *    blacklisting with p 0.15, 30–360 days later, ending 1–5 years on (20% open-ended).
 */
import type { CreditEvent } from '../domain/records.js';
import { planCommunities } from './communities.js';
import { DateLabels } from './dates.js';
import { drawPersons, type PersonArrays } from './person-features.js';
import { Prng } from '../prng.js';
import { STREAMS } from './streams.js';
import { contagion, drawOutcomes, hiddenRisk } from './risk.js';
import { drawTies, expectedDegrees, sampleFriendPairs } from './friendships.js';
import { samplePayments } from './transactions.js';
import { eventsOf as eventsOfPerson } from './events.js';

export { personId, personIds } from './ids.js';

const defaults = {
  communities: {
    /** Smallest community (Pareto scale). */
    minSize: 40,
    /** Pareto tail index of community sizes (smaller = heavier tail). */
    tailIndex: 1.5,
    /** Largest community as a share of N. */
    maxShare: 0.1,
    /** Share ω of own-risk variance that is the community effect. */
    effectShare: 0.25,
  },
  persons: {
    /** Gamma(shape 2, scale) years added to 18 for the age. */
    ageScaleYears: 11,
    maxAgeYears: 90,
    /** Shares of F, M (X is the rest); indices into SEXES. */
    femaleShare: 0.495,
    maleShare: 0.495,
    newAccountShare: 0.05,
    newAccountDays: 90,
    maxAccountDays: 4000,
    /** Exponent on u of the established account age (> 1: more recent accounts). */
    accountAgeSkew: 1.6,
    unverifiedBase: 0.04,
    unverifiedNewAccount: 0.3,
    unverifiedRiskSlope: 0.25,
    incomeMedian: 2800,
    incomeSigma: 0.55,
    incomeRiskSlope: 0.12,
    /** Log-income age curve: peak − curvature·(A − peakAge)². */
    incomeAgePeak: 0.15,
    incomePeakAge: 50,
    incomeAgeCurvature: 0.00035,
    noDebtShare: 0.22,
    /** Debt ratio σ(intercept + slope·o + noise·ε). */
    debtIntercept: -1.5,
    debtRiskSlope: 0.55,
    debtNoise: 0.6,
    /** No assets with p σ(intercept + slope·o). */
    noAssetsIntercept: -1.8,
    noAssetsRiskSlope: 0.5,
    /** Assets in months of income: exp(ln months + ageSlope·(A − 18) + noise·ε − riskSlope·o). */
    assetsMonths: 4,
    assetsAgeSlope: 0.03,
    assetsNoise: 1,
    assetsRiskSlope: 0.35,
    /** Late share of bills σ(intercept + slope·o + noise·ε). */
    billsLateIntercept: -3.2,
    billsLateRiskSlope: 0.9,
    billsLateNoise: 0.7,
    /** Activity regularity σ(intercept − slope·o + noise·ε). */
    regularityIntercept: 1.6,
    regularityRiskSlope: 0.45,
    regularityNoise: 0.9,
    /** Address changes ~ Poisson(base + young·e^{−(A−18)/decay}). */
    addressChangesBase: 0.25,
    addressChangesYoung: 1.2,
    addressChangesDecayYears: 10,
  },
  friendships: {
    meanDegree: 10,
    /** Pareto tail index of expected degrees (2.5: finite mean, infinite-ish variance). */
    degreeTail: 2.5,
    maxDegree: 2500,
    /** Share μ of a person's ties meant to be inside their community. */
    intraShare: 0.8,
    /** Intra weight cap as a share φ of the other community members. */
    intraCapShare: 0.5,
    /** Expected-degree factor for unverified accounts. */
    unverifiedDegreeFactor: 0.6,
    intraInteractionsMedian: 8,
    interInteractionsMedian: 3,
    interactionsSigma: 1,
    hubDegree: 15,
    hubDamping: 0.4,
    /** Exponent on u of the friendship's age as a share of the younger account's age. */
    sinceSkew: 0.8,
  },
  risk: {
    /** Interactions a year that make a tie strong (contagion flows only through these). */
    strongTieInteractions: 12,
    /** Contagion weight γ of the strong-tie average. */
    contagion: 1,
    /** Shrinkage κ of the strong-tie average (in units of ln(1 + interactions)). */
    contagionShrinkage: 2.5,
    /** Weight λ of pure luck. */
    luck: 0.35,
    /** Slope β1 of the default log-odds on standardised risk. */
    outcomeSlope: 1.4,
    /** Expected share of persons who default in the year after asOf. */
    baseRate: 0.065,
  },
  transactions: {
    noPayShare: 0.08,
    payeeScale: 1.5,
    payeeTail: 1.7,
    maxPayees: 60,
    friendShare: 0.75,
    merchantShare: 0.18,
    /** Share of persons who act as merchants. */
    merchantPopulationShare: 0.002,
    /** Exponent of the Zipf-like merchant pick ⌊M·u^k⌋. */
    merchantSkew: 3,
    /** Payments to a friend: 1 + ⌊LogNormal(median·√(1 + interactions/12), σ)⌋. */
    friendCountMedian: 2,
    friendCountSigma: 1,
    friendTicket: 30,
    friendTicketSigma: 0.9,
    merchantCountMedian: 3,
    merchantCountSigma: 1.3,
    merchantTicket: 22,
    merchantTicketSigma: 1,
    /** Payments to a stranger: 1 + ⌊Exp(mean)⌋. */
    strangerExtraCountMean: 0.4,
    strangerTicket: 50,
    strangerTicketSigma: 1.1,
    /** Days since the last payment ~ Exp(spanDays/count + floorDays). */
    lastPaymentSpanDays: 365,
    lastPaymentFloorDays: 7,
  },
  events: {
    maxHistoryYears: 8,
    invisibleShare: 0.1,
    invisibleRate: 0.03,
    rateMedian: 0.7,
    rateSigma: 0.7,
    maxEvents: 60,
    defaultIntercept: -4.3,
    defaultSlope: 1.2,
    lateIntercept: -2.1,
    lateSlope: 0.9,
    /** Amount = income·LogNormal(multiple, σ). */
    amountIncomeMultiple: 1.2,
    amountSigma: 0.9,
    blacklistShare: 0.15,
    /** A court listing starts minDelay..maxDelay days after the default and lasts 1..maxYears. */
    listingMinDelayDays: 30,
    listingMaxDelayDays: 360,
    listingMaxYears: 5,
    openEndedShare: 0.2,
    lenders: 40,
    courts: 12,
  },
};

/** Parameters of the generative model (see the banner); `DEFAULTS` holds the shipped values. */
export type SynthParams = typeof defaults;
export const DEFAULTS: Readonly<SynthParams> = Object.freeze(defaults);
for (const section of Object.values(defaults)) Object.freeze(section);

export interface GenerateOptions {
  /** Number of persons N ≥ 1. */
  persons: number;
  /** Any safe integer. */
  seed: number;
  /** Reference date `YYYY-MM-DD`: every date is at most this (except blacklist ends). */
  asOf?: string;
  /** Model parameters; DEFAULTS when omitted. */
  params?: SynthParams;
  /** Called as each generation phase starts (for progress display). */
  onPhase?: (phase: string) => void;
}

/**
 * A generated population: per-person arrays indexed by seq (PersonArrays: ownRisk — the hidden
 * own latent risk o_i that i's own features and events read — the features, and the protected
 * attributes, `sex` as an index into SEXES), per-edge arrays indexed by edge.
 */
export interface SyntheticPopulation extends PersonArrays {
  persons: number;
  seed: number;
  asOf: string;
  params: SynthParams;
  /** `YYYY-MM-DD` labels of day ages before asOf. */
  dates: DateLabels;

  // ---- per person (length N)
  /** Community index 0..communityCount−1 (hidden: not written to the files). */
  community: Int32Array;
  communityCount: number;
  /** Hidden standardised risk r_i driving the outcome. */
  risk: Float64Array;
  /** Hidden strong-tie contagion term n_i: visible only through i's contacts. */
  networkRisk: Float64Array;
  /** 1 if the person defaults in the year after asOf. */
  defaulted: Uint8Array;

  // ---- friendships (each undirected pair once, friendA < friendB, sorted)
  friendA: Int32Array;
  friendB: Int32Array;
  /** Age of the friendship in days before asOf. */
  friendSinceDays: Int32Array;
  /** Interactions in the last 12 months. */
  friendInteractions: Int32Array;

  // ---- payments (each ordered pair once, sorted by payer then payee)
  paidFrom: Int32Array;
  paidTo: Int32Array;
  paidCount: Int32Array;
  paidAmount: Float64Array;
  /** Age of the latest payment in days before asOf. */
  paidLastDays: Int32Array;
}

/** Largest population the generator accepts: memory grows by about 0.5 GB per million persons. */
export const MAX_PERSONS = 10_000_000;

/**
 * The credit events of person `seq`, replayed from the person's own seeded stream (the same
 * list every call; ids `e<seq>-<k>` in date order, all `active`).
 *
 * @example eventsOf(pop, 42)[0]?.id // 'e42-0'
 */
export function eventsOf(pop: SyntheticPopulation, seq: number): CreditEvent[] {
  return eventsOfPerson(pop, seq);
}

/**
 * Generates a population (see the banner for the model).
 *
 * @example
 * const pop = generatePopulation({ persons: 10_000, seed: 7 });
 * pop.friendA.length; // ≈ 50 000 friendships (mean degree ≈ 10)
 */
export function generatePopulation(options: GenerateOptions): SyntheticPopulation {
  const { persons: n, seed, asOf = '2026-06-30', params = DEFAULTS, onPhase } = options;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_PERSONS) {
    throw new Error(`synth/population: persons must be an integer in 1..${MAX_PERSONS}, got ${n}`);
  }
  if (!Number.isSafeInteger(seed)) throw new Error(`synth/population: seed must be a safe integer, got ${seed}`);
  const dates = new DateLabels(asOf);

  onPhase?.('communities');
  const plan = planCommunities(n, params.communities, new Prng(seed, STREAMS.communities));

  onPhase?.('persons');
  const people = drawPersons(n, plan, params, dates.year, new Prng(seed, STREAMS.persons));

  onPhase?.('friendships');
  const weights = expectedDegrees(
    n,
    people.accountAgeDays,
    people.verified,
    params.friendships,
    new Prng(seed, STREAMS.friendships, 1),
  );
  const pairs = sampleFriendPairs(n, weights, plan, params.friendships, new Prng(seed, STREAMS.friendships, 2));
  const ties = drawTies(n, pairs, plan.community, people.accountAgeDays, params.friendships, new Prng(seed, STREAMS.ties));

  onPhase?.('risk');
  const networkRisk = contagion(n, pairs.a, pairs.b, ties.interactions, people.ownRisk, params.risk);
  const risk = hiddenRisk(people.ownRisk, networkRisk, params.risk, new Prng(seed, STREAMS.risk));
  const defaulted = drawOutcomes(risk, params.risk, new Prng(seed, STREAMS.outcomes));

  onPhase?.('transactions');
  const paid = samplePayments(
    n,
    pairs,
    ties,
    people.accountAgeDays,
    people.incomeMonthly,
    params,
    new Prng(seed, STREAMS.transactions),
  );

  return {
    persons: n,
    seed,
    asOf,
    params,
    dates,
    community: plan.community,
    communityCount: plan.count,
    risk,
    ownRisk: people.ownRisk,
    networkRisk,
    verified: people.verified,
    accountAgeDays: people.accountAgeDays,
    incomeMonthly: people.incomeMonthly,
    debtMonthly: people.debtMonthly,
    assets: people.assets,
    billsOnTimeRatio: people.billsOnTimeRatio,
    activityRegularity: people.activityRegularity,
    addressChanges: people.addressChanges,
    birthYear: people.birthYear,
    sex: people.sex,
    defaulted,
    friendA: pairs.a,
    friendB: pairs.b,
    friendSinceDays: ties.sinceDays,
    friendInteractions: ties.interactions,
    paidFrom: paid.from,
    paidTo: paid.to,
    paidCount: paid.count,
    paidAmount: paid.amount,
    paidLastDays: paid.lastDays,
  };
}
