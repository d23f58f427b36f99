/**
 * Where does the one-hop baseline's edge on a signed rating network come from? The protocol's
 * one-hop rule (bench/lib/signed-baselines.ts: the count-weighted mean over past contacts) is fed
 * each contact's own record in several forms, split into what tiescore's credit events keep of a
 * rating (its sign, its date) and what they do not (its size), and each is ranked against the
 * protocol's outcomes, for all evaluated persons and thin files. The persons' own records are
 * ranked too, to show how the protocol's outcome (at least one negative rating among the ratings
 * a person receives later) grows with activity. No tiescore code is involved: this reads the
 * rating file only, in a second or two.
 *
 *   npx tsx bench/real-network-signals.ts [--data FILE] [--cuts 0.5,0.6,0.7]
 *
 * Prints one markdown table per cut, then one JSON line.
 */
import { resolve } from 'node:path';
import { auc } from '../src/reports/metrics/auc.js';
import { signedBaselines } from './lib/signed-baselines.js';
import { readRatings, splitAtCut, type Rating } from './lib/signed-network.js';
import { machine, stringArg } from './lib/report.js';

const dataFile = resolve(stringArg('data') ?? '../shared/data/bitcoin-alpha/soc-sign-bitcoinalpha.csv');
const cuts = (stringArg('cuts') ?? '0.5,0.6,0.7').split(',').map(Number);
if (cuts.some((c) => !(c > 0 && c < 1))) throw new Error('--cuts must be shares between 0 and 1, comma-separated');

/** Half-life of a rating's weight in the recency-weighted signals: six months, the default model's. */
const HALF_LIFE_SECONDS = 182.5 * 86_400;

/** A person's own record as of the cut; higher = safer for every signal. */
const SIGNALS: Record<string, { keptByCreditEvents: boolean; of: (received: readonly Rating[], cut: number, mu: number) => number }> = {
  'mean rating received, shrunk (the baseline\'s)': { keptByCreditEvents: false, of: (r, _c, mu) => (sum(r, (x) => x.weight) + 2 * mu) / (r.length + 2) },
  'mean size of the positive ratings received, shrunk': {
    keptByCreditEvents: false,
    of: (r) => {
      const positive = r.filter((x) => x.weight > 0);
      return (sum(positive, (x) => x.weight) + 2) / (positive.length + 2);
    },
  },
  'share of ratings received that were positive, shrunk': { keptByCreditEvents: true, of: (r) => (r.filter((x) => x.weight > 0).length + 1) / (r.length + 2) },
  'recency-weighted negatives received (negated)': { keptByCreditEvents: true, of: (r, cut) => -sum(r.filter((x) => x.weight < 0), (x) => decay(x, cut)) },
  'any negative received (negated)': { keptByCreditEvents: true, of: (r) => (r.some((x) => x.weight < 0) ? 0 : 1) },
  'ratings received, log(1 + count)': { keptByCreditEvents: true, of: (r) => Math.log1p(r.length) },
};

const sum = (rows: readonly Rating[], f: (r: Rating) => number) => rows.reduce((s, r) => s + f(r), 0);
const decay = (r: Rating, cut: number) => 0.5 ** ((cut - r.at) / HALF_LIFE_SECONDS);
const f3 = (x: number) => x.toFixed(3);

const ratings = readRatings(dataFile);
const results: Record<string, Record<string, { oneHop: { all: number; thin: number }; own: { all: number; thin: number } }>> = {};
for (const cutShare of cuts) {
  const split = splitAtCut(ratings, cutShare);
  const mu = sum(split.past, (r) => r.weight) / split.past.length;
  const received = new Map<string, Rating[]>();
  for (const r of split.past) {
    received.set(r.source, received.get(r.source) ?? []);
    received.set(r.target, [...(received.get(r.target) ?? []), r]);
  }
  const baselines = signedBaselines(split.past);
  const all = [...split.outcomes.keys()];
  const thin = all.filter((id) => split.thin.has(id));
  const rank = (values: ReadonlyMap<string, number>, ids: string[]) => auc(ids.map((id) => values.get(id)!), ids.map((id) => split.outcomes.get(id)!));
  results[String(cutShare)] = {};
  const lines = Object.entries(SIGNALS).map(([name, signal]) => {
    const own = new Map([...received].map(([id, r]) => [id, signal.of(r, split.cut, mu)]));
    const oneHop = baselines.neighbourMean(own, signal.of([], split.cut, mu));
    const ranked = { oneHop: { all: rank(oneHop, all), thin: rank(oneHop, thin) }, own: { all: rank(own, all), thin: rank(own, thin) } };
    results[String(cutShare)]![name] = ranked;
    return `| ${name} | ${signal.keptByCreditEvents ? 'yes' : 'no'} | ${f3(ranked.oneHop.all)} | ${f3(ranked.oneHop.thin)} | ${f3(ranked.own.all)} | ${f3(ranked.own.thin)} |`;
  });
  const bad = (ids: string[]) => ids.filter((id) => split.outcomes.get(id) === 1).length;
  console.log(
    [
      `### Cut ${cutShare} (as of ${split.asOf}): ${all.length} evaluated (${bad(all)} bad), ${thin.length} thin (${bad(thin)} bad)`,
      '',
      '| a contact\'s (or the person\'s own) record | kept by the credit-event mapping | one-hop, all | one-hop, thin | own, all | own, thin |',
      '|---|---|---|---|---|---|',
      ...lines,
      '',
    ].join('\n'),
  );
}
console.log(JSON.stringify({ bench: 'real-network-signals', machine: machine(), cuts: results }));
