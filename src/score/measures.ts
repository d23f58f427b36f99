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
}

export const MEASURES = {
  decayedDefaults: {
    dimension: 'history',
    better: 'lower',
    description: 'defaults in the retention window, each counted 0.5^(age in months / half-life)',
  },
  lateShare: {
    dimension: 'history',
    better: 'lower',
    description: 'decay-weighted share of repayments made late, in [0, 1]; 0 without repayments',
  },
  onTimeMonths: {
    dimension: 'history',
    better: 'higher',
    description: 'months since the earliest on-time repayment in the retention window; 0 without one',
  },
  activeBlacklist: {
    dimension: 'history',
    better: 'lower',
    description: '1 with an active court debtor-list entry on the scoring date, else 0',
  },
  billsOnTimeRatio: {
    dimension: 'behaviour',
    better: 'higher',
    description: 'share of utility and phone bills paid on time over the last 12 months, in [0, 1]',
  },
  activityRegularity: {
    dimension: 'behaviour',
    better: 'higher',
    description: 'regularity of account activity over the last 12 months, in [0, 1] (1 = every month)',
  },
  debtToIncome: {
    dimension: 'capacity',
    better: 'lower',
    description: 'monthly debt service ÷ monthly income; 0 without debt, the cap with debt and no income',
    cap: 10,
  },
  assetMonths: {
    dimension: 'capacity',
    better: 'higher',
    description: 'assets ÷ monthly income: how many months of income the assets equal; the cap with assets and no income',
    cap: 120,
  },
  verified: {
    dimension: 'identity',
    better: 'higher',
    description: '1 if the identity was verified by a trusted document check, else 0',
  },
  accountAgeMonths: {
    dimension: 'identity',
    better: 'higher',
    description: 'months since the account was opened (0 if opened after the scoring date)',
  },
  addressChanges: {
    dimension: 'identity',
    better: 'lower',
    description: 'address changes in the last 3 years (all bins 0 points in the default model)',
  },
} as const satisfies Record<string, MeasureSpec>;

export type MeasureName = keyof typeof MEASURES;

/** The measures of one dimension. */
export type MeasureOf<D extends PersonalDimension> = {
  [M in MeasureName]: (typeof MEASURES)[M]['dimension'] extends D ? M : never;
}[MeasureName];

/** One value per measure of a dimension, as the dimension functions compute them. */
export type MeasureValues<D extends PersonalDimension> = Record<MeasureOf<D>, number>;

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
