/**
 * The contact graph with nominal weights — typeWeight · strength summed per pair, before trust
 * (csr.ts) — as a CSR: what a snapshot image keeps between runs. An incremental run replaces
 * the links of the few persons whose data changed (`replaceLinks`) instead of assembling the
 * whole graph again from its links, and applies trust (`withTrust`) to get the CSR the kernels
 * read, sharing its offsets and targets.
 *
 * A `NominalCsr` (csr.ts) holds nominal weights, `degree` their row sums, and a symmetric
 * pattern: what `nominalCsr(n, links)` assembles from staged links (link-staging.ts).
 *
 * Replacing the links of a set S (each link touching S dropped, the given ones added) can change
 * only the rows of S and of the persons linked to S before or after; every other row is copied
 * as it is, in runs between changed rows: O(n) for the offsets, a block copy for the entries,
 * and O(Σ degree) over the changed rows. A row that comes out with the entries it had (S's
 * events changed, not its links) is not changed; when no row is, the entries are shared with
 * the old CSR and nothing is copied.
 */
import { assembleCsr, type Csr, type LinkColumns, type NominalCsr } from './csr.js';
import { checkedTrust } from './tie-strength.js';

/**
 * The nominal CSR of undirected links with their nominal weights (as `LinkStaging.links()`
 * gives them): both directions of every link, repeated pairs summed, self-links dropped. The
 * columns are not changed.
 *
 * @example
 * const contacts = nominalCsr(n, staging.links());
 */
export function nominalCsr(nodeCount: number, links: LinkColumns): NominalCsr {
  return { ...assembleCsr(nodeCount, links, true), symmetric: true, kind: 'nominal' };
}

/**
 * Which rows `replaceLinks` rebuilt. Every other row holds the same entries in the same order,
 * and — since a person's trust changes only when their data does (the as-of date is fixed for
 * an image), and then every row linking them is rebuilt — the same trusted weights: a value
 * per entry of such a row can be carried over from the old layout (`carryRows`) instead of
 * computed again.
 */
export interface RowChange {
  /** The CSR the change was made from. */
  from: NominalCsr;
  /** Row starts after the change (length n + 1). */
  offsets: Int32Array;
  /** The rebuilt rows, ascending (a row beyond the old count that is not listed has no entries); none: the entries are `from`'s own arrays. */
  rows: Int32Array;
}

/** What `replaceLinks` is told besides the links. */
export interface ReplaceOptions {
  /** Persons after the change (default: as before; never fewer). New persons come with the rows beyond the old ones. */
  nodeCount?: number;
  /**
   * Replaced persons whose trust changed: every row linking them is rebuilt even when its nominal
   * entries did not change, since its trusted weights did (`withTrust` carries the rest).
   */
  trustChanged?: readonly number[];
}

/**
 * Copies the per-entry values of every row `change` kept from the old layout (`from`, aligned
 * with `change.from`'s entries) to the new one (`into`); the rebuilt rows are left to the caller.
 * Unchanged rows between two rebuilt ones are one block in both layouts.
 */
export function carryRows<T extends Int32Array | Float64Array>(change: RowChange, from: T, into: T): void {
  const oldOffsets = change.from.offsets;
  const oldN = change.from.nodeCount;
  const offsets = change.offsets;
  const n = offsets.length - 1;
  let start = 0; // first row of the current unchanged run
  const copy = (until: number) => {
    const end = Math.min(until, oldN);
    if (start < end) into.set(from.subarray(oldOffsets[start]!, oldOffsets[end]!), offsets[start]!);
  };
  for (const row of change.rows) {
    copy(row);
    start = row + 1;
  }
  copy(n);
}

/**
 * The kernels' CSR from a nominal one: w_ij = nominal_ij · trust_j, D_i the nominal degree.
 * Shares `offsets`, `targets` and `degree` with `nominal` (neither is changed afterwards).
 * Given the trusted CSR of the nominal one `previous.change` was made from, only the rebuilt
 * rows are computed; the others are carried over (the same result, a block copy instead of a
 * random read of trust per entry). With no row rebuilt, it is that trusted CSR, nothing copied,
 * and `trust`, when given as a function, is never asked for.
 *
 * @example withTrust(image.contacts, () => trustArray(image.verified, image.accountAgeDays, params), carried)
 */
export function withTrust(nominal: NominalCsr, trust: ArrayLike<number> | (() => ArrayLike<number>), previous?: { trusted: Csr; change: RowChange }): Csr {
  const n = nominal.nodeCount;
  const { targets, weights: nominalWeights, degree } = nominal;
  const offsets = nominal.offsets;
  if (previous && previous.change.offsets === offsets && previous.change.rows.length === 0 && previous.trusted.targets === targets) {
    // No row rebuilt, the entries shared: the trusted CSR is the old one (grown by empty rows).
    return previous.trusted.offsets === offsets ? previous.trusted : { ...previous.trusted, nodeCount: n, offsets, degree };
  }
  const t = checkedTrust(typeof trust === 'function' ? trust() : trust, n);
  const trustRows = (from: number, to: number) => {
    for (let e = from; e < to; e++) weights[e] = nominalWeights[e]! * t[targets[e]!]!;
  };
  const weights = new Float64Array(targets.length);
  if (previous && previous.change.offsets === offsets) {
    carryRows(previous.change, previous.trusted.weights, weights);
    for (const i of previous.change.rows) trustRows(offsets[i]!, offsets[i + 1]!);
  } else {
    trustRows(0, targets.length);
  }
  return { nodeCount: n, offsets, targets, weights, degree, symmetric: true, kind: 'trusted', parts: { nominal: nominalWeights, trust: t } };
}

/**
 * `nominal` with every link touching a person in `persons` dropped and `links` (nominal weights,
 * each touching one of them) added, over `options.nodeCount` ≥ nominal.nodeCount persons.
 * Equal to `nominalCsr` of the old links so replaced, up to the order of entries within a row
 * and the rounding of sums. A row whose entries come out equal (same targets, same weights up to
 * the rounding of their sums) is kept as it was and not listed in `change.rows`, unless it links
 * a person whose trust changed (`options.trustChanged`). `nominal` is not changed.
 *
 * @example
 * const { contacts, change } = replaceLinks(image.contacts, [4, 17], freshLinksOf4And17, { nodeCount: seqBound });
 */
export function replaceLinks(nominal: NominalCsr, persons: readonly number[], links: LinkColumns, options: ReplaceOptions = {}): { contacts: NominalCsr; change: RowChange } {
  const oldN = nominal.nodeCount;
  const n = options.nodeCount ?? oldN;
  if (!Number.isInteger(n) || n < oldN || n > 0x7fffffff) {
    throw new Error(`csr: replaceLinks can grow ${oldN} persons, not change them to ${n}`);
  }
  const replaced = new Uint8Array(n);
  for (const seq of persons) {
    if (!(Number.isInteger(seq) && seq >= 0 && seq < n)) throw new Error(`csr: replaced person ${seq} is outside 0..${n - 1}`);
    replaced[seq] = 1;
  }
  // The rows that may change: the replaced persons', their old contacts', and the new links' ends.
  const candidates = new Set<number>();
  for (const i of persons) {
    candidates.add(i);
    for (const j of oldRow(nominal, i).targets) candidates.add(j);
  }
  const added = addedEntries(links, replaced, candidates);
  const retrusted = new Set<number>();
  for (const i of options.trustChanged ?? []) {
    if (!replaced[i]) throw new Error(`csr: person ${i} changed trust but is not replaced`);
    for (const j of [i, ...oldRow(nominal, i).targets, ...(added.get(i)?.targets ?? [])]) retrusted.add(j);
  }
  const rows: number[] = [];
  const newRows: RowEntries[] = [];
  for (const i of [...candidates].sort((x, y) => x - y)) {
    const row = newRow(nominal, i, replaced, added.get(i));
    if (!retrusted.has(i) && sameEntries(oldRow(nominal, i), row, replaced[i] === 0 ? replaced : undefined)) continue;
    rows.push(i);
    newRows.push(row);
  }
  return assembleReplaced(nominal, n, rows, newRows);
}

/** Row i of `nominal` (empty beyond its persons), as views. */
function oldRow(nominal: NominalCsr, i: number): { targets: Int32Array; weights: Float64Array } {
  const from = i < nominal.nodeCount ? nominal.offsets[i]! : 0;
  const to = i < nominal.nodeCount ? nominal.offsets[i + 1]! : 0;
  return { targets: nominal.targets.subarray(from, to), weights: nominal.weights.subarray(from, to) };
}

/**
 * Rounding a sum of link weights in another order (a pair linked by a friendship and payments,
 * read in another order) moves it by a few units in the last place; a real change of a link
 * moves it by far more than this.
 */
const SAME_SUM = 1e-12;

/**
 * Whether two rows (targets distinct within each) hold the same target → weight pairs, each
 * weight equal up to the rounding of its sum (SAME_SUM, relative). A kept row (`replaced` given:
 * its person was not replaced) comes back as `newRow` builds it: its old entries to persons not
 * replaced, in their old order, then the entries to replaced persons afresh; a replaced person's
 * row comes back in the order of the patch's links.
 */
function sameEntries(old: { targets: Int32Array; weights: Float64Array }, row: RowEntries, replaced?: Uint8Array): boolean {
  const d = old.targets.length;
  if (d !== row.targets.length) return false;
  const same = (at: number, k: number) => {
    const was = old.weights[at]!;
    const now = row.weights[k]!;
    return Math.abs(was - now) <= SAME_SUM * Math.max(Math.abs(was), Math.abs(now));
  };
  // Old entries to compare with the new row's tail (or all of them, in any order).
  let unmatched: number[] = [];
  let k = 0;
  if (replaced) {
    for (let e = 0; e < d; e++) {
      if (replaced[old.targets[e]!]) unmatched.push(e);
      else if (row.targets[k] !== old.targets[e] || !same(e, k++)) return false;
    }
  } else {
    unmatched = Array.from({ length: d }, (_, e) => e);
  }
  if (unmatched.length > 32) {
    const at = new Map(unmatched.map((e) => [old.targets[e]!, e]));
    for (; k < d; k++) if (!(at.has(row.targets[k]!) && same(at.get(row.targets[k]!)!, k))) return false;
    return true;
  }
  for (; k < d; k++) {
    const found = unmatched.findIndex((e) => old.targets[e] === row.targets[k]);
    if (found < 0 || !same(unmatched[found]!, k)) return false;
    unmatched.splice(found, 1);
  }
  return true;
}

/** The entries (both directions) the new links add, by row; each link's ends join `changed`. */
function addedEntries(links: LinkColumns, replaced: Uint8Array, changed: Set<number>): Map<number, RowEntries> {
  const n = replaced.length;
  const added = new Map<number, RowEntries>();
  const addTo = (row: number, target: number, weight: number) => {
    let list = added.get(row);
    if (!list) added.set(row, (list = { targets: [], weights: [] }));
    list.targets.push(target);
    list.weights.push(weight);
  };
  const { a, b, w } = links;
  if (b.length !== a.length || w.length !== a.length) throw new Error('csr: link batch columns differ in length');
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    const weight = w[k]!;
    if (!(Number.isInteger(x) && Number.isInteger(y) && x >= 0 && x < n && y >= 0 && y < n)) {
      throw new Error(`csr: link (${x}, ${y}) names a person outside 0..${n - 1}`);
    }
    if (!(weight >= 0) || weight === Infinity) throw new Error(`csr: link (${x}, ${y}) has weight ${weight}`);
    if (!replaced[x] && !replaced[y]) throw new Error(`csr: link (${x}, ${y}) touches no replaced person`);
    if (x === y) continue;
    addTo(x, y, weight);
    addTo(y, x, weight);
    changed.add(x);
    changed.add(y);
  }
  return added;
}

/** One row's entries in building. */
interface RowEntries {
  targets: number[];
  weights: number[];
}

/**
 * Changed row i's new entries: its kept old entries (to persons not replaced; a replaced
 * person's row keeps none), then the added ones, repeated targets merged.
 */
function newRow(nominal: NominalCsr, i: number, replaced: Uint8Array, extra: RowEntries | undefined): RowEntries {
  const { offsets, targets: oldTargets, weights: oldWeights } = nominal;
  const targets: number[] = [];
  const weights: number[] = [];
  if (i < nominal.nodeCount && !replaced[i]) {
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      if (replaced[oldTargets[e]!]) continue;
      targets.push(oldTargets[e]!);
      weights.push(oldWeights[e]!);
    }
  }
  if (extra) {
    const slot = new Map<number, number>();
    for (let k = 0; k < extra.targets.length; k++) {
      const j = extra.targets[k]!;
      const at = slot.get(j);
      if (at === undefined) {
        slot.set(j, targets.length);
        targets.push(j);
        weights.push(extra.weights[k]!);
      } else {
        weights[at]! += extra.weights[k]!;
      }
    }
  }
  return { targets, weights };
}

/** The nominal CSR over n persons with the changed `rows` (ascending) holding `newRows`; every other row carried over as a block. */
function assembleReplaced(nominal: NominalCsr, n: number, rows: number[], newRows: RowEntries[]): { contacts: NominalCsr; change: RowChange } {
  const oldN = nominal.nodeCount;
  const oldOffsets = nominal.offsets;
  if (rows.length === 0) {
    const contacts = oldN === n ? nominal : withEmptyRows(nominal, n);
    return { contacts, change: { from: nominal, offsets: contacts.offsets, rows: new Int32Array(0) } };
  }
  // Offsets: old row lengths, the changed rows' new ones.
  const offsets = new Int32Array(n + 1);
  const length = (i: number) => (i < oldN ? oldOffsets[i + 1]! - oldOffsets[i]! : 0);
  let r = 0;
  for (let i = 0; i < n; i++) {
    const own = rows[r] === i ? newRows[r++]!.targets.length : length(i);
    offsets[i + 1] = offsets[i]! + own;
  }
  const entries = offsets[n]!;
  const targets = new Int32Array(entries);
  const weights = new Float64Array(entries);
  const degree = new Float64Array(n);
  degree.set(nominal.degree);
  const change: RowChange = { from: nominal, offsets, rows: Int32Array.from(rows) };
  carryRows(change, nominal.targets, targets);
  carryRows(change, nominal.weights, weights);
  rows.forEach((i, k) => {
    const row = newRows[k]!;
    targets.set(row.targets, offsets[i]!);
    weights.set(row.weights, offsets[i]!);
    let d = 0;
    for (const value of row.weights) d += value;
    degree[i] = d;
  });
  return { contacts: { nodeCount: n, offsets, targets, weights, degree, symmetric: true, kind: 'nominal' }, change };
}

/** `nominal` grown to n persons by rows without entries; the entries are its own arrays. */
function withEmptyRows(nominal: NominalCsr, n: number): NominalCsr {
  const offsets = new Int32Array(n + 1);
  offsets.set(nominal.offsets);
  offsets.fill(nominal.offsets[nominal.nodeCount]!, nominal.nodeCount + 1);
  const degree = new Float64Array(n);
  degree.set(nominal.degree);
  return { ...nominal, nodeCount: n, offsets, degree };
}
