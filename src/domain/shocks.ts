/**
 * The named shocks of the network questions — one vocabulary for the API (its OpenAPI
 * descriptions), the analyst page, the demo's output and the README:
 *
 * - `default-event`: a default (of 1,000) is added to the person's record today; their own score
 *   b drops by what the scorecard takes for it (`defaultShock`). What a what-if means by
 *   "default" (`ownScore: "default"`).
 * - `own-score-to`: the person's own score b is set to a value in [0, 1] (`ownScore: b`).
 * - `own-score-to-0`: `own-score-to` with b = 0, the worst the person's own record can be. The
 *   influence ranking (`GET /v1/influence/top`, `pointsIfOwnScoreZero`) uses this one, for every
 *   person at once; a what-if with `ownScore: 0` gives the same total.
 *
 * A default event costs a person much less than own score to 0 (one default among their other
 * records), so the two totals differ by design; each answer names its shock.
 */
export const SHOCK_NAMES = ['default-event', 'own-score-to', 'own-score-to-0'] as const;
export type ShockName = (typeof SHOCK_NAMES)[number];

export const SHOCKS: Record<ShockName, { label: string; description: string }> = {
  'default-event': {
    label: 'a default event',
    description: 'a default of 1,000 added to the person\'s record today (their own score drops by what the scorecard takes for it)',
  },
  'own-score-to': { label: 'own score to a value', description: 'the person\'s own score b set to the given value in [0, 1]' },
  'own-score-to-0': { label: 'own score to 0', description: 'the person\'s own score b set to 0, the worst their own record can be' },
};

/** The name of the shock a what-if's `ownScore` asks for. */
export function shockNameOf(ownScore: 'default' | number): ShockName {
  return ownScore === 'default' ? 'default-event' : ownScore === 0 ? 'own-score-to-0' : 'own-score-to';
}
