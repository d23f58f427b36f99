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
 * Replacing the links of a set S (each link touching S dropped, the given ones added) changes
 * only the rows of S and of the persons linked to S before or after; every other row is copied
 * as it is, in runs between changed rows: O(n) for the offsets, a block copy for the entries,
 * and O(Σ degree) over the changed rows.
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
  /** The rebuilt rows, ascending (a row beyond the old count that is not listed has no entries). */
  rows: Int32Array;
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
 * random read of trust per entry).
 *
 * @example withTrust(image.contacts, trustArray(image.verified, image.accountAgeDays, params))
 */
export function withTrust(nominal: NominalCsr, trust: ArrayLike<number>, previous?: { trusted: Csr; change: RowChange }): Csr {
  const n = nominal.nodeCount;
  const { targets, weights: nominalWeights, degree } = nominal;
  const t = checkedTrust(trust, n);
  const weights = new Float64Array(targets.length);
  const offsets = nominal.offsets;
  const trustRows = (from: number, to: number) => {
    for (let e = from; e < to; e++) weights[e] = nominalWeights[e]! * t[targets[e]!]!;
  };
  if (previous && previous.change.offsets === offsets) {
    carryRows(previous.change, previous.trusted.weights, weights);
    for (const i of previous.change.rows) trustRows(offsets[i]!, offsets[i + 1]!);
  } else {
    trustRows(0, targets.length);
  }
  return { nodeCount: n, offsets, targets, weights, degree, symmetric: true, kind: 'trusted' };
}

/**
 * `nominal` with every link touching a person in `persons` dropped and `links` (nominal weights,
 * each touching one of them) added, over `nodeCount` ≥ nominal.nodeCount persons (new persons
 * come with the rows beyond the old ones). Equal to `nominalCsr` of the old links so replaced,
 * up to the order of entries within a row and the rounding of sums. `nominal` is not changed.
 *
 * @example
 * const { contacts, change } = replaceLinks(image.contacts, [4, 17], freshLinksOf4And17, seqBound);
 */
export function replaceLinks(nominal: NominalCsr, persons: readonly number[], links: LinkColumns, nodeCount = nominal.nodeCount): { contacts: NominalCsr; change: RowChange } {
  const oldN = nominal.nodeCount;
  if (!Number.isInteger(nodeCount) || nodeCount < oldN || nodeCount > 0x7fffffff) {
    throw new Error(`csr: replaceLinks can grow ${oldN} persons, not change them to ${nodeCount}`);
  }
  const n = nodeCount;
  const replaced = new Uint8Array(n);
  for (const seq of persons) {
    if (!(Number.isInteger(seq) && seq >= 0 && seq < n)) throw new Error(`csr: replaced person ${seq} is outside 0..${n - 1}`);
    replaced[seq] = 1;
  }
  // The rows that change: the replaced persons', their old contacts', and the new links' ends.
  const changed = new Set<number>();
  for (const i of persons) {
    changed.add(i);
    if (i >= oldN) continue;
    for (let e = nominal.offsets[i]!; e < nominal.offsets[i + 1]!; e++) changed.add(nominal.targets[e]!);
  }
  const added = addedEntries(links, replaced, changed);
  const rows = [...changed].sort((x, y) => x - y);
  return assembleReplaced(nominal, n, rows, rows.map((i) => newRow(nominal, i, replaced, added.get(i))));
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
