/**
 * The plain baselines of the signed-network protocol (`../shared/data/bitcoin-alpha/README.md`),
 * recomputed here so a run checks its own reading of the protocol against the published figures:
 *
 *   own history  h_i = (Σ w received + 2μ) / (n received + 2), μ the mean past rating
 *   one-hop      mean of h_j over past contacts j (either direction, weighted by rating count)
 *   propagated   x = 0.5·h + 0.5·(neighbour mean of x), then the neighbour mean of x
 *   own + 0.3 × propagated
 *
 * Higher = safer for every signal. A person without contacts gets μ for the neighbour means.
 * `neighbourMean` applies the one-hop rule to any other signal (e.g. tiescore's own history
 * dimension), so a run can tell the kernel's share of a gap from the signal's.
 */
import type { Rating } from './signed-network.js';

export interface Baselines {
  ownHistory: Map<string, number>;
  oneHop: Map<string, number>;
  propagated: Map<string, number>;
  ownPlusPropagated: Map<string, number>;
  /** The one-hop rule over another signal (every past account must have a value; `fallback` without contacts). */
  neighbourMean: (values: ReadonlyMap<string, number>, fallback: number) => Map<string, number>;
}

export function signedBaselines(past: readonly Rating[]): Baselines {
  const mu = past.reduce((s, r) => s + r.weight, 0) / Math.max(1, past.length);
  const sum = new Map<string, number>();
  const count = new Map<string, number>();
  const contacts = new Map<string, Map<string, number>>();
  const link = (a: string, b: string) => {
    const row = contacts.get(a) ?? new Map<string, number>();
    row.set(b, (row.get(b) ?? 0) + 1);
    contacts.set(a, row);
  };
  for (const r of past) {
    sum.set(r.target, (sum.get(r.target) ?? 0) + r.weight);
    count.set(r.target, (count.get(r.target) ?? 0) + 1);
    link(r.source, r.target);
    link(r.target, r.source);
  }
  const ids = [...contacts.keys()];
  const ownHistory = new Map(ids.map((id) => [id, ((sum.get(id) ?? 0) + 2 * mu) / ((count.get(id) ?? 0) + 2)]));
  const neighbourMean = (values: ReadonlyMap<string, number>, fallback = mu) =>
    new Map(
      ids.map((id) => {
        let total = 0;
        let weight = 0;
        for (const [j, c] of contacts.get(id)!) {
          total += c * values.get(j)!;
          weight += c;
        }
        return [id, weight > 0 ? total / weight : fallback];
      }),
    );
  const oneHop = neighbourMean(ownHistory);
  let x = new Map(ownHistory);
  for (let it = 0; it < 50; it++) {
    const mean = neighbourMean(x);
    x = new Map(ids.map((id) => [id, 0.5 * ownHistory.get(id)! + 0.5 * mean.get(id)!]));
  }
  const propagated = neighbourMean(x);
  const ownPlusPropagated = new Map(ids.map((id) => [id, ownHistory.get(id)! + 0.3 * propagated.get(id)!]));
  return { ownHistory, oneHop, propagated, ownPlusPropagated, neighbourMean };
}
