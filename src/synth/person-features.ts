/**
 * Per-person draws of the synthetic population (banner of population.ts, step 2): protected
 * attributes, account age, the own latent risk o_i, and the features that read o_i through
 * noise. Features are rounded here to the precision the files carry, so the arrays and the
 * files agree exactly.
 */
import type { CommunityPlan } from './communities.js';
import { roundMoney, roundRatio } from './format.js';
import type { SynthParams } from './population.js';
import type { Prng } from '../prng.js';

export interface PersonArrays {
  ownRisk: Float64Array;
  verified: Uint8Array;
  accountAgeDays: Int32Array;
  incomeMonthly: Float64Array;
  debtMonthly: Float64Array;
  assets: Float64Array;
  billsOnTimeRatio: Float64Array;
  activityRegularity: Float64Array;
  addressChanges: Int32Array;
  birthYear: Int32Array;
  sex: Uint8Array;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function drawPersons(n: number, plan: CommunityPlan, params: SynthParams, asOfYear: number, rng: Prng): PersonArrays {
  const p = params.persons;
  const omega = params.communities.effectShare;
  const own = Math.sqrt(1 - omega);
  const shared = Math.sqrt(omega);
  const out: PersonArrays = {
    ownRisk: new Float64Array(n),
    verified: new Uint8Array(n),
    accountAgeDays: new Int32Array(n),
    incomeMonthly: new Float64Array(n),
    debtMonthly: new Float64Array(n),
    assets: new Float64Array(n),
    billsOnTimeRatio: new Float64Array(n),
    activityRegularity: new Float64Array(n),
    addressChanges: new Int32Array(n),
    birthYear: new Int32Array(n),
    sex: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const age = Math.min(p.maxAgeYears, 18 + rng.exponential(p.ageScaleYears) + rng.exponential(p.ageScaleYears));
    out.birthYear[i] = asOfYear - Math.floor(age);
    const s = rng.uniform();
    out.sex[i] = s < p.femaleShare ? 0 : s < p.femaleShare + p.maleShare ? 1 : 2;

    const maxDays = Math.min(p.maxAccountDays, Math.floor(365 * (age - 18)));
    let accountDays: number;
    if (rng.bernoulli(p.newAccountShare) || maxDays <= p.newAccountDays) {
      accountDays = rng.int(Math.min(p.newAccountDays, maxDays + 1));
    } else {
      accountDays = p.newAccountDays + Math.floor((maxDays - p.newAccountDays) * Math.pow(rng.uniform(), p.accountAgeSkew));
    }
    out.accountAgeDays[i] = accountDays;

    const o = own * rng.normal() + shared * plan.effect[plan.community[i]!]!;
    out.ownRisk[i] = o;

    const pUnverified = (p.unverifiedBase + (accountDays < p.newAccountDays ? p.unverifiedNewAccount : 0)) * Math.exp(p.unverifiedRiskSlope * o);
    out.verified[i] = rng.bernoulli(pUnverified) ? 0 : 1;

    const ageCurve = p.incomeAgePeak - p.incomeAgeCurvature * (age - p.incomePeakAge) ** 2;
    const income = roundMoney(p.incomeMedian * Math.exp(p.incomeSigma * rng.normal() - p.incomeRiskSlope * o + ageCurve));
    out.incomeMonthly[i] = income;

    const debtRatio = sigmoid(p.debtIntercept + p.debtRiskSlope * o + p.debtNoise * rng.normal());
    out.debtMonthly[i] = rng.bernoulli(p.noDebtShare) ? 0 : roundMoney(income * debtRatio);

    const noAssets = rng.bernoulli(sigmoid(p.noAssetsIntercept + p.noAssetsRiskSlope * o));
    const assetMonths = Math.exp(
      Math.log(p.assetsMonths) + p.assetsAgeSlope * (age - 18) + p.assetsNoise * rng.normal() - p.assetsRiskSlope * o,
    );
    out.assets[i] = noAssets ? 0 : roundMoney(income * assetMonths);

    out.billsOnTimeRatio[i] = roundRatio(1 - sigmoid(p.billsLateIntercept + p.billsLateRiskSlope * o + p.billsLateNoise * rng.normal()));
    const monthsActive = Math.min(12, Math.max(1, Math.ceil(accountDays / 30)));
    const regularity = sigmoid(p.regularityIntercept - p.regularityRiskSlope * o + p.regularityNoise * rng.normal());
    out.activityRegularity[i] = roundRatio(Math.min(regularity, monthsActive / 12));

    out.addressChanges[i] = rng.poisson(p.addressChangesBase + p.addressChangesYoung * Math.exp(-(age - 18) / p.addressChangesDecayYears));
  }
  return out;
}
