/**
 * A signed rating network (`source,target,weight,timestamp`, e.g. SNAP's Bitcoin Alpha) under
 * the evaluation protocol of `../shared/data/bitcoin-alpha/README.md`, and its mapping into
 * tiescore's import files as of the protocol's cut date. A benchmark's mapping, not a product
 * feature.
 *
 * Protocol: ratings sorted by time (stable); the cut is the timestamp of row ⌊0.7·rows⌋; ratings
 * before it are the past (the only scoring input), the rest the future. Outcome: at least one
 * negative rating received in the future. Evaluated: received at least one future rating and
 * has at least one past rating. Thin file: at most one rating received in the past.
 *
 * Mapping (issue 16), as of the cut: every account with a past rating is a person; every
 * past rating received is a credit event (negative → `defaulted`, otherwise `repaid_on_time`;
 * amount |weight|, source the platform); a pair with a positive past rating is a friendship
 * (since the first one; interactions: the pair's ratings in the year before the cut); every
 * past rating is a payment aggregated per ordered pair (count ratings, amount Σ|weight|, last
 * at the latest). The account opens on its first past rating (given or received). What the
 * data do not say is left unknown where the importer allows it (`unknownAttributes`); the
 * fallback values are the same for everybody, so they shift every score alike and rank nobody.
 */
import { readFileSync } from 'node:fs';

/** One rating. */
export interface Rating {
  source: string;
  target: string;
  weight: number;
  /** Unix seconds. */
  at: number;
}

/** The protocol's split of a rating network. */
export interface ProtocolSplit {
  /** Timestamp of the cut (the first future rating's). */
  cut: number;
  /** The cut as `YYYY-MM-DD` (UTC): the scoring date. */
  asOf: string;
  past: Rating[];
  future: Rating[];
  /** Evaluated persons and their outcome (1 = a negative rating received in the future). */
  outcomes: Map<string, 0 | 1>;
  /** Evaluated persons with at most one rating received in the past. */
  thin: Set<string>;
}

/** Reads `source,target,weight,timestamp` rows; throws `FILE:LINE: reason` on a bad row. */
export function readRatings(path: string): Rating[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  if (lines[0]?.trim() !== 'source,target,weight,timestamp') {
    throw new Error(`${path}:1: expected the header source,target,weight,timestamp`);
  }
  const ratings: Rating[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const [source, target, weight, at] = line.split(',');
    const w = Number(weight);
    const t = Number(at);
    if (!source || !target || !Number.isFinite(w) || !Number.isInteger(t)) throw new Error(`${path}:${i + 1}: bad row "${line}"`);
    ratings.push({ source, target, weight: w, at: t });
  }
  return ratings;
}

export const dayOf = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().slice(0, 10);

/** Splits ratings at the protocol's cut (`cutShare` of the rows; 0.7 in the protocol). */
export function splitAtCut(ratings: readonly Rating[], cutShare = 0.7): ProtocolSplit {
  const sorted = ratings.map((r, i) => ({ r, i })).sort((a, b) => a.r.at - b.r.at || a.i - b.i).map((x) => x.r);
  const cut = sorted[Math.floor(cutShare * sorted.length)]!.at;
  const past = sorted.filter((r) => r.at < cut);
  const future = sorted.filter((r) => r.at >= cut);
  const active = new Set<string>();
  const receivedInPast = new Map<string, number>();
  for (const r of past) {
    active.add(r.source).add(r.target);
    receivedInPast.set(r.target, (receivedInPast.get(r.target) ?? 0) + 1);
  }
  const outcomes = new Map<string, 0 | 1>();
  for (const r of future) {
    if (!active.has(r.target)) continue;
    if (r.weight < 0) outcomes.set(r.target, 1);
    else if (!outcomes.has(r.target)) outcomes.set(r.target, 0);
  }
  const thin = new Set([...outcomes.keys()].filter((id) => (receivedInPast.get(id) ?? 0) <= 1));
  return { cut, asOf: dayOf(cut), past, future, outcomes, thin };
}

/** The import files' rows (CSV text per file, header first). */
export interface MappedFiles {
  persons: string;
  friendships: string;
  transactions: string;
  events: string;
  outcomes: string;
}

/** Person columns the data cannot tell, with the value each person gets when unknown is refused. */
export const FALLBACK_ATTRIBUTES = {
  verified: 'true',
  income_monthly: '3000',
  debt_monthly: '600',
  assets: '15000',
  bills_on_time_ratio: '0.95',
  activity_regularity: '0.85',
  address_changes: '0',
} as const;

const YEAR_SECONDS = 365 * 86_400;

/**
 * Maps the past of a split into import files (see the banner). With `unknownAttributes`, the
 * person columns the data cannot tell are left empty (unknown); otherwise they get
 * FALLBACK_ATTRIBUTES.
 */
export function mapToImportFiles(split: ProtocolSplit, options: { unknownAttributes: boolean }): MappedFiles {
  const firstSeen = new Map<string, number>();
  const pairs = new Map<string, { from: string; to: string; count: number; amount: number; last: number }>();
  const friends = new Map<string, { a: string; b: string; since: number; recent: number }>();
  const events: string[] = ['id,person_id,kind,at,amount,source'];
  split.past.forEach((r, index) => {
    for (const id of [r.source, r.target]) if (!firstSeen.has(id) || firstSeen.get(id)! > r.at) firstSeen.set(id, r.at);
    const key = `${r.source}\u0000${r.target}`;
    const pair = pairs.get(key) ?? { from: r.source, to: r.target, count: 0, amount: 0, last: r.at };
    pair.count += 1;
    pair.amount += Math.abs(r.weight);
    pair.last = Math.max(pair.last, r.at);
    pairs.set(key, pair);
    events.push(`r${index},${r.target},${r.weight < 0 ? 'defaulted' : 'repaid_on_time'},${dayOf(r.at)},${Math.abs(r.weight)},ratings`);
  });
  // Interactions: every rating of the pair (either way) in the year before the cut.
  const recent = new Map<string, number>();
  const undirected = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const r of split.past) {
    if (r.at >= split.cut - YEAR_SECONDS) recent.set(undirected(r.source, r.target), (recent.get(undirected(r.source, r.target)) ?? 0) + 1);
  }
  for (const r of split.past) {
    if (!(r.weight > 0)) continue;
    const key = undirected(r.source, r.target);
    const f = friends.get(key);
    if (!f) friends.set(key, { a: r.source, b: r.target, since: r.at, recent: recent.get(key) ?? 0 });
    else f.since = Math.min(f.since, r.at);
  }
  const attributeNames = Object.keys(FALLBACK_ATTRIBUTES);
  const attributeValues = options.unknownAttributes ? attributeNames.map(() => '') : Object.values(FALLBACK_ATTRIBUTES);
  const persons = [['id', 'account_created', ...attributeNames].join(',')];
  for (const [id, at] of [...firstSeen].sort((x, y) => (x[0] < y[0] ? -1 : 1))) persons.push([id, dayOf(at), ...attributeValues].join(','));
  const friendships = ['a,b,since,interactions', ...[...friends.values()].map((f) => `${f.a},${f.b},${dayOf(f.since)},${f.recent}`)];
  const transactions = ['from,to,count,amount,last_at', ...[...pairs.values()].map((p) => `${p.from},${p.to},${p.count},${p.amount},${dayOf(p.last)}`)];
  const outcomes = ['person_id,defaulted', ...[...split.outcomes].map(([id, bad]) => `${id},${bad}`)];
  const text = (rows: string[]) => `${rows.join('\n')}\n`;
  return {
    persons: text(persons),
    friendships: text(friendships),
    transactions: text(transactions),
    events: text(events),
    outcomes: text(outcomes),
  };
}
