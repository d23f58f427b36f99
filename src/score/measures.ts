/**
 * The vocabulary of the scorecard: its dimensions and the measures a model file may score.
 *
 * A measure is a number the code computes from a person's records (a ratio, a count, a
 * length of time); a model file attaches bins → points to it under a stable feature code.
 * Which way is *better* belongs to the measure, not to the model file, so a model whose bins
 * give fewer points for a better value is rejected when it is loaded: every valid model is
 * monotone by construction (more on-time repayments, fewer defaults, less debt never lower a
 * score).
 */

/** The four dimensions computed from a person's own records, in the order they are reported. */
export const PERSONAL_DIMENSIONS = ['history', 'behaviour', 'capacity', 'identity'] as const;
export type PersonalDimension = (typeof PERSONAL_DIMENSIONS)[number];

/** All five dimensions; `network` comes from the graph kernels (src/graph), not from a scorecard. */
export const DIMENSIONS = [...PERSONAL_DIMENSIONS, 'network'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What one measure is, for validation and for readers of explanations. */
export interface MeasureSpec {
  /** The dimension whose scorecard may use this measure. */
  dimension: PersonalDimension;
  /** Which way is better: bins must never give fewer points for a better value. */
  better: 'higher' | 'lower';
  /** What the number is, in plain words (with its unit). */
  description: string;
  /** Values are capped here so they stay finite (JSON-safe), e.g. a debt with zero income. */
  cap?: number;
  /** The neutral label of a feature scoring this measure, unless the model names one. */
  label: string;
  /** What an unknown value is "no information on", e.g. "bill payments". */
  topic: string;
  /** How a value reads to a person, after the label ("Bills paid on time: 97%"). */
  unit: MeasureUnit;
}

/** How a measure's value is written for people (see formatMeasure). */
export type MeasureUnit = 'decayed-count' | 'share' | 'months' | 'flag-bad' | 'flag-good' | 'count' | 'ratio' | 'months-of-income';

export const MEASURES = {
  decayedDefaults: {
    dimension: 'history',
    better: 'lower',
    description: 'defaults in the retention window, each counted 0.5^(age in months / half-life)',
    label: 'Defaults on record',
    topic: 'defaults',
    unit: 'decayed-count',
  },
  lateShare: {
    dimension: 'history',
    better: 'lower',
    description: 'decay-weighted share of repayments made late, in [0, 1]; 0 without repayments',
    label: 'Repayments made late',
    topic: 'late repayments',
    unit: 'share',
  },
  onTimeMonths: {
    dimension: 'history',
    better: 'higher',
    description: 'months since the earliest on-time repayment in the retention window; 0 without one',
    label: 'Record of on-time repayments',
    topic: 'on-time repayments',
    unit: 'months',
  },
  activeBlacklist: {
    dimension: 'history',
    better: 'lower',
    description: '1 with an active court debtor-list entry on the scoring date, else 0',
    label: 'Court debtor-list entries',
    topic: 'court debtor lists',
    unit: 'flag-bad',
  },
  billsOnTimeRatio: {
    dimension: 'behaviour',
    better: 'higher',
    description: 'share of utility and phone bills paid on time over the last 12 months, in [0, 1]',
    label: 'Bills paid on time',
    topic: 'bill payments',
    unit: 'share',
  },
  activityRegularity: {
    dimension: 'behaviour',
    better: 'higher',
    description: 'regularity of account activity over the last 12 months, in [0, 1] (1 = every month)',
    label: 'Regularity of account activity',
    topic: 'account activity',
    unit: 'share',
  },
  debtToIncome: {
    dimension: 'capacity',
    better: 'lower',
    description: 'monthly debt service ÷ monthly income; 0 without debt, the cap with debt and no income',
    cap: 10,
    label: 'Debt payments against income',
    topic: 'debt payments and income',
    unit: 'ratio',
  },
  assetMonths: {
    dimension: 'capacity',
    better: 'higher',
    description: 'assets ÷ monthly income: how many months of income the assets equal; the cap with assets and no income',
    cap: 120,
    label: 'Savings against income',
    topic: 'savings and income',
    unit: 'months-of-income',
  },
  verified: {
    dimension: 'identity',
    better: 'higher',
    description: '1 if the identity was verified by a trusted document check, else 0',
    label: 'Identity verified',
    topic: 'identity verification',
    unit: 'flag-good',
  },
  accountAgeMonths: {
    dimension: 'identity',
    better: 'higher',
    description: 'months since the account was opened (0 if opened after the scoring date)',
    label: 'Age of the account',
    topic: 'the account age',
    unit: 'months',
  },
  addressChanges: {
    dimension: 'identity',
    better: 'lower',
    description: 'address changes in the last 3 years (all bins 0 points in the default model)',
    label: 'Address changes in the last 3 years',
    topic: 'address changes',
    unit: 'count',
  },
} as const satisfies Record<string, MeasureSpec>;

export type MeasureName = keyof typeof MEASURES;

/** The measures of one dimension. */
export type MeasureOf<D extends PersonalDimension> = {
  [M in MeasureName]: (typeof MEASURES)[M]['dimension'] extends D ? M : never;
}[MeasureName];

/**
 * One value per measure of a dimension, as the dimension functions compute them; `undefined`
 * when the person attributes it needs are unknown (the feature then scores its `missing` bin).
 */
export type MeasureValues<D extends PersonalDimension> = Record<MeasureOf<D>, number | undefined>;

/**
 * The names of the measures a dimension may use, in catalogue order.
 *
 * @example
 * measuresOf('capacity'); // ['debtToIncome', 'assetMonths']
 */
export function measuresOf<D extends PersonalDimension>(dimension: D): MeasureOf<D>[] {
  return (Object.keys(MEASURES) as MeasureName[]).filter(
    (name) => MEASURES[name].dimension === dimension,
  ) as MeasureOf<D>[];
}

/** Clamps a value to its measure's cap (a no-op for measures without one). */
export function capMeasure(name: MeasureName, value: number): number {
  const spec: MeasureSpec = MEASURES[name];
  return spec.cap === undefined ? value : Math.min(value, spec.cap);
}

const fixed = (value: number, digits: number) => String(Number(value.toFixed(digits)));

/**
 * A measured value as a person reads it after the feature's label; "unknown" when it is.
 *
 * @example
 * formatMeasure('billsOnTimeRatio', 0.974); // '97.4%'
 * formatMeasure('decayedDefaults', 0);       // 'none'
 * formatMeasure('verified', undefined);      // 'unknown'
 */
export function formatMeasure(name: MeasureName, value: number | undefined): string {
  if (value === undefined) return 'unknown';
  switch ((MEASURES[name] as MeasureSpec).unit) {
    case 'decayed-count':
      return value === 0 ? 'none' : `${fixed(value, 2)} (older ones count less)`;
    case 'share':
      return `${fixed(value * 100, 1)}%`;
    case 'months':
      return `${Math.floor(value)} months`;
    case 'flag-bad':
      return value > 0 ? 'listed' : 'none';
    case 'flag-good':
      return value > 0 ? 'yes' : 'no';
    case 'count':
      return fixed(value, 0);
    case 'ratio':
      return `${fixed(value * 100, 1)}%`;
    case 'months-of-income':
      return `${fixed(value, 1)} months of income`;
  }
}
